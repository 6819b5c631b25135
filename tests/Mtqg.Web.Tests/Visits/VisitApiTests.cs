using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Visits;

/// <summary>Working visits and their recommendations through the API: an agency writes only its own visits in its assigned
/// communes; the responsible party answers and closes; the open list is oldest first with overdue ones marked.</summary>
public sealed partial class VisitApiTests
{
    private const string LaoCai = "15",
        BaoHa = "02989",
        BaoNhai = "02890",
        SocSon = "00376",
        Finance = "Sở Tài chính",
        Construction = "Sở Xây dựng";

    private static DateOnly Today => Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string VisitDay => Iso(Today);

    /// <summary>Lào Cai: Sở Tài chính helps Bảo Hà from a year ago to a year ahead; its account, Sở Xây dựng's appraiser, the office and Bảo Hà's officer.</summary>
    private sealed record FinanceHelpsBaoHa(Given Given, Account Agency, Account Department, Account Office, Account Officer);

    private static async Task<FinanceHelpsBaoHa> FinanceHelpsBaoHaAsync(MtqgApp app)
    {
        var given = app.Given();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        await given.Assignment(office.Client, LaoCai, Finance, [BaoHa], Today.AddYears(-1), Today.AddYears(1));
        return new FinanceHelpsBaoHa(
            given,
            await given.Account(Roles.Agency, unit: LaoCai, sector: Finance),
            await given.Account(Roles.Appraiser, unit: LaoCai, sector: Construction),
            office,
            await given.Account(Roles.Commune, unit: BaoHa)
        );
    }

    private static object Visit(string commune, object[]? recommendations = null, string? date = null) =>
        new
        {
            date = date ?? VisitDay,
            communeCode = commune,
            participants = new[] { "Phó Giám đốc Sở Tài chính", "Chủ tịch UBND xã" },
            content = "Kiểm tra tiến độ xây dựng nông thôn mới",
            findings = "Còn thiếu tiêu chí giao thông",
            support = new object[]
            {
                new
                {
                    kind = "gift",
                    description = "Quà cho hộ nghèo",
                    quantity = 10,
                    unit = "suất",
                    value = 5_000_000,
                },
                new
                {
                    kind = "money",
                    description = "Quỹ khuyến học",
                    value = 3_000_000,
                },
            },
            difficulties = new[] { "Thiếu vốn đối ứng" },
            recommendations = recommendations
                ??
                [
                    new
                    {
                        text = "Hướng dẫn hồ sơ đường trục thôn",
                        responsible = "department",
                        sector = "Sở Xây dựng",
                        dueDate = "2030-12-31",
                    },
                ],
        };

