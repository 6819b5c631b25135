using Mtqg.Domain.Criteria;
using static Mtqg.Domain.Tests.Criteria.SampleCriteriaSet;

namespace Mtqg.Domain.Tests.Criteria;

public class CriteriaSetComparisonTests
{
    [Fact]
    public void A_copy_of_the_national_set_differs_in_nothing() =>
        Assert.Empty(CriteriaSetComparison.Compare(Build(), Build() with { Code = "LCI-2026", Province = "15", Details = "DEMO-2026" }));

    [Fact]
    public void A_filled_in_threshold_is_named_with_both_values_in_Vietnamese()
    {
        var province = Build();
        ChangeThreshold(province, 0, 0, 1, t => t with { Value = ThresholdValue.Of(97.5m) });

        var difference = Assert.Single(CriteriaSetComparison.Compare(Build(), province));

        Assert.Equal(new SetDifference(1, "Ngưỡng 1.1 — mức NTM, nhóm G1", DifferenceKind.Changed, "≥ 95%", "≥ 97,5%"), difference);
    }

    [Fact]
    public void An_unknown_national_threshold_the_province_sets_reads_as_unknown_on_the_national_side()
    {
        var national = Build();
        ChangeThreshold(national, 0, 0, 2, t => t with { Value = null });

        var difference = Assert.Single(CriteriaSetComparison.Compare(national, Build()));

        Assert.Equal("chưa có ngưỡng chính thức", difference.National);
        Assert.Equal("≥ 92,5%", difference.Province);
        Assert.Equal("Ngưỡng 1.1 — mức NTM, nhóm G2, năm 2027", difference.Subject);
    }

    [Fact]
    public void Added_rows_and_indicators_and_a_renamed_criterion_are_each_listed_under_their_criterion()
    {
        var province = Build();
        var first = province.Criteria![0];
        province.Criteria[0] = first with
        {
            Name = "Quy hoạch và thực hiện quy hoạch",
            Indicators =
            [
                first.Indicators![0] with
                {
                    Thresholds =
                    [
                        .. first.Indicators[0].Thresholds!,
                        new()
                        {
                            Level = "NTM",
                            Year = 2028,
                            Value = ThresholdValue.Of(96m),
                        },
                    ],
                },
                first.Indicators[1],
                new()
                {
                    Code = "1.3",
                    Name = "Có bản đồ số quy hoạch",
                    Type = "boolean",
                    Rule = "achieved",
                    Thresholds = [new() { Level = "NTM", Value = ThresholdValue.Of(true) }],
                },
            ],
        };

        var differences = CriteriaSetComparison.Compare(Build(), province);

        Assert.Equal(
            [
                ("Tên tiêu chí", DifferenceKind.Changed),
                ("Ngưỡng 1.1 — mức NTM, chung, năm 2028", DifferenceKind.Added),
                ("Chỉ tiêu 1.3", DifferenceKind.Added),
            ],
            differences.Select(d => (d.Subject, d.Kind))
        );
        Assert.All(differences, d => Assert.Equal(1, d.Criterion));
        Assert.Equal(
            "Đạt",
            CriteriaSetComparison.Value(province.Criteria[0].Indicators![2], province.Criteria[0].Indicators![2].Thresholds![0])
        );
    }

    [Fact]
    public void A_removed_row_keeps_the_national_value()
    {
        var province = Build();
        var indicator = province.Criteria![0].Indicators![0];
        province.Criteria[0].Indicators![0] = indicator with { Thresholds = [.. indicator.Thresholds!.Take(3)] };

        var difference = Assert.Single(CriteriaSetComparison.Compare(Build(), province));

        Assert.Equal((DifferenceKind.Removed, "≥ 100%", (string?)null), (difference.Kind, difference.National, difference.Province));
    }
}
