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
using Mtqg.Data.Visits;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Platform;

/// <summary>StoredTextTests, continued: accounts, visits, criteria sets, the last line and page forms.</summary>
public sealed partial class StoredTextTests
{
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