    private static async Task<int> CreatedIdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
    }

    private static async Task<List<JsonElement>> OpenAsync(HttpClient client, string query) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/v1/recommendations?{query}")).EnumerateArray()];

    [Fact]
    public async Task An_agency_records_a_visit_in_its_assigned_commune_and_its_recommendation_joins_the_open_list()
    {
        await using var app = await MtqgApp.StartAsync();
        var lc = await FinanceHelpsBaoHaAsync(app);
        var agency = lc.Agency.Client;

        var id = await CreatedIdAsync(await agency.PostAsJsonAsync("/api/v1/visits", Visit(BaoHa)));
        var visit = await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits/{id}");
        var open = await OpenAsync(lc.Officer.Client, $"commune={BaoHa}");

        Assert.Equal(
            ("Sở Tài chính", "Xã Bảo Hà", 8_000_000L),
            (
                visit.GetProperty("agencyName").GetString(),
                visit.GetProperty("communeName").GetString(),
                visit.GetProperty("supportValue").GetInt64()
            )
        );
        Assert.Equal(
            ["Quà tặng", "Tiền"],
            visit.GetProperty("support").EnumerateArray().Select(s => s.GetProperty("kindName").GetString())
        );
        var raised = visit.GetProperty("recommendations").EnumerateArray().Single();
        Assert.Equal(
            ("open", "Sở Xây dựng"),
            (raised.GetProperty("status").GetString(), raised.GetProperty("responsibleName").GetString())
        );
        Assert.Contains(open, r => r.GetProperty("id").GetInt32() == raised.GetProperty("id").GetInt32());
        var timeline = await (lc.Officer.Client).GetFromJsonAsync<JsonElement>($"/api/v1/visits?commune={BaoHa}");
        Assert.Equal(id, timeline[0].GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task The_agency_corrects_its_visit_record_keeping_what_it_does_not_send_and_nobody_else_may()
    {
        await using var app = await MtqgApp.StartAsync();
        var lc = await FinanceHelpsBaoHaAsync(app);
        var agency = lc.Agency.Client;
        var id = await CreatedIdAsync(await agency.PostAsJsonAsync("/api/v1/visits", Visit(BaoHa)));

        var corrected = await agency.PutAsJsonAsync(
            $"/api/v1/visits/{id}",
            new { content = "Kiểm tra tiến độ đường trục thôn (sửa chính tả)", findings = "Đã hoàn thành 80% khối lượng." }
        );
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var visit = await corrected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Kiểm tra tiến độ đường trục thôn (sửa chính tả)", visit.GetProperty("content").GetString());
        Assert.Equal(8_000_000L, visit.GetProperty("supportValue").GetInt64()); // not sent: kept
        Assert.Single(visit.GetProperty("recommendations").EnumerateArray());

        var bad = await ProblemAssert.IsProblemAsync(
            await agency.PutAsJsonAsync($"/api/v1/visits/{id}", new { communeCode = "02680", content = " " }),
            HttpStatusCode.BadRequest
        );
        Assert.NotEmpty(ProblemAssert.Errors(bad, "communeCode"));
        Assert.NotEmpty(ProblemAssert.Errors(bad, "content"));
        await ProblemAssert.IsProblemAsync(
            await (lc.Office.Client).PutAsJsonAsync($"/api/v1/visits/{id}", new { content = "X" }),
            HttpStatusCode.Forbidden
        );
        Assert.Equal(
            "Kiểm tra tiến độ đường trục thôn (sửa chính tả)",
            (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits/{id}")).GetProperty("content").GetString()
        );

        // Support sent is the whole new list: the two items recorded are replaced by one, and the trail files each under the commune.
        var replaced = await agency.PutAsJsonAsync(
            $"/api/v1/visits/{id}",
            new
            {
                support = new[]
                {
                    new
                    {
                        kind = "materials",
                        description = "Xi măng làm đường",
                        quantity = 20,
                        unit = "tấn",
                        value = 30_000_000,
                    },
                },
            }
        );
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(30_000_000L, (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("supportValue").GetInt64());

        using var scope = app.Services.CreateScope();
        Assert.Contains(await app.Db(scope).AuditEntries.Where(e => e.Entity == "VisitRecord").ToListAsync(), e =>
            e.Action == Mtqg.Data.Audit.AuditEntry.Update && e.NewValue!.Contains("sửa chính tả")
        );
        var support = await app.Db(scope)
            .AuditEntries.Where(e => e.Entity == "VisitSupport" && e.UnitCode == BaoHa && e.UserName == lc.Agency.UserName)
            .OrderBy(e => e.Id)
            .ToListAsync();
        Assert.Equal(["create", "create", "create", "delete", "delete"], support.Select(e => e.Action).Order()); // two recorded, two removed, one added
        Assert.Contains(support, e =>
            e.Action == "create"
            && e.NewValue == "Loại hỗ trợ: Vật tư; Nội dung: Xi măng làm đường; Số lượng: 20; Đơn vị tính: tấn; Giá trị (đồng): 30000000"
        );
        Assert.All(support, e => Assert.StartsWith("Sở Tài chính ", e.Key));
    }

    [Fact]
    public async Task Text_longer_than_the_record_holds_is_named_on_create_and_on_correction_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartAsync();
        var lc = await FinanceHelpsBaoHaAsync(app);
        var agency = lc.Agency.Client;
        var before = (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits?commune={BaoHa}")).GetArrayLength();
        var tooLong = new string('x', 4001);
        var refused = await ProblemAssert.IsProblemAsync(
            await agency.PostAsJsonAsync(
                "/api/v1/visits",
                new
                {
                    date = VisitDay,
                    communeCode = BaoHa,
                    participants = new[] { tooLong },
                    content = "Làm việc",
                    support = new[]
                    {
                        new
                        {
                            kind = "gift",
                            description = new string('q', 1001),
                            quantity = 1,
                            unit = "suất",
                            value = 1000,
                        },
                    },
                    recommendations = new[]
                    {
                        new
                        {
                            text = tooLong,
                            responsible = "commune",
                            sector = (string?)null,
                            dueDate = (string?)null,
                        },
                    },
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("4.000", ProblemAssert.Errors(refused, "participants").Single());
        Assert.Contains("1.000", ProblemAssert.Errors(refused, "support[0].description").Single());
        Assert.Contains("4.000", ProblemAssert.Errors(refused, "recommendations[0].text").Single());
        Assert.Equal(before, (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits?commune={BaoHa}")).GetArrayLength());

        var id = await CreatedIdAsync(await agency.PostAsJsonAsync("/api/v1/visits", Visit(BaoHa)));
        var correction = await ProblemAssert.IsProblemAsync(
            await agency.PutAsJsonAsync($"/api/v1/visits/{id}", new { participants = new[] { tooLong } }),
            HttpStatusCode.BadRequest
        );
        Assert.NotEmpty(ProblemAssert.Errors(correction, "participants"));
        Assert.Equal(2, (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits/{id}")).GetProperty("participants").GetArrayLength());

        // An answer longer than the recommendation's record holds.
        var recommendation = (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits/{id}"))
            .GetProperty("recommendations")[0]
            .GetProperty("id")
            .GetInt32();
        var answer = await ProblemAssert.IsProblemAsync(
            await (lc.Department.Client).PostAsJsonAsync($"/api/v1/recommendations/{recommendation}/response", new { text = tooLong }),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("4.000", ProblemAssert.Errors(answer, "text").Single());
        Assert.Equal(
            "open",
            (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits/{id}"))
                .GetProperty("recommendations")[0]
                .GetProperty("status")
                .GetString()
        );
    }

    [Fact]
    public async Task A_visit_recorded_by_mistake_is_deleted_until_one_of_its_recommendations_is_answered()
    {
        await using var app = await MtqgApp.StartAsync();
        var lc = await FinanceHelpsBaoHaAsync(app);
        var agency = lc.Agency.Client;
        var mistaken = await CreatedIdAsync(await agency.PostAsJsonAsync("/api/v1/visits", Visit(BaoHa)));
        Assert.Equal(HttpStatusCode.NoContent, (await agency.DeleteAsync($"/api/v1/visits/{mistaken}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await agency.GetAsync($"/api/v1/visits/{mistaken}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain(await OpenAsync(agency, $"commune={BaoHa}"), r => r.GetProperty("visitId").GetInt32() == mistaken);

        var kept = await CreatedIdAsync(await agency.PostAsJsonAsync("/api/v1/visits", Visit(BaoHa)));
        var recommendation = (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits/{kept}"))
            .GetProperty("recommendations")[0]
            .GetProperty("id")
            .GetInt32();
        var department = lc.Department.Client;
        Assert.Equal(
            HttpStatusCode.NoContent,
            (
                await department.PostAsJsonAsync($"/api/v1/recommendations/{recommendation}/response", new { text = "Sở đang hướng dẫn" })
            ).StatusCode
        );
        var problem = await ProblemAssert.IsProblemAsync(await agency.DeleteAsync($"/api/v1/visits/{kept}"), HttpStatusCode.Conflict);
        Assert.Contains("đã được trả lời", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_agency_cannot_write_a_visit_for_an_unassigned_commune_or_for_another_agency_and_others_cannot_write_visits()
    {
        await using var app = await MtqgApp.StartAsync();
        var lc = await FinanceHelpsBaoHaAsync(app);
        var agency = lc.Agency.Client;
        var admin = await lc.Given.Administrator();
        await lc.Given.Assignment(lc.Office.Client, LaoCai, "Sở Khoa học và Công nghệ", [BaoHa], Today.AddYears(-1), Today.AddYears(1));
        var science = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/assignments?province=15"))
            .EnumerateArray()
            .First(a => a.GetProperty("agencyName").GetString() == "Sở Khoa học và Công nghệ")
            .GetProperty("agencyId")
            .GetInt32();
        var before = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/visits?province=15")).GetArrayLength();

        var unassigned = await agency.PostAsJsonAsync("/api/v1/visits", Visit(BaoNhai));
        var otherAgency = await agency.PostAsJsonAsync(
            "/api/v1/visits",
            new
            {
                agencyId = science,
                date = VisitDay,
                communeCode = BaoHa,
                participants = new[] { "A" },
                content = "B",
            }
        );
        var coordinator = await (lc.Office.Client).PostAsJsonAsync("/api/v1/visits", Visit(BaoHa));
        var commune = await (lc.Officer.Client).PostAsJsonAsync("/api/v1/visits", Visit(BaoHa));

        Assert.Contains(
            "không được phân công",
            (await ProblemAssert.IsProblemAsync(unassigned, HttpStatusCode.Forbidden)).GetProperty("detail").GetString()
        );
        await ProblemAssert.IsProblemAsync(otherAgency, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(coordinator, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(commune, HttpStatusCode.Forbidden);
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/visits?province=15")).GetArrayLength());
    }
}
