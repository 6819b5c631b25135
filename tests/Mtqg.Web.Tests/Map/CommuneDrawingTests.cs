using System.Globalization;
using System.Text.RegularExpressions;
using Mtqg.Web.Features.Map;
using Mtqg.Web.Features.Scorecards;

namespace Mtqg.Web.Tests.Map;

/// <summary>The pure parts of the communes' map (decision 0029): a commune's colour, and the drawing fitted to the file's extent.</summary>
public sealed partial class CommuneDrawingTests
{
    private static CommuneResult Commune(int valuesEntered, params string[] reached) =>
        new("02989", "Xã Bảo Hà", null, 15, 19, null, reached, valuesEntered, []);

    [Fact]
    public void A_title_comes_first_then_the_self_assessed_level_then_not_met_then_no_data()
    {
        Assert.Equal(CommuneStatus.Recognised, CommuneStatus.Of(Commune(0), recognised: true));
        Assert.Equal(CommuneStatus.SelfAssessed, CommuneStatus.Of(Commune(40, "Đạt chuẩn nông thôn mới"), recognised: false));
        Assert.Equal(CommuneStatus.NotMet, CommuneStatus.Of(Commune(40), recognised: false));
        Assert.Equal(CommuneStatus.NoData, CommuneStatus.Of(Commune(0), recognised: false));
        Assert.Equal(
            "Xã Bảo Hà: đạt Đạt chuẩn nông thôn mới theo số liệu tự đánh giá (15/19 tiêu chí), chưa phải công nhận",
            CommuneStatus.Describe(Commune(40, "Đạt chuẩn nông thôn mới"), CommuneStatus.SelfAssessed)
        );
    }

    [Fact]
    public void The_drawing_is_600_wide_fitted_to_the_communes_and_keeps_every_ring_inside_it()
    {
        // Two squares side by side, 0.1° each, at 22° N: the drawing is 0.2° wide and 0.1° high, the height scaled by 1/cos(22°).
        (double, double)[] Square(double lon) => [(lon, 22.0), (lon + 0.1, 22.0), (lon + 0.1, 22.1), (lon, 22.1), (lon, 22.0)];
        var features = new List<BoundaryFeature>
        {
            new(
                0,
                "02989",
                [
                    [Square(104.0)],
                ]
            ),
            new(
                1,
                "02680",
                [
                    [Square(104.1), [(104.12, 22.02), (104.14, 22.02), (104.14, 22.04), (104.12, 22.02)]],
                ]
            ),
        };
        var (paths, height) = CommuneProjection.Draw(features);
        Assert.Equal(Math.Ceiling(0.1 * 600 / (0.2 * Math.Cos(22.05 * Math.PI / 180))), height);
        Assert.Equal(["02680", "02989"], paths.Keys.Order());
        Assert.Equal(2, paths["02680"].Count(c => c == 'M')); // the hole is kept
        Assert.StartsWith("M0,", paths["02989"]);
        Assert.StartsWith("M300,", paths["02680"]);
        foreach (var path in paths.Values)
        {
            // Walk the relative moves: every point stays inside the viewBox.
            foreach (var ring in path.Split('z', StringSplitOptions.RemoveEmptyEntries))
            {
                var numbers = Number().Matches(ring).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
                var (x, y) = (numbers[0], numbers[1]);
                for (var i = 2; i + 1 < numbers.Count; i += 2)
                {
                    (x, y) = (x + numbers[i], y + numbers[i + 1]);
                    Assert.InRange(x, -0.1, 600.1);
                    Assert.InRange(y, -0.1, height + 0.1);
                }
            }
        }
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex Number();
}
