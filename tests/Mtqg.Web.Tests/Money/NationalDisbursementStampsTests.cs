using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Money.CapitalPlanApiTests;
using static Mtqg.Web.Tests.Money.DisbursementApiTests;
using static Mtqg.Web.Tests.Money.ProjectsApiTests;

namespace Mtqg.Web.Tests.Money;

/// <summary>
/// The national disbursement summary sums again only the provinces whose money changed (decision 0032): after a project, an
/// allocation and a month entered in one province and then another, the summary a node keeps is the one a node that never
/// kept it computes; a save of one province moves that province's money stamp only, and a save of no money moves none.
/// </summary>
public sealed class NationalDisbursementStampsTests
{
    private const string HaNoi = "01";
    private static readonly string Path = $"/api/v1/years/{Year}/disbursement";

    [Fact]
    public async Task Money_entered_in_one_province_then_another_shows_in_the_kept_national_summary_as_a_fresh_node_computes_it()
    {
        await using var app = await MtqgApp.StartAsync();
        var laoCai = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        var haNoi = await app.Given().Account(Roles.Coordinator, unit: HaNoi);
        var public_ = app.CreateClient();
        Assert.Empty((await JsonAsync(await public_.GetAsync(Path))).GetProperty("provinces").EnumerateArray());
        var stamps = await StampsAsync(app);

        // Lào Cai: a project, its allocation, two months.
        var road = await CreateAsync(laoCai.Client, ProjectOfLastYear("Đường trục xã Bảo Hà"));
        Assert.Equal([LaoCai], Moved(stamps, stamps = await StampsAsync(app)));
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await Allocate(laoCai.Client, road, Year, ("central-investment", 900_000_000L))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await Disburse(laoCai.Client, road, $"{Year}-03", null, ("central-investment", 200_000_000L))).StatusCode
        );
        Assert.Equal([LaoCai], Moved(stamps, stamps = await StampsAsync(app)));
        var afterLaoCai = await JsonAsync(await public_.GetAsync(Path));
        Assert.Equal((900_000_000L, 200_000_000L), Totals(afterLaoCai, LaoCai));
        await AgreesWithAFreshNodeAsync(app, afterLaoCai);

        // Hà Nội: its own project and month; Lào Cai's line is kept as it was.
        var school = ProjectOfLastYear("Trường mầm non Sóc Sơn", SocSon);
        school["provinceCode"] = HaNoi;
        var id = await CreateAsync(haNoi.Client, school);
        Assert.Equal(HttpStatusCode.NoContent, (await Allocate(haNoi.Client, id, Year, ("local", 500_000_000L))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Disburse(haNoi.Client, id, $"{Year}-06", null, ("local", 450_000_000L))).StatusCode);
        Assert.Equal([HaNoi], Moved(stamps, stamps = await StampsAsync(app)));
        var afterHaNoi = await JsonAsync(await public_.GetAsync(Path));
        Assert.Equal((500_000_000L, 450_000_000L), Totals(afterHaNoi, HaNoi));
        Assert.Equal((900_000_000L, 200_000_000L), Totals(afterHaNoi, LaoCai));
        Assert.Equal(1_400_000_000L, afterHaNoi.GetProperty("allocated").GetInt64());
        await AgreesWithAFreshNodeAsync(app, afterHaNoi);

        // A later month of Lào Cai, lowered with a reason: only Lào Cai is summed again.
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await Disburse(laoCai.Client, road, $"{Year}-03", "Thu hồi tạm ứng", ("central-investment", 150_000_000L))).StatusCode
        );
        Assert.Equal([LaoCai], Moved(stamps, stamps = await StampsAsync(app)));
        var corrected = await JsonAsync(await public_.GetAsync(Path));
        Assert.Equal((900_000_000L, 150_000_000L), Totals(corrected, LaoCai));
        await AgreesWithAFreshNodeAsync(app, corrected);

        // A project renamed (its totals unchanged) moves no money stamp.
        var etag = (await laoCai.Client.GetAsync($"/api/v1/projects/{road}")).Headers.ETag!;
        var rename = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/projects/{road}")
        {
            Content = JsonContent.Create(ProjectOfLastYear("Đường trục xã Bảo Hà (điều chỉnh tên)")),
        };
        rename.Headers.IfMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NoContent, (await laoCai.Client.SendAsync(rename)).StatusCode);
        Assert.Empty(Moved(stamps, await StampsAsync(app)));

        // A save of no money (a notification choice) moves no money stamp.
        var profile = await laoCai.Client.PutAsJsonAsync("/api/v1/me/notifications", new { email = "thu@example.vn", choice = "daily" });
        Assert.True(profile.IsSuccessStatusCode, $"PUT me/notifications: {(int)profile.StatusCode}");
        Assert.Empty(Moved(stamps, await StampsAsync(app)));
    }

    private static (long Allocated, long Disbursed) Totals(JsonElement national, string province)
    {
        var line = national.GetProperty("provinces").EnumerateArray().Single(p => p.GetProperty("code").GetString() == province);
        return (line.GetProperty("allocated").GetInt64(), line.GetProperty("disbursed").GetInt64());
    }

    private static List<string> Moved(Dictionary<string, long> before, Dictionary<string, long> after) =>
        [.. after.Where(s => before.GetValueOrDefault(s.Key) != s.Value).Select(s => s.Key)];

    private static async Task AgreesWithAFreshNodeAsync(MtqgApp first, JsonElement kept)
    {
        await using var fresh = new MtqgApp(first.ConnectionString, ownsDatabase: false, demo: first.IsDemo);
        var computed = await JsonAsync(await fresh.CreateClient().GetAsync(Path));
        Assert.Equal(computed.GetRawText(), kept.GetRawText());
    }

    private static async Task<Dictionary<string, long>> StampsAsync(MtqgApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.MoneyStamps.AsNoTracking().ToDictionaryAsync(s => s.ProvinceCode, s => s.Stamp);
    }
}
