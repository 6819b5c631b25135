using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Visits;

/// <summary>VisitApiTests, continued: refusals, recommendations, the audit trail, the open list and agencies' reading.</summary>
public sealed partial class VisitApiTests
{
    [Fact]
    public async Task A_bad_visit_is_refused_naming_every_field_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartAsync();
        var lc = await FinanceHelpsBaoHaAsync(app);
        var agency = lc.Agency.Client;
        var before = (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits?commune={BaoHa}")).GetArrayLength();
        var openBefore = (await OpenAsync(agency, $"commune={BaoHa}")).Count;

        var response = await agency.PostAsJsonAsync(
            "/api/v1/visits",
            new
            {
                date = "2099-01-01",
                communeCode = BaoHa,
                participants = Array.Empty<string>(),
                content = " ",
                support = new object[] { new { kind = "money", description = "Tiền" }, new { kind = "cash" } },
                recommendations = new object[]
                {
                    new
                    {
                        text = "",
                        responsible = "department",
                        sector = "Sở Xây dựng",
                    },
                    new { text = "Sửa đường", responsible = "ministry" },
                },
            }
        );

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        foreach (
            var field in new[]
            {
                "date",
                "participants",
                "content",
                "support[0].value",
                "support[1].kind",
                "recommendations[0].text",
                "recommendations[1].responsible",
            }
        )
            Assert.NotEmpty(ProblemAssert.Errors(problem, field));
        Assert.Equal(before, (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits?commune={BaoHa}")).GetArrayLength());
        Assert.Equal(openBefore, (await OpenAsync(agency, $"commune={BaoHa}")).Count);
    }

    [Fact]
    public async Task The_department_answers_and_closes_a_recommendation_it_leaves_the_open_list_and_a_second_close_names_the_state()
    {
        await using var app = await MtqgApp.StartAsync();
        var lc = await FinanceHelpsBaoHaAsync(app);
        var agency = lc.Agency.Client;
        var department = lc.Department.Client;
        var officer = lc.Officer.Client;
        var visit = await CreatedIdAsync(await agency.PostAsJsonAsync("/api/v1/visits", Visit(BaoHa)));
        var id = (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits/{visit}"))
            .GetProperty("recommendations")[0]
            .GetProperty("id")
            .GetInt32();

        var byCommune = await officer.PostAsJsonAsync($"/api/v1/recommendations/{id}/response", new { text = "Xã trả lời" });
        var empty = await department.PostAsJsonAsync($"/api/v1/recommendations/{id}/response", new { text = " " });
        var answered = await department.PostAsJsonAsync($"/api/v1/recommendations/{id}/response", new { text = "Sở đã nhận hồ sơ" });
        var inProgress = await department.GetFromJsonAsync<JsonElement>($"/api/v1/recommendations/{id}");
        var closed = await department.PostAsJsonAsync($"/api/v1/recommendations/{id}/close", new { text = "Đã hướng dẫn xong" });
        var again = await department.PostAsJsonAsync($"/api/v1/recommendations/{id}/close", new { text = "Lần nữa" });

        Assert.Contains(
            "Sở Xây dựng",
            (await ProblemAssert.IsProblemAsync(byCommune, HttpStatusCode.Forbidden)).GetProperty("detail").GetString()
        );
        Assert.NotEmpty(ProblemAssert.Errors(await ProblemAssert.IsProblemAsync(empty, HttpStatusCode.BadRequest), "response"));
        Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);
        Assert.Equal(
            ("inProgress", "Sở đã nhận hồ sơ"),
            (
                inProgress.GetProperty("recommendation").GetProperty("status").GetString(),
                inProgress.GetProperty("recommendation").GetProperty("response").GetString()
            )
        );
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Contains("đã đóng", (await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        var final = await agency.GetFromJsonAsync<JsonElement>($"/api/v1/recommendations/{id}");
        Assert.Equal(
            ("closed", lc.Department.UserName),
            (
                final.GetProperty("recommendation").GetProperty("status").GetString(),
                final.GetProperty("recommendation").GetProperty("closedBy").GetString()
            )
        );
        Assert.Equal(
            ["Raised", "Responded", "Closed"],
            final.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString())
        );
        Assert.DoesNotContain(await OpenAsync(agency, $"commune={BaoHa}"), r => r.GetProperty("id").GetInt32() == id);
        Assert.Contains(await OpenAsync(agency, $"commune={BaoHa}&status=all"), r => r.GetProperty("id").GetInt32() == id);

        // The agency that raised it may reopen it; it is open again.
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await agency.PostAsJsonAsync($"/api/v1/recommendations/{id}/reopen", new { text = "Chưa có văn bản" })).StatusCode
        );
        Assert.Contains(await OpenAsync(agency, $"commune={BaoHa}"), r => r.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task A_visit_and_each_step_of_its_recommendation_are_in_the_audit_trail_with_who_did_it()
    {
        await using var app = await MtqgApp.StartAsync();
        var lc = await FinanceHelpsBaoHaAsync(app);
        var agency = lc.Agency.Client;
        var department = lc.Department.Client;
        var coordinator = lc.Office.Client;
        var visit = await CreatedIdAsync(await agency.PostAsJsonAsync("/api/v1/visits", Visit(BaoHa)));
        var id = (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits/{visit}"))
            .GetProperty("recommendations")[0]
            .GetProperty("id")
            .GetInt32();
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await department.PostAsJsonAsync($"/api/v1/recommendations/{id}/close", new { text = "Đã hướng dẫn" })).StatusCode
        );

        var visits = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/audit?unit={BaoHa}&entity=VisitRecord");
        var recommendations = await coordinator.GetFromJsonAsync<JsonElement>(
            $"/api/v1/audit?unit={BaoHa}&entity=RecommendationRecord&user={lc.Department.UserName}"
        );

        Assert.Contains(visits.GetProperty("items").EnumerateArray(), e =>
            e.GetProperty("userName").GetString() == lc.Agency.UserName && e.GetProperty("action").GetString() == "create"
        );
        var closed = recommendations.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("update", closed.GetProperty("action").GetString());
        Assert.Contains("Trạng thái: đã đóng", closed.GetProperty("newValue").GetString()); // states as the pages name them
        Assert.Contains("Trạng thái: mới nêu", closed.GetProperty("oldValue").GetString());
    }

    [Fact]
    public async Task The_open_list_of_a_province_is_oldest_first_with_overdue_ones_marked()
    {
        await using var app = await MtqgApp.StartAsync();
        var lc = await FinanceHelpsBaoHaAsync(app);
        var coordinator = lc.Office.Client;
        var agency = lc.Agency.Client;
        await CreatedIdAsync(
            await agency.PostAsJsonAsync(
                "/api/v1/visits",
                Visit(
                    BaoHa,
                    date: Iso(Today.AddDays(-20)),
                    recommendations:
                    [
                        new
                        {
                            text = "UBND xã rà soát danh sách hộ nghèo",
                            responsible = "commune",
                            dueDate = Iso(Today.AddDays(25)),
                        },
                    ]
                )
            )
        );
        await CreatedIdAsync(
            await agency.PostAsJsonAsync(
                "/api/v1/visits",
                Visit(
                    BaoHa,
                    date: Iso(Today.AddDays(-120)),
                    recommendations:
                    [
                        new
                        {
                            text = "Đề nghị Sở Xây dựng hướng dẫn hồ sơ đường trục thôn",
                            responsible = "department",
                            sector = Construction,
                            dueDate = Iso(Today.AddDays(-90)),
                        },
                    ]
                )
            )
        );
        var closedVisit = await CreatedIdAsync(
            await agency.PostAsJsonAsync(
                "/api/v1/visits",
                Visit(
                    BaoHa,
                    date: Iso(Today.AddDays(-60)),
                    recommendations:
                    [
                        new
                        {
                            text = "Sửa chữa nhà văn hóa thôn",
                            responsible = "department",
                            sector = Construction,
                            dueDate = Iso(Today.AddDays(-30)),
                        },
                    ]
                )
            )
        );
        var closedId = (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits/{closedVisit}"))
            .GetProperty("recommendations")[0]
            .GetProperty("id")
            .GetInt32();
        Assert.Equal(
            HttpStatusCode.NoContent,
            (
                await lc.Department.Client.PostAsJsonAsync($"/api/v1/recommendations/{closedId}/close", new { text = "Đã sửa xong" })
            ).StatusCode
        );
        await CreatedIdAsync(
            await agency.PostAsJsonAsync("/api/v1/visits", Visit(BaoHa, [new { text = "Không hạn", responsible = "province" }]))
        );

        var open = await OpenAsync(coordinator, "province=15");

        var raised = open.Select(r => r.GetProperty("raisedOn").GetString()!).ToList();
        Assert.Equal(raised.Order(StringComparer.Ordinal), raised);
        Assert.Equal(3, raised.Distinct().Count()); // three days, so the order is the list's own
        Assert.All(open, r => Assert.Contains(r.GetProperty("status").GetString(), new[] { "open", "inProgress" }));
        var overdue = open.Single(r =>
            r.GetProperty("text").GetString()!.StartsWith("Đề nghị Sở Xây dựng hướng dẫn hồ sơ", StringComparison.Ordinal)
        );
        Assert.True(DateOnly.Parse(overdue.GetProperty("dueDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture) < Today);
        Assert.True(overdue.GetProperty("isOverdue").GetBoolean());
        var notYetDue = open.Single(r => r.GetProperty("text").GetString()!.StartsWith("UBND xã rà soát", StringComparison.Ordinal));
        Assert.False(notYetDue.GetProperty("isOverdue").GetBoolean()); // due in a few weeks
        var undated = open.Single(r => r.GetProperty("text").GetString() == "Không hạn");
        Assert.False(undated.GetProperty("isOverdue").GetBoolean());
        Assert.DoesNotContain(open, r => r.GetProperty("text").GetString()!.Contains("nhà văn hóa", StringComparison.Ordinal)); // closed
    }

    [Fact]
    public async Task An_agency_reads_only_the_communes_it_is_assigned_to()
    {
        await using var app = await MtqgApp.StartAsync();
        var lc = await FinanceHelpsBaoHaAsync(app);
        var agency = lc.Agency.Client;
        await CreatedIdAsync(await agency.PostAsJsonAsync("/api/v1/visits", Visit(BaoHa)));
        // Another agency helps Bảo Nhai and has visited it.
        await lc.Given.Assignment(lc.Office.Client, LaoCai, "Sở Khoa học và Công nghệ", [BaoNhai], Today.AddYears(-1), Today.AddYears(1));
        var science = await lc.Given.Account(Roles.Agency, unit: LaoCai, sector: "Sở Khoa học và Công nghệ");
        await CreatedIdAsync(await science.Client.PostAsJsonAsync("/api/v1/visits", Visit(BaoNhai)));

        var own = await agency.GetAsync($"/api/v1/communes/{BaoHa}/years/2026/scorecard");
        var other = await agency.GetAsync($"/api/v1/communes/{BaoNhai}/years/2026/scorecard");
        var ownVisits = await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits?commune={BaoHa}");
        var otherVisits = await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits?commune={BaoNhai}");
        var otherProvince = await agency.GetAsync($"/api/v1/visits?commune={SocSon}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Forbidden);
        Assert.NotEqual(0, ownVisits.GetArrayLength());
        Assert.Equal(0, otherVisits.GetArrayLength()); // only its own visits would show in a commune it does not help
        await ProblemAssert.IsProblemAsync(otherProvince, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_visit_dated_after_today_is_refused_naming_the_date_on_the_api_and_on_the_page_with_the_record_kept()
    {
        await using var app = await MtqgApp.StartAsync();
        var lc = await FinanceHelpsBaoHaAsync(app);
        var agency = await app.ClientAsAsync(lc.Agency.UserName, lc.Agency.Password, followRedirects: false);
        var tomorrow = Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow).AddDays(1);
        var shown = tomorrow.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var iso = tomorrow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var before = (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits?commune={BaoHa}")).GetArrayLength();

        var api = await agency.PostAsJsonAsync("/api/v1/visits", Visit(BaoHa, date: iso));
        var page = await agency.PostFormAsync(
            "/buoi-lam-viec/moi",
            "new-visit",
            ("date", iso),
            ("communeCode", BaoHa),
            ("participants", "Phó Giám đốc Sở Tài chính"),
            ("content", "Làm việc về đường trục thôn")
        );

        var problem = await ProblemAssert.IsProblemAsync(api, HttpStatusCode.BadRequest);
        Assert.Contains(ProblemAssert.Errors(problem, "date"), e =>
            e.StartsWith($"Ngày làm việc ({shown}) không được sau ngày hôm nay (", StringComparison.Ordinal)
        );
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains($"Ngày làm việc ({shown}) không được sau ngày hôm nay", html);
        Assert.Contains("Làm việc về đường trục thôn</textarea>", html);
        Assert.Contains($"value=\"{iso}\"", html);
        Assert.Equal(before, (await agency.GetFromJsonAsync<JsonElement>($"/api/v1/visits?commune={BaoHa}")).GetArrayLength());
    }
}
