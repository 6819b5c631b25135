using System.Net;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Scorecards;

public sealed class ScorecardAccessTests
{
    private static Dictionary<string, object?> Roads(decimal value) => new() { ["2.1"] = value };

    [Fact]
    public async Task A_commune_officer_writes_their_own_commune_and_no_other()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.PutValuesOkAsync(BaoNhai, 2026, Roads(91));
        await admin.PutValuesOkAsync(SocSon, 2026, Roads(92));
        var officer = await app.ClientAsAsync("demo.xa");

        var own = await officer.PutValuesOkAsync(BaoHa, 2026, Roads(93));
        var sameProvince = await officer.PutValuesAsync(BaoNhai, 2026, Roads(10));
        var otherProvince = await officer.PutValuesAsync(SocSon, 2026, Roads(10));

        Assert.Equal(93m, own.Indicator("2.1").GetProperty("value").GetDecimal());
        var refused = await ProblemAssert.IsProblemAsync(sameProvince, HttpStatusCode.Forbidden);
        Assert.Contains("Xã Bảo Nhai", refused.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(otherProvince, HttpStatusCode.Forbidden);
        Assert.Equal(91m, (await admin.ScorecardAsync(BaoNhai, 2026)).Indicator("2.1").GetProperty("value").GetDecimal());
        Assert.Equal(92m, (await admin.ScorecardAsync(SocSon, 2026)).Indicator("2.1").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task The_coordination_office_writes_any_commune_of_its_province_and_none_of_another()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.PutValuesOkAsync(SocSon, 2026, Roads(92));
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        var baoHa = await coordinator.PutValuesOkAsync(BaoHa, 2026, Roads(81));
        var baoNhai = await coordinator.PutValuesOkAsync(BaoNhai, 2026, Roads(82));
        var socSon = await coordinator.PutValuesAsync(SocSon, 2026, Roads(10));

        Assert.Equal(81m, baoHa.Indicator("2.1").GetProperty("value").GetDecimal());
        Assert.Equal(82m, baoNhai.Indicator("2.1").GetProperty("value").GetDecimal());
        await ProblemAssert.IsProblemAsync(socSon, HttpStatusCode.Forbidden);
        Assert.Equal(92m, (await admin.ScorecardAsync(SocSon, 2026)).Indicator("2.1").GetProperty("value").GetDecimal());
    }

    [Theory]
    [InlineData("demo.xem")]
    [InlineData("demo.thamdinh")]
    [InlineData("demo.giupdo")]
    public async Task Accounts_that_do_not_enter_values_are_refused_and_nothing_is_written(string userName)
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.PutValuesOkAsync(BaoHa, 2026, Roads(95));
        var client = await app.ClientAsAsync(userName);

        await ProblemAssert.IsProblemAsync(await client.PutValuesAsync(BaoHa, 2026, Roads(10)), HttpStatusCode.Forbidden);

        Assert.Equal(95m, (await admin.ScorecardAsync(BaoHa, 2026)).Indicator("2.1").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Writing_values_needs_a_sign_in()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.PutValuesOkAsync(BaoHa, 2026, Roads(95));

        var problem = await ProblemAssert.IsProblemAsync(
            await app.CreateClient().PutValuesAsync(BaoHa, 2026, Roads(10)),
            HttpStatusCode.Unauthorized
        );

        Assert.Contains("Bearer", problem.GetProperty("detail").GetString());
        Assert.Equal(95m, (await admin.ScorecardAsync(BaoHa, 2026)).Indicator("2.1").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task A_token_that_is_not_ours_is_401_not_a_write()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer",
            "khong-phai-ma-truy-cap"
        );

        await ProblemAssert.IsProblemAsync(await forged.PutValuesAsync(BaoHa, 2026, Roads(10)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Summaries_and_the_results_export_are_public()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(SummaryUrl("15", 2026))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/years/2026/summary?set={Code}")).StatusCode);
        Assert.Equal(
            HttpStatusCode.OK,
            (await anonymous.GetAsync($"/api/v1/provinces/15/years/2026/scorecards.xlsx?set={Code}")).StatusCode
        );
    }

    [Fact]
    public async Task Scorecards_are_not_public()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var viewer = await app.ClientAsAsync("demo.xem");

        var anonymous = await ProblemAssert.IsProblemAsync(
            await app.CreateClient().GetAsync(ScorecardUrl(BaoHa, 2026)),
            HttpStatusCode.Unauthorized
        );

        Assert.Equal("Chưa đăng nhập", anonymous.GetProperty("title").GetString());
        Assert.Equal(BaoHa, (await viewer.ScorecardAsync(BaoHa, 2026)).GetProperty("commune").GetProperty("code").GetString());
    }
}
