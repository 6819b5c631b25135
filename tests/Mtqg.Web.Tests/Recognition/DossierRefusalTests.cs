using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Recognition;

/// <summary>Illegal steps answer 409 naming the state; bad input 400 listing every field; the wrong account 403; nothing is written.</summary>
public sealed class DossierRefusalTests
{
    [Fact]
    public async Task Steps_out_of_order_are_refused_with_a_conflict_naming_the_state_and_change_nothing()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        await MeetNtmAsync(app);
        var xa = await app.ClientAsAsync("demo.xa");
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var builder = await app.ClientAsAsync("demo.thamdinh");
        var id = await ReadyDraftAsync(app, xa);

        async Task RefusedAsync(HttpResponseMessage response, string state)
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
            Assert.Contains($"«{state}»", problem.GetProperty("detail").GetString());
        }
        await RefusedAsync(await AppraiseAsync(builder, id, 1), "Đang soạn");
        await RefusedAsync(await SendBackAsync(builder, id, 1, "Thiếu"), "Đang soạn");
        await RefusedAsync(await xa.PostAsync($"/api/v1/dossiers/{id}/resubmit", null), "Đang soạn");
        await RefusedAsync(await CouncilAsync(coordinator, id), "Đang soạn");
        var events = (await GetAsync(xa, id)).GetProperty("timeline").GetArrayLength();

        await OkAsync(await xa.PostAsync($"/api/v1/dossiers/{id}/submit", null));
        await RefusedAsync(await xa.PostAsync($"/api/v1/dossiers/{id}/submit", null), "Đã nộp, đang thẩm định");
        await RefusedAsync(await xa.PutAsJsonAsync($"/api/v1/dossiers/{id}", new { residentSatisfaction = 50 }), "Đã nộp, đang thẩm định");
        await RefusedAsync(await CouncilAsync(coordinator, id), "Đã nộp, đang thẩm định");
        await RefusedAsync(await DecisionAsync(coordinator, "1/QĐ-UBND", id), "Đã nộp, đang thẩm định");
        await OkAsync(await AppraiseAsync(builder, id, 1));
        var again = await ProblemAssert.IsProblemAsync(await AppraiseAsync(builder, id, 1), HttpStatusCode.Conflict);
        Assert.Contains("đã được thẩm định đạt", again.GetProperty("detail").GetString());

        var after = await GetAsync(xa, id);
        Assert.Equal("submitted", after.Status());
        Assert.Equal(95m, after.GetProperty("residentSatisfaction").GetDecimal());
        Assert.Equal(events + 2, after.GetProperty("timeline").GetArrayLength()); // submitted, one appraisal (the scorecard did not change: no refresh line)
        using var scope = app.Services.CreateScope();
        Assert.Equal(0, await app.Db(scope).Decisions.CountAsync());
    }

    [Fact]
    public async Task A_batch_decision_is_all_or_nothing_and_names_every_dossier_that_cannot_take_it()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var ready = await SubmittedAsync(app);
        await AppraiseAllAsync(app, ready);
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        await OkAsync(await CouncilAsync(coordinator, ready));
        await MeetNtmAsync(app, BaoNhai);
        var admin = await app.ClientAsAsync("demo.admin");
        var draft = (await OkAsync(await CreateAsync(admin, BaoNhai), HttpStatusCode.Created)).GetProperty("id").GetInt32();

        var problem = await ProblemAssert.IsProblemAsync(
            await DecisionAsync(coordinator, "77/QĐ-UBND", ready, draft),
            HttpStatusCode.Conflict
        );
        Assert.Contains($"#{draft}", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain($"#{ready}", problem.GetProperty("detail").GetString());
        Assert.Equal("council_held", (await GetAsync(coordinator, ready)).Status());
        Assert.Empty(
            (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/titles"))
                .GetProperty("held")
                .EnumerateArray()
        );

        var bad = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync("/api/v1/dossiers/decision", new { number = "", dossiers = Array.Empty<int>() }),
            HttpStatusCode.BadRequest
        );
        Assert.NotEmpty(ProblemAssert.Errors(bad, "number"));
        Assert.NotEmpty(ProblemAssert.Errors(bad, "date"));
        Assert.NotEmpty(ProblemAssert.Errors(bad, "signer"));
        Assert.NotEmpty(ProblemAssert.Errors(bad, "dossiers"));
        var pattern = await ProblemAssert.IsProblemAsync(await DecisionAsync(coordinator, "QĐ 1234", ready), HttpStatusCode.Conflict);
        Assert.Contains("1234/QĐ-UBND", pattern.GetProperty("detail").GetString());

        await OkAsync(await DecisionAsync(coordinator, "77/QĐ-UBND", ready), HttpStatusCode.Created);
        var duplicate = await ProblemAssert.IsProblemAsync(await DecisionAsync(coordinator, "77/QĐ-UBND", ready), HttpStatusCode.Conflict);
        Assert.Contains("77/QĐ-UBND", duplicate.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("demo.thamdinh", 8)] // Sở Xây dựng on a criterion of Sở Nông nghiệp và Môi trường
    [InlineData("demo.xa", 1)] // the commune itself
    [InlineData("demo.dieuphoi", 1)] // the coordination office
    [InlineData("demo.xem", 1)]
    public async Task Only_the_department_that_owns_a_criterion_may_appraise_or_send_it_back(string user, int criterion)
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);
        var client = await app.ClientAsAsync(user);
        await ProblemAssert.IsProblemAsync(await AppraiseAsync(client, id, criterion), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await SendBackAsync(client, id, criterion, "Thiếu"), HttpStatusCode.Forbidden);
        Assert.Equal("pending", (await GetAsync(await app.ClientAsAsync("demo.admin"), id)).StateOf(criterion));
    }

    [Fact]
    public async Task Accounts_of_another_province_or_commune_neither_read_nor_act_and_the_commune_steps_belong_to_the_commune()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);
        var admin = await app.ClientAsAsync("demo.admin");
        foreach (
            var (name, role, unit, sector) in new[]
            {
                ("dieuphoi.hanoi", "coordinator", "01", (string?)null),
                ("xa.socson", "commune", SocSon, null),
                ("tham.hanoi", "appraiser", "01", "Sở Xây dựng"),
            }
        )
            (
                await admin.PostAsJsonAsync(
                    "/api/v1/users",
                    new
                    {
                        userName = name,
                        password = "Mat-khau-2026",
                        displayName = name,
                        role,
                        unitCode = unit,
                        sector,
                    }
                )
            ).EnsureSuccessStatusCode();

        foreach (var name in new[] { "dieuphoi.hanoi", "xa.socson", "tham.hanoi" })
        {
            var other = await app.ClientAsAsync(name, "Mat-khau-2026");
            await ProblemAssert.IsProblemAsync(await other.GetAsync($"/api/v1/dossiers/{id}"), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblemAsync(await AppraiseAsync(other, id, 1), HttpStatusCode.Forbidden);
            Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/v1/dossiers")).EnumerateArray());
        }
        var viewer = await app.ClientAsAsync("demo.xem");
        Assert.Equal("submitted", (await GetAsync(viewer, id)).Status());
        await ProblemAssert.IsProblemAsync(
            await (await app.ClientAsAsync("demo.dieuphoi")).PostAsJsonAsync("/api/v1/dossiers", new { commune = BaoHa, year = Year }),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(
            await (await app.ClientAsAsync("demo.xa")).PostAsJsonAsync("/api/v1/dossiers", new { commune = BaoNhai, year = Year }),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(await viewer.PostAsync($"/api/v1/dossiers/{id}/resubmit", null), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/dossiers/{id}")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_a_400_listing_every_field_and_an_unknown_dossier_a_404()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var xa = await app.ClientAsAsync("demo.xa");
        var problem = await ProblemAssert.IsProblemAsync(
            await xa.PostAsJsonAsync("/api/v1/dossiers", new { commune = "" }),
            HttpStatusCode.BadRequest
        );
        Assert.NotEmpty(ProblemAssert.Errors(problem, "commune"));
        Assert.NotEmpty(ProblemAssert.Errors(problem, "year"));
        var level = await ProblemAssert.IsProblemAsync(
            await xa.PostAsJsonAsync(
                "/api/v1/dossiers",
                new
                {
                    commune = BaoHa,
                    year = Year,
                    set = Code,
                    level = "XYZ",
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("XYZ", ProblemAssert.Errors(level, "level")[0]);
        await ProblemAssert.IsProblemAsync(await xa.GetAsync("/api/v1/dossiers/999999"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await xa.PostAsync("/api/v1/dossiers/999999/submit", null), HttpStatusCode.NotFound);

        var id = (await OkAsync(await CreateAsync(xa), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var satisfaction = await ProblemAssert.IsProblemAsync(
            await xa.PutAsJsonAsync($"/api/v1/dossiers/{id}", new { residentSatisfaction = 150 }),
            HttpStatusCode.BadRequest
        );
        Assert.NotEmpty(ProblemAssert.Errors(satisfaction, "residentSatisfaction"));
        var twice = await ProblemAssert.IsProblemAsync(await CreateAsync(xa), HttpStatusCode.Conflict);
        Assert.Contains($"#{id}", twice.GetProperty("detail").GetString());
        var stale = await ProblemAssert.IsProblemAsync(
            await xa.PutAsJsonAsync($"/api/v1/dossiers/{id}", new { note = "x", version = "0000" }),
            HttpStatusCode.Conflict
        );
        Assert.Contains("người khác", stale.GetProperty("detail").GetString());
    }
}
