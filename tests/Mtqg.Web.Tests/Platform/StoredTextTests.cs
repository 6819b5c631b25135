using System.Globalization;
using System.Linq.Expressions;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data;
using Mtqg.Data.Plans;
using Mtqg.Data.Recognition;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Platform;

/// <summary>
/// Text longer than its column holds (the EF model's lengths, decision 0013) is refused with 400 naming the field and the
/// limit in Vietnamese, and nothing is written — on SQLite, which would keep it, as on PostgreSQL, which would fail.
/// </summary>
public sealed partial class StoredTextTests
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private static int Max<T>(MtqgApp app, Expression<Func<T, string?>> column)
    {
        using var scope = app.Services.CreateScope();
        return app.Db(scope).Model.MaxLength(column) ?? throw new Xunit.Sdk.XunitException($"{column} is not limited in the model.");
    }

    /// <summary>One character more than the column of <paramref name="column"/> holds.</summary>
    private static string Over<T>(MtqgApp app, Expression<Func<T, string?>> column) => new('x', Max(app, column) + 1);

    private static void Named<T>(MtqgApp app, JsonElement problem, string field, string label, Expression<Func<T, string?>> column) =>
        Assert.Equal(
            $"{label} dài quá {Max(app, column).ToString("N0", Vietnamese)} ký tự.",
            Assert.Single(ProblemAssert.Errors(problem, field))
        );

    private static async Task<int> CountAsync<T>(MtqgApp app)
        where T : class
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).Set<T>().CountAsync();
    }

    [Fact]
    public async Task Plans_targets_and_progress_longer_than_stored_are_refused_naming_the_field_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var plans = await CountAsync<Plan>(app);

        var plan = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/plans",
                new
                {
                    provinceCode = "15",
                    number = Over(app, (Plan p) => p.Number),
                    issuer = Over(app, (Plan p) => p.Issuer),
                    issuedOn = "2026-01-05",
                    periodFrom = "2026-01-01",
                    periodTo = "2026-12-31",
                    title = Over(app, (Plan p) => p.Title),
                }
            ),
            HttpStatusCode.BadRequest
        );

        Assert.Equal("Trích yếu kế hoạch dài quá 1.000 ký tự.", Assert.Single(ProblemAssert.Errors(plan, "title")));
        Named(app, plan, "number", "Số, ký hiệu kế hoạch", (Plan p) => p.Number);
        Named(app, plan, "issuer", "Cơ quan ban hành", (Plan p) => p.Issuer);
        Assert.Equal(plans, await CountAsync<Plan>(app));

        var id = (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/plans?province=15"))
            .EnumerateArray()
            .First()
            .GetProperty("id")
            .GetInt32();
        var targets = await CountAsync<PlanTarget>(app);
        var target = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync(
                $"/api/v1/plans/{id}/targets",
                new
                {
                    kind = "activity",
                    name = Over(app, (PlanTarget t) => t.Name),
                    unit = Over(app, (PlanTarget t) => t.Unit),
                    goal = 5,
                }
            ),
            HttpStatusCode.BadRequest
        );
        Named(app, target, "name", "Tên mục tiêu", (PlanTarget t) => t.Name);
        Named(app, target, "unit", "Đơn vị tính", (PlanTarget t) => t.Unit);
        var level = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync(
                $"/api/v1/plans/{id}/targets",
                new
                {
                    kind = "communeCount",
                    name = "Xã đạt chuẩn",
                    level = Over(app, (PlanTarget t) => t.Level),
                    year = 2026,
                    goal = 3,
                }
            ),
            HttpStatusCode.BadRequest
        );
        Named(app, level, "level", "Mức đạt chuẩn", (PlanTarget t) => t.Level);
        Assert.Equal(targets, await CountAsync<PlanTarget>(app));

        var own = await PlanWithActivityAsync(coordinator);
        var progress = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync(
                $"/api/v1/plans/{own.Plan}/targets/{own.Target}/progress",
                new
                {
                    date = "2026-02-01",
                    amount = 1,
                    evidence = Over(app, (TargetUpdate u) => u.Evidence),
                }
            ),
            HttpStatusCode.BadRequest
        );
        Named(app, progress, "evidence", "Minh chứng", (TargetUpdate u) => u.Evidence);
        Assert.Equal(
            0,
            (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{own.Plan}"))
                .GetProperty("targets")[0]
                .GetProperty("updates")
                .GetArrayLength()
        );
    }

    private static async Task<(int Plan, int Target)> PlanWithActivityAsync(HttpClient coordinator)
    {
        var plan = await coordinator.PostAsJsonAsync(
            "/api/v1/plans",
            new
            {
                provinceCode = "15",
                number = "77/KH-BCĐ",
                issuer = "Ban Chỉ đạo tỉnh",
                issuedOn = "2026-01-05",
                periodFrom = "2026-01-01",
                periodTo = "2026-12-31",
                title = "Kế hoạch thử",
            }
        );
        var planId = (await OkAsync(plan, HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var target = await coordinator.PostAsJsonAsync(
            $"/api/v1/plans/{planId}/targets",
            new
            {
                kind = "activity",
                name = "Tập huấn",
                unit = "lớp",
                goal = 5,
            }
        );
        return (planId, (await OkAsync(target, HttpStatusCode.Created)).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Commune_lists_and_assignments_longer_than_stored_are_refused_naming_the_field_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var (lists, assignments, agencies) = (
            await CountAsync<CommuneList>(app),
            await CountAsync<Assignment>(app),
            await CountAsync<Agency>(app)
        );

        var list = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/commune-lists",
                new
                {
                    provinceCode = "15",
                    name = Over(app, (CommuneList l) => l.Name),
                    communes = new[] { BaoHa },
                }
            ),
            HttpStatusCode.BadRequest
        );
        var existing = (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/commune-lists?province=15"))[0];
        var rename = await ProblemAssert.IsProblemAsync(
            await coordinator.PutAsJsonAsync(
                $"/api/v1/commune-lists/{existing.GetProperty("id").GetInt32()}",
                new { name = Over(app, (CommuneList l) => l.Name), communes = new[] { BaoHa } }
            ),
            HttpStatusCode.BadRequest
        );
        var assignment = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/assignments",
                new
                {
                    provinceCode = "15",
                    agency = Over(app, (Agency a) => a.Name),
                    leader = Over(app, (Assignment a) => a.Leader),
                    from = "2026-01-01",
                    to = "2026-12-31",
                    communes = new[] { BaoHa },
                }
            ),
            HttpStatusCode.BadRequest
        );

        Named(app, list, "name", "Tên danh sách xã", (CommuneList l) => l.Name);
        Named(app, rename, "name", "Tên danh sách xã", (CommuneList l) => l.Name);
        Named(app, assignment, "agency", "Tên cơ quan giúp đỡ", (Agency a) => a.Name);
        Named(app, assignment, "leader", "Lãnh đạo phụ trách", (Assignment a) => a.Leader);
        Assert.Equal(
            (lists, assignments, agencies),
            (await CountAsync<CommuneList>(app), await CountAsync<Assignment>(app), await CountAsync<Agency>(app))
        );
        Assert.Equal(
            existing.GetProperty("name").GetString(),
            (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/commune-lists/{existing.GetProperty("id").GetInt32()}"))
                .GetProperty("name")
                .GetString()
        );
    }

    [Fact]
    public async Task Dossier_notes_appraisals_send_backs_councils_decisions_and_revocations_longer_than_stored_are_refused_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);
        var xa = await app.ClientAsAsync("demo.xa");
        var department = await app.ClientAsAsync(AppraiserOf[1]);
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var before = await GetAsync(coordinator, id);
        var (decisions, titles) = (await CountAsync<DecisionRecord>(app), await CountAsync<CommuneTitle>(app));

        var note = await ProblemAssert.IsProblemAsync(
            await xa.PutAsJsonAsync($"/api/v1/dossiers/{id}", new { note = Over(app, (DossierRecord d) => d.Note) }),
            HttpStatusCode.BadRequest
        );
        var comment = await ProblemAssert.IsProblemAsync(
            await AppraiseAsync(department, id, 1, comment: Over(app, (AppraisalRecord a) => a.Comment)),
            HttpStatusCode.BadRequest
        );
        var reason = await ProblemAssert.IsProblemAsync(
            await SendBackAsync(department, id, 1, Over(app, (AppraisalRecord a) => a.Comment)),
            HttpStatusCode.BadRequest
        );
        var council = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync(
                $"/api/v1/dossiers/{id}/council",
                new
                {
                    date = Today.Iso(),
                    members = new[] { Over(app, (DossierRecord d) => d.CouncilMembers) },
                    votesFor = 1,
                    votesAgainst = 0,
                    conclusion = Over(app, (DossierRecord d) => d.CouncilConclusion),
                }
            ),
            HttpStatusCode.BadRequest
        );
        var decision = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/dossiers/decision",
                new
                {
                    number = "1/QĐ-UBND" + Over(app, (DecisionRecord d) => d.Number),
                    date = Today.Iso(),
                    signer = Over(app, (DecisionRecord d) => d.Signer),
                    level = Over(app, (DecisionRecord d) => d.LevelCode),
                    batch = Over(app, (DecisionRecord d) => d.Batch),
                    dossiers = new[] { id },
                }
            ),
            HttpStatusCode.BadRequest
        );
        var revocation = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/decisions/revocations",
                new
                {
                    number = "2/QĐ-UBND",
                    date = Today.Iso(),
                    signer = "Chủ tịch UBND tỉnh",
                    titles = new[] { 1 },
                    reason = Over(app, (CommuneTitle t) => t.RevocationReason),
                }
            ),
            HttpStatusCode.BadRequest
        );

        Named(app, note, "note", "Ghi chú", (DossierRecord d) => d.Note);
        Named(app, comment, "comment", "Ý kiến thẩm định", (AppraisalRecord a) => a.Comment);
        Named(app, reason, "reason", "Lý do trả lại", (AppraisalRecord a) => a.Comment);
        Named(app, council, "members", "Thành viên hội đồng", (DossierRecord d) => d.CouncilMembers);
        Named(app, council, "conclusion", "Kết luận của hội đồng", (DossierRecord d) => d.CouncilConclusion);
        Named(app, decision, "number", "Số quyết định", (DecisionRecord d) => d.Number);
        Named(app, decision, "signer", "Người ký", (DecisionRecord d) => d.Signer);
        Named(app, decision, "level", "Mức đạt chuẩn", (DecisionRecord d) => d.LevelCode);
        Named(app, decision, "batch", "Đợt", (DecisionRecord d) => d.Batch);
        Named(app, revocation, "reason", "Lý do thu hồi", (CommuneTitle t) => t.RevocationReason);
        var after = await GetAsync(coordinator, id);
        Assert.Equal(before.GetProperty("version").GetString(), after.GetProperty("version").GetString());
        Assert.Equal(before.GetProperty("timeline").GetArrayLength(), after.GetProperty("timeline").GetArrayLength());
        Assert.Equal(("submitted", "Hồ sơ năm 2026"), (after.GetProperty("status").GetString(), after.GetProperty("note").GetString()));
        Assert.Equal((decisions, titles), (await CountAsync<DecisionRecord>(app), await CountAsync<CommuneTitle>(app)));
    }

    [Fact]
    public async Task A_send_back_reason_as_long_as_stored_is_kept_whole_and_its_timeline_line_is_cut_to_its_column()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);
        var reason = new string('r', Max(app, (AppraisalRecord a) => a.Comment));

        var sentBack = await OkAsync(await SendBackAsync(await app.ClientAsAsync(AppraiserOf[1]), id, 1, reason));

        var step = sentBack
            .GetProperty("criteria")
            .EnumerateArray()
            .Single(c => c.GetProperty("number").GetInt32() == 1)
            .GetProperty("appraisals")
            .EnumerateArray()
            .Last();
        Assert.Equal(reason, step.GetProperty("comment").GetString());
        var line = sentBack
            .GetProperty("timeline")
            .EnumerateArray()
            .Last(e => e.GetProperty("details").GetString()!.Contains("trả lại"))
            .GetProperty("details")
            .GetString()!;
        Assert.Equal(Max(app, (DossierEventRecord e) => e.Details), line.Length);
        Assert.EndsWith("…", line);
    }
}
