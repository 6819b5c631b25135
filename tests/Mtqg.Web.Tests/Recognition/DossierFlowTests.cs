using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Recognition;

public sealed class DossierFlowTests
{
    [Fact]
    public async Task A_dossier_goes_from_the_commune_through_every_department_and_the_council_to_a_decision_and_the_commune_title()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        var submitted = await GetAsync(coordinator, id);
        Assert.Equal("submitted", submitted.Status());
        Assert.Equal(10, submitted.GetProperty("criteria").GetArrayLength());
        Assert.All(submitted.GetProperty("criteria").EnumerateArray(), c => Assert.Equal("pending", c.GetProperty("state").GetString()));
        Assert.Equal(6, submitted.GetProperty("sectors").GetArrayLength());
        // The scorecard is frozen with its values and thresholds.
        var tc1 = submitted.GetProperty("criteria")[0].GetProperty("indicators");
        Assert.Equal(90m, tc1.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "1.2").GetProperty("value").GetDecimal());

        await AppraiseAllAsync(app, id);
        var appraised = await GetAsync(coordinator, id);
        Assert.Equal("appraised", appraised.Status());
        Assert.All(appraised.GetProperty("sectors").EnumerateArray(), s => Assert.True(s.GetProperty("finished").GetBoolean()));

        Assert.Equal("council_held", (await OkAsync(await CouncilAsync(coordinator, id))).Status());
        var decision = await OkAsync(await DecisionAsync(coordinator, "1234/QĐ-UBND", id), HttpStatusCode.Created);
        Assert.Equal("Đợt 2 năm 2026", decision.GetProperty("batch").GetString());
        Assert.Equal(BaoHa, decision.GetProperty("communes")[0].GetProperty("code").GetString());

        var recognised = await GetAsync(coordinator, id);
        Assert.Equal("recognised", recognised.Status());
        Assert.Equal("1234/QĐ-UBND", recognised.GetProperty("decision").GetProperty("number").GetString());
        var kinds = recognised.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["created", "criteria_refreshed"], kinds.Take(2));
        Assert.Equal(["submitted"], kinds.Where(k => k == "submitted"));
        Assert.Equal(10, kinds.Count(k => k == "criterion_appraised"));
        Assert.Equal(["all_criteria_met", "council_held", "recognised"], kinds.TakeLast(3));

        var titles = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/titles");
        var title = Assert.Single(titles.GetProperty("held").EnumerateArray());
        Assert.Equal(
            ("NTM", "1234/QĐ-UBND", Today.Iso()),
            (
                title.GetProperty("level").GetString(),
                title.GetProperty("decisionNumber").GetString(),
                title.GetProperty("since").GetString()
            )
        );
        var decisions = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/decisions?province=15");
        Assert.Equal("1234/QĐ-UBND", Assert.Single(decisions.EnumerateArray()).GetProperty("number").GetString());

        // Every step is in the audit trail.
        using var scope = app.Services.CreateScope();
        var audit = await app.Db(scope).AuditEntries.AsNoTracking().Where(e => e.UnitCode == BaoHa || e.UnitCode == "15").ToListAsync();
        Assert.Equal(10, audit.Count(e => e.Entity == "AppraisalRecord" && e.Action == "create"));
        Assert.Contains(audit, e => e.Entity == "DossierRecord" && e.Action == "create" && e.UserName == "demo.xa");
        Assert.Contains(audit, e =>
            e.Entity == "DossierRecord" && e.UserName == "demo.dieuphoi" && e.NewValue!.Contains("Trạng thái: Đã công nhận")
        ); // the state as the pages name it
        Assert.Contains(audit, e => e.Entity == "DecisionRecord" && e.Key == "1234/QĐ-UBND");
        Assert.Contains(audit, e => e.Entity == "CommuneTitle" && e.UnitCode == BaoHa);
    }

    [Fact]
    public async Task Submission_is_refused_while_a_criterion_is_not_met_or_a_value_is_missing_and_says_which()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        await MeetNtmAsync(app);
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.PutValuesOkAsync(BaoHa, Year, new Dictionary<string, object?> { ["1.2"] = 10, ["7.1"] = null });
        var xa = await app.ClientAsAsync("demo.xa");
        var id = await ReadyDraftAsync(app, xa);

        var problem = await ProblemAssert.IsProblemAsync(
            await xa.PostAsync($"/api/v1/dossiers/{id}/submit", null),
            HttpStatusCode.Conflict
        );
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("tiêu chí 1 (Quy hoạch) chưa đạt", detail);
        Assert.Contains("tiêu chí 7 (Khoa học công nghệ và chuyển đổi số) còn thiếu số liệu", detail);
        Assert.Equal("draft", (await GetAsync(xa, id)).Status());

        await admin.PutValuesOkAsync(BaoHa, Year, MeetingNtmInG1());
        Assert.Equal("submitted", (await OkAsync(await xa.PostAsync($"/api/v1/dossiers/{id}/submit", null))).Status());
    }

    [Fact]
    public async Task Submission_is_refused_while_residents_satisfaction_is_below_the_rate_the_set_requires()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        await MeetNtmAsync(app);
        var xa = await app.ClientAsAsync("demo.xa");
        var id = await ReadyDraftAsync(app, xa);
        var draft = await OkAsync(await xa.PutAsJsonAsync($"/api/v1/dossiers/{id}", new { residentSatisfaction = 85.5 }));
        Assert.Equal(90m, draft.GetProperty("requiredSatisfaction").GetDecimal()); // the demo set's (illustrative) rate

        var problem = await ProblemAssert.IsProblemAsync(
            await xa.PostAsync($"/api/v1/dossiers/{id}/submit", null),
            HttpStatusCode.Conflict
        );
        Assert.Contains("thấp hơn mức yêu cầu 90", problem.GetProperty("detail").GetString());

        await OkAsync(await xa.PutAsJsonAsync($"/api/v1/dossiers/{id}", new { residentSatisfaction = 90 }));
        Assert.Equal("submitted", (await OkAsync(await xa.PostAsync($"/api/v1/dossiers/{id}/submit", null))).Status());
    }

    [Fact]
    public async Task A_sent_back_criterion_returns_to_the_commune_and_only_it_goes_back_to_its_department()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);
        var nnmt = await app.ClientAsAsync("demo.thamdinh.nnmt");
        await OkAsync(await SendBackAsync(nnmt, id, 8, "Thiếu biên bản kiểm tra thu gom rác thải"));
        await AppraiseAllAsync(app, id, AppraiserOf.Keys.Where(n => n != 8));

        var xa = await app.ClientAsAsync("demo.xa");
        var sentBack = await GetAsync(xa, id);
        Assert.Equal("sent_back", sentBack.Status());
        Assert.Equal("sent_back", sentBack.StateOf(8));
        Assert.Equal("met", sentBack.StateOf(1));

        // The commune fixes a value of criterion 8; resubmission refreshes criterion 8 only.
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.PutValuesOkAsync(BaoHa, Year, new Dictionary<string, object?> { ["8.1"] = 80 });
        var resubmitted = await OkAsync(await xa.PostAsync($"/api/v1/dossiers/{id}/resubmit", null));
        Assert.Equal("resubmitted", resubmitted.Status());
        Assert.Equal("pending", resubmitted.StateOf(8));
        Assert.All(resubmitted.GetProperty("criteria").EnumerateArray().Where(c => c.GetProperty("number").GetInt32() != 8), c =>
            Assert.Equal("met", c.GetProperty("state").GetString())
        );
        var eight = resubmitted.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("number").GetInt32() == 8);
        Assert.Equal(2, eight.GetProperty("round").GetInt32());
        Assert.Equal(
            80m,
            eight
                .GetProperty("indicators")
                .EnumerateArray()
                .Single(i => i.GetProperty("code").GetString() == "8.1")
                .GetProperty("value")
                .GetDecimal()
        );

        var queue = await OkAsync(await AppraiseAsync(nnmt, id, 8));
        Assert.Equal("appraised", queue.Status());
        var steps = queue
            .GetProperty("criteria")
            .EnumerateArray()
            .Single(c => c.GetProperty("number").GetInt32() == 8)
            .GetProperty("appraisals");
        Assert.Equal(["sent_back", "met"], steps.EnumerateArray().Select(s => s.GetProperty("step").GetString()));
    }

    [Fact]
    public async Task A_criterion_appraised_not_met_ends_the_dossier_as_not_recognised()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);
        var congan = await app.ClientAsAsync("demo.thamdinh.congan");
        var refused = await ProblemAssert.IsProblemAsync(await AppraiseAsync(congan, id, 10, "not_met"), HttpStatusCode.Conflict);
        Assert.Contains("lý do", refused.GetProperty("detail").GetString());
        Assert.Equal(
            "rejected",
            (await OkAsync(await AppraiseAsync(congan, id, 10, "not_met", "Còn điểm nóng về an ninh trật tự"))).Status()
        );
        var createdAgain = await CreateAsync(await app.ClientAsAsync("demo.xa"));
        Assert.Equal(HttpStatusCode.Created, createdAgain.StatusCode); // a rejected dossier does not block a new one
    }

    [Fact]
    public async Task A_council_that_does_not_approve_ends_the_dossier_and_a_decision_can_no_longer_be_recorded()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);
        await AppraiseAllAsync(app, id);
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        Assert.Equal("rejected", (await OkAsync(await CouncilAsync(coordinator, id, votesFor: 3, votesAgainst: 5))).Status());
        var problem = await ProblemAssert.IsProblemAsync(await DecisionAsync(coordinator, "15/QĐ-UBND", id), HttpStatusCode.Conflict);
        Assert.Contains("Không công nhận", problem.GetProperty("detail").GetString());
    }
}
