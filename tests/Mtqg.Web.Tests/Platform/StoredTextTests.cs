using System.Globalization;
using System.Linq.Expressions;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data;
using Mtqg.Data.Accounts;
using Mtqg.Data.Criteria;
using Mtqg.Data.Plans;
using Mtqg.Data.Recognition;
using Mtqg.Data.Visits;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Platform;

/// <summary>
/// Text longer than its column holds (the EF model's lengths, decision 0013) is refused with 400 naming the field and the
/// limit in Vietnamese, and nothing is written — on SQLite, which would keep it, as on PostgreSQL, which would fail.
/// </summary>
public sealed class StoredTextTests
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

    [Fact]
    public async Task Accounts_longer_than_stored_are_refused_naming_the_field_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var users = await CountAsync<AppUser>(app);

        var created = await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync(
                "/api/v1/users",
                new
                {
                    userName = "so.dai",
                    password = "Mat-khau-2026",
                    displayName = Over(app, (AppUser u) => u.DisplayName),
                    role = "appraiser",
                    unitCode = "15",
                    sector = Over(app, (AppUser u) => u.Sector),
                }
            ),
            HttpStatusCode.BadRequest
        );
        var xem = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/users?q=demo.xem"))!.Single(u =>
            u.GetProperty("userName").GetString() == "demo.xem"
        );
        var updated = await ProblemAssert.IsProblemAsync(
            await admin.PutAsJsonAsync(
                $"/api/v1/users/{xem.GetProperty("id").GetString()}",
                new
                {
                    displayName = Over(app, (AppUser u) => u.DisplayName),
                    role = "viewer",
                    unitCode = "15",
                }
            ),
            HttpStatusCode.BadRequest
        );

        Named(app, created, "displayName", "Tên hiển thị", (AppUser u) => u.DisplayName);
        Named(app, created, "sector", "Sở, ngành hoặc cơ quan", (AppUser u) => u.Sector);
        Named(app, updated, "displayName", "Tên hiển thị", (AppUser u) => u.DisplayName);
        Assert.Equal(users, await CountAsync<AppUser>(app));
        var after = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/users?q=demo.xem"))!.Single(u =>
            u.GetProperty("userName").GetString() == "demo.xem"
        );
        Assert.Equal(xem.GetProperty("displayName").GetString(), after.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Visits_and_answers_longer_than_stored_name_the_field_with_the_model_limit_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var agency = await app.ClientAsAsync("demo.giupdo");
        var visits = await CountAsync<VisitRecord>(app);

        var visit = await ProblemAssert.IsProblemAsync(
            await agency.PostAsJsonAsync(
                "/api/v1/visits",
                new
                {
                    date = "2026-11-20",
                    communeCode = BaoHa,
                    participants = new[] { "Chủ tịch UBND xã" },
                    content = Over(app, (VisitRecord v) => v.Content),
                    findings = Over(app, (VisitRecord v) => v.Findings),
                    difficulties = new[] { Over(app, (VisitRecord v) => v.Difficulties) },
                    support = new[]
                    {
                        new
                        {
                            kind = "gift",
                            description = "Quà",
                            quantity = 1,
                            unit = Over(app, (VisitSupport s) => s.Unit),
                            value = 1000,
                        },
                    },
                    recommendations = new[]
                    {
                        new
                        {
                            text = "Hướng dẫn hồ sơ",
                            responsible = "department",
                            sector = Over(app, (RecommendationRecord r) => r.ResponsibleSector),
                            dueDate = (string?)null,
                        },
                    },
                }
            ),
            HttpStatusCode.BadRequest
        );

        Named(app, visit, "content", "Nội dung", (VisitRecord v) => v.Content);
        Named(app, visit, "findings", "Kết quả, nhận xét", (VisitRecord v) => v.Findings);
        Named(app, visit, "difficulties", "Khó khăn, vướng mắc", (VisitRecord v) => v.Difficulties);
        Named(app, visit, "support[0].unit", "Hỗ trợ dòng 1: đơn vị tính", (VisitSupport s) => s.Unit);
        Named(app, visit, "recommendations[0].sector", "Kiến nghị dòng 1: tên sở", (RecommendationRecord r) => r.ResponsibleSector);
        Assert.Equal(visits, await CountAsync<VisitRecord>(app));

        var recorded = await OkAsync(
            await agency.PostAsJsonAsync(
                "/api/v1/visits",
                new
                {
                    date = "2026-11-20",
                    communeCode = BaoHa,
                    participants = new[] { "Chủ tịch UBND xã" },
                    content = "Làm việc",
                    recommendations = new[]
                    {
                        new
                        {
                            text = "Rà soát hộ nghèo",
                            responsible = "commune",
                            sector = (string?)null,
                            dueDate = (string?)null,
                        },
                    },
                }
            ),
            HttpStatusCode.Created
        );
        var open = (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits/{recorded.GetProperty("id").GetInt32()}"))
            .GetProperty("recommendations")[0]
            .GetProperty("id")
            .GetInt32();
        var events = await CountAsync<RecommendationEventRecord>(app);
        var refused = await ProblemAssert.IsProblemAsync(
            await (await app.ClientAsAsync("demo.xa")).PostAsJsonAsync(
                $"/api/v1/recommendations/{open}/not-applicable",
                new { text = Over(app, (RecommendationRecord r) => r.RejectionReason) }
            ),
            HttpStatusCode.BadRequest
        );
        Named(app, refused, "text", "Nội dung", (RecommendationRecord r) => r.RejectionReason);
        Assert.Equal(events, await CountAsync<RecommendationEventRecord>(app));
    }

    [Fact]
    public async Task A_criteria_set_with_codes_headings_units_or_notes_longer_than_stored_is_refused_by_path()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var doc = SmallSet("DAI-2026", criteria: 2);
        doc["levels"]![0]!["code"] = Over(app, (CriteriaLevel l) => l.Code);
        doc["groups"]![0]!["description"] = Over(app, (CommuneGroup g) => g.Description);
        doc["criteria"]![1]!["heading"] = Over(app, (Criterion c) => c.Heading);
        doc["criteria"]![1]!["indicators"]![0]!["unit"] = Over(app, (Indicator i) => i.Unit);

        var problem = await ProblemAssert.IsProblemAsync(
            await admin.PostAsync("/api/v1/criteria-sets", Json(doc)),
            HttpStatusCode.BadRequest
        );

        Named(app, problem, "levels[0].code", "Mã mức đạt chuẩn", (CriteriaLevel l) => l.Code);
        Named(app, problem, "groups[0].description", "Mô tả nhóm xã", (CommuneGroup g) => g.Description);
        Named(app, problem, "criteria[1].heading", "Nhóm tiêu chí", (Criterion c) => c.Heading);
        Named(app, problem, "criteria[1].indicators[0].unit", "Đơn vị tính của chỉ tiêu", (Indicator i) => i.Unit);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/criteria-sets/DAI-2026")).StatusCode);
    }

    /// <summary>
    /// The last line: no service checks the list of protected criteria the set stores (its numbers, comma separated), so
    /// 46 ten-digit numbers reach SaveChanges; the interceptor refuses them with 400 naming the column, and nothing is written.
    /// </summary>
    [Fact]
    public async Task A_text_no_service_checked_is_refused_by_the_last_line_with_a_Vietnamese_400_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var doc = EveryCriterionProtected("BAOVE-2026");
        var sets = await CountAsync<CriteriaSet>(app);

        var problem = await ProblemAssert.IsProblemAsync(
            await admin.PostAsync("/api/v1/criteria-sets", Json(doc)),
            HttpStatusCode.BadRequest
        );

        Assert.Equal("Dữ liệu quá dài so với nơi lưu; chưa lưu gì.", problem.GetProperty("detail").GetString());
        Named(app, problem, "revocationProtected", "Tiêu chí bảo vệ khi thu hồi", (CriteriaSet s) => s.RevocationProtected);
        Assert.Equal(sets, await CountAsync<CriteriaSet>(app));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/criteria-sets/BAOVE-2026")).StatusCode);
    }

    [Fact]
    public async Task A_plan_form_with_a_title_longer_than_stored_shows_the_message_in_place_with_what_was_typed()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi", followRedirects: false);
        var plans = await CountAsync<Plan>(app);

        var form = await coordinator.GetStringAsync("/tinh/15/ke-hoach");
        var page = await coordinator.PostFormAsync(
            "/tinh/15/ke-hoach",
            "new-plan",
            ("number", "31/KH-BCĐ"),
            ("issuedOn", "2026-01-05"),
            ("issuer", "Ban Chỉ đạo tỉnh"),
            ("title", Over(app, (Plan p) => p.Title)),
            ("periodFrom", "2026-01-01"),
            ("periodTo", "2026-12-31")
        );

        Assert.Contains($"name=\"title\" maxlength=\"{Max(app, (Plan p) => p.Title)}\"", form);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("Trích yếu kế hoạch dài quá 1.000 ký tự.", html);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("value=\"31/KH-BCĐ\"", html);
        Assert.Equal(plans, await CountAsync<Plan>(app));
    }

    [Fact]
    public async Task A_page_post_no_service_checked_comes_back_to_the_page_with_the_Vietnamese_refusal_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin", followRedirects: false);
        var doc = EveryCriterionProtected("BAOVE-2027");

        var posted = await admin.PostFormAsync("/bo-tieu-chi/nhap", "import-criteria-set", ("Json", doc.ToJsonString()));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal("/bo-tieu-chi/nhap", posted.Target());
        var html = WebUtility.HtmlDecode(await admin.GetStringAsync(posted.Target()));
        Assert.Contains("Dữ liệu quá dài so với nơi lưu; chưa lưu gì.", html);
        Assert.Contains($"Tiêu chí bảo vệ khi thu hồi dài quá {Max(app, (CriteriaSet s) => s.RevocationProtected)} ký tự.", html);
        Assert.Contains("role=\"alert\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/criteria-sets/BAOVE-2027")).StatusCode);
    }

    /// <summary>46 criteria numbered from 1,000,000,000, all protected from revocation: stored joined, 505 characters.</summary>
    private static JsonNode EveryCriterionProtected(string code)
    {
        var doc = SmallSet(code, criteria: 46, firstNumber: 1_000_000_000);
        doc["revocation"] = new JsonObject
        {
            ["lowerShare"] = 0.3,
            ["upperShare"] = 0.5,
            ["protectedCriteria"] = new JsonArray([
                .. doc["criteria"]!.AsArray().Select(c => JsonValue.Create(c!["number"]!.GetValue<int>())),
            ]),
        };
        return doc;
    }

    private static JsonNode SmallSet(string code, int criteria, int firstNumber = 1) =>
        new JsonObject
        {
            ["code"] = code,
            ["name"] = "Bộ tiêu chí thử",
            ["validFrom"] = 2026,
            ["validTo"] = 2030,
            ["levels"] = new JsonArray(
                new JsonObject
                {
                    ["code"] = "NTM",
                    ["name"] = "Đạt chuẩn",
                    ["rank"] = 1,
                }
            ),
            ["groups"] = new JsonArray(new JsonObject { ["code"] = "G1", ["name"] = "Nhóm 1" }),
            ["bands"] = new JsonArray(new JsonObject { ["name"] = "Đạt chuẩn", ["minCriteriaMet"] = criteria }),
            ["criteria"] = new JsonArray([
                .. Enumerable
                    .Range(0, criteria)
                    .Select(i =>
                        (JsonNode)
                            new JsonObject
                            {
                                ["number"] = firstNumber + i,
                                ["code"] = $"TC{i + 1:00}",
                                ["name"] = $"Tiêu chí {i + 1}",
                                ["responsibleSector"] = "Sở Xây dựng",
                                ["indicators"] = new JsonArray(
                                    new JsonObject
                                    {
                                        ["code"] = $"{i + 1}.1",
                                        ["name"] = $"Chỉ tiêu {i + 1}.1",
                                        ["type"] = "boolean",
                                        ["rule"] = "achieved",
                                        ["thresholds"] = new JsonArray(new JsonObject { ["level"] = "NTM", ["value"] = true }),
                                    }
                                ),
                            }
                    ),
            ]),
        };

    private static StringContent Json(JsonNode doc) => new(doc.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>
    /// Every limited text column of every entity of the model, on a new row and on a row read back: one character over its
    /// limit is refused by SaveChanges with the column's Vietnamese name and limit, before any statement is sent.
    /// </summary>
    [Fact]
    public async Task Every_limited_text_column_of_the_model_refuses_a_longer_text_at_save_in_Vietnamese()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var tried = new List<string>();
        foreach (var entity in db.Model.Limited().GroupBy(l => (IEntityType)l.Property.DeclaringType))
        {
            var row = Activator.CreateInstance(entity.Key.ClrType)!;
            foreach (var key in entity.Key.FindPrimaryKey()!.Properties.Where(k => k.ClrType == typeof(string)))
                key.PropertyInfo!.SetValue(row, $"k{tried.Count}");
            var entry = db.Add(row);
            foreach (var (property, max) in entity.Where(l => !l.Property.IsKey()))
            {
                var value = entry.Property(property.Name);
                var original = value.CurrentValue;
                value.CurrentValue = new string('x', max + 1);
                var refused = await Assert.ThrowsAsync<StoredTextRefusedException>(() => db.SaveChangesAsync());
                Assert.Equal(
                    $"{StoredText.Label(property)} dài quá {max.ToString("N0", Vietnamese)} ký tự.",
                    Assert.Single(refused.Problems).Message
                );
                value.CurrentValue = original;
                tried.Add($"{entity.Key.ClrType.Name}.{property.Name}");
            }
            entry.State = EntityState.Detached;
        }

        var plan = await db.Plans.FirstAsync();
        var title = plan.Title;
        plan.Title = new string('x', Max(app, (Plan p) => p.Title) + 1);
        Assert.Equal(
            "Trích yếu kế hoạch dài quá 1.000 ký tự.",
            Assert.Single((await Assert.ThrowsAsync<StoredTextRefusedException>(() => db.SaveChangesAsync())).Problems).Message
        );
        using var fresh = app.Services.CreateScope();
        Assert.Equal(title, (await app.Db(fresh).Plans.SingleAsync(p => p.Id == plan.Id)).Title);

        Assert.Equal(db.Model.Limited().Count(l => !l.Property.IsKey()), tried.Count);
        Assert.Contains("DossierEventRecord.Details", tried);
        Assert.Contains("AppUser.DisplayName", tried);
    }
}
