using System.Net;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Scorecards;

public sealed class CommuneGroupApiTests
{
    [Fact]
    public async Task The_coordination_office_moves_a_commune_to_group_G3_and_its_thresholds_follow_the_group()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        await coordinator.AssignGroupAsync(BaoHa, "G1");
        var values = MeetingNtmInG1();
        values["2.1"] = 90;
        var inG1 = await coordinator.PutValuesOkAsync(BaoHa, 2026, values);
        Assert.Equal("G1", inG1.GetProperty("group").GetString());
        Assert.Equal((100m, "not_met"), (inG1.Indicator("2.1").GetProperty("threshold").GetDecimal(), inG1.Indicator("2.1").Status()));
        Assert.Empty(inG1.Reached());

        var response = await coordinator.PutGroupAsync(BaoHa, "G3");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var inG3 = await coordinator.ScorecardAsync(BaoHa, 2026);
        Assert.Equal("G3", inG3.GetProperty("group").GetString());
        Assert.Equal((85m, "met"), (inG3.Indicator("2.1").GetProperty("threshold").GetDecimal(), inG3.Indicator("2.1").Status()));
        Assert.Equal(95m, inG3.Indicator("2.2").GetProperty("threshold").GetDecimal());
        Assert.Equal(50m, inG3.Indicator("3.1").GetProperty("threshold").GetDecimal());
        Assert.Equal(100m, inG3.Indicator("5.3").GetProperty("threshold").GetDecimal()); // no group rows: the same in every group
        Assert.Equal("met", inG3.Criterion(2).Status());
        Assert.Equal(["NTM"], inG3.Reached());
        var summary = await app.CreateClient().SummaryAsync("15", 2026);
        Assert.Equal("G3", summary.Commune("communes", BaoHa)!.Value.GetProperty("group").GetString());
    }

    [Fact]
    public async Task An_unknown_group_is_refused_with_the_groups_of_the_set_and_the_group_stays()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        await coordinator.AssignGroupAsync(BaoHa, "G2");

        var problem = await ProblemAssert.IsProblemAsync(await coordinator.PutGroupAsync(BaoHa, "G9"), HttpStatusCode.BadRequest);

        var message = ProblemAssert.Errors(problem, "group")[0];
        Assert.Contains("G9", message);
        Assert.Contains("G1, G2, G3", message);
        Assert.Equal("G2", (await coordinator.ScorecardAsync(BaoHa, 2026)).GetProperty("group").GetString());
    }

    [Fact]
    public async Task A_missing_group_is_refused_on_group()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        var problem = await ProblemAssert.IsProblemAsync(
            await coordinator.PutAsync(GroupUrl(BaoHa), Json("{}")),
            HttpStatusCode.BadRequest
        );

        Assert.Contains("G1, G2, G3", ProblemAssert.Errors(problem, "group")[0]);
    }

    [Fact]
    public async Task A_commune_officer_may_not_choose_the_group_of_their_commune()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.AssignGroupAsync(BaoHa, "G1");
        var officer = await app.ClientAsAsync("demo.xa");

        await ProblemAssert.IsProblemAsync(await officer.PutGroupAsync(BaoHa, "G3"), HttpStatusCode.Forbidden);

        Assert.Equal("G1", (await officer.ScorecardAsync(BaoHa, 2026)).GetProperty("group").GetString());
    }

    [Fact]
    public async Task The_coordination_office_of_Lao_Cai_may_not_choose_the_group_of_a_Ha_Noi_commune_and_nobody_anonymous_may()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        await ProblemAssert.IsProblemAsync(await coordinator.PutGroupAsync(SocSon, "G3"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await app.CreateClient().PutGroupAsync(BaoHa, "G3"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_set_or_commune_is_404_when_choosing_a_group()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var set = await ProblemAssert.IsProblemAsync(
            await admin.PutAsync($"/api/v1/communes/{BaoHa}/criteria-sets/KHONG-CO/group", Json("{\"group\":\"G1\"}")),
            HttpStatusCode.NotFound
        );
        var commune = await ProblemAssert.IsProblemAsync(await admin.PutGroupAsync("99999", "G1"), HttpStatusCode.NotFound);

        Assert.Contains("KHONG-CO", set.GetProperty("detail").GetString());
        Assert.Contains("99999", commune.GetProperty("detail").GetString());
    }
}
