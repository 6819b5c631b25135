using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Domain.Common;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Closing;

/// <summary>
/// The reporting calendar (issue 16 item 3): the coordination office enters the reports the province owes and their due
/// days, marks them sent; an overdue or near one shows on its "Việc chờ tôi"; bad input is named; others only read.
/// </summary>
public sealed class ReportCalendarTests
{
    private const string LaoCai = "15";
    private static readonly DateOnly Today = VietnamTime.Today(DateTime.UtcNow);
    private static readonly int Year = Today.Year;

    private static string Url(int? year = null, string province = LaoCai) =>
        $"/api/v1/provinces/{province}/years/{year ?? Year}/report-calendar";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");

    [Fact]
    public async Task The_office_enters_due_days_marks_one_sent_and_its_home_page_lists_the_overdue_one()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        // Due days inside the year: one already past (overdue), one far ahead.
        var past = Today.AddDays(-3).Year == Year ? Today.AddDays(-3) : Today;
        var ahead = new DateOnly(Year + 1, 1, 15);
        var overdue = await JsonAsync(
            await office.Client.PostAsJsonAsync(
                Url(),
                new
                {
                    report = "ntm-results",
                    dueOn = Day(past),
                    note = "Công văn 12/BCĐ",
                }
            ),
            HttpStatusCode.Created
        );
        await JsonAsync(
            await office.Client.PostAsJsonAsync(
                Url(),
                new
                {
                    report = "agencies",
                    half = 2,
                    dueOn = Day(ahead),
                }
            ),
            HttpStatusCode.Created
        );
        var money = await JsonAsync(
            await office.Client.PostAsJsonAsync(Url(), new { report = "money", dueOn = Day(ahead) }),
            HttpStatusCode.Created
        );

        var calendar = await JsonAsync(await office.Client.GetAsync(Url()));
        Assert.True(calendar.GetProperty("canChange").GetBoolean());
        var entries = calendar.GetProperty("deadlines").EnumerateArray().ToList();
        Assert.Equal(["ntm-results", "agencies", "money"], entries.Select(e => e.GetProperty("report").GetString()));
        Assert.Equal(past < Today ? "overdue" : "due-soon", entries[0].GetProperty("status").GetString());
        Assert.Equal($"6 tháng cuối năm {Year}", entries[1].GetProperty("period").GetString());
        Assert.Equal("upcoming", entries[2].GetProperty("status").GetString());

        Assert.Equal(
            HttpStatusCode.NoContent,
            (
                await office.Client.PostAsJsonAsync(
                    $"/api/v1/report-calendar/{money.GetProperty("id").GetInt32()}/sent",
                    new { note = "Báo cáo số 45/BC-UBND" }
                )
            ).StatusCode
        );
        var sent = (await JsonAsync(await office.Client.GetAsync(Url()))).GetProperty("deadlines")[2];
        Assert.Equal("sent", sent.GetProperty("status").GetString());
        Assert.Equal(Day(Today), sent.GetProperty("sentOn").GetString());
        Assert.Equal("Báo cáo số 45/BC-UBND", sent.GetProperty("note").GetString());
        await ProblemAssert.IsProblemAsync(
            await office.Client.DeleteAsync($"/api/v1/report-calendar/{money.GetProperty("id").GetInt32()}"),
            HttpStatusCode.Conflict
        );

        // The office's "Việc chờ tôi" (home page) names the report not sent that is due; the far one and the sent one are not there.
        var browser = await app.ClientAsAsync(office.UserName, office.Password);
        var home = WebUtility.HtmlDecode(await browser.GetStringAsync("/viec-cho-toi"));
        Assert.Contains(
            $"Gửi báo cáo «Kết quả thực hiện Bộ tiêu chí xã nông thôn mới theo xã và tiêu chí» năm {Year} (hạn {VietnamTime.Format(past)})",
            home
        );
        Assert.DoesNotContain("Tình hình giao vốn", home);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/tinh/{LaoCai}/lich-bao-cao?nam={Year}"));
        Assert.Contains("Công văn 12/BCĐ", page);
        Assert.Contains($"Đã gửi ngày {VietnamTime.Format(Today)}", page);
        Assert.Contains($"/api/v1/reports/agencies.xlsx?province={LaoCai}&year={Year}&half=2", page);
        _ = overdue;
    }

    [Fact]
    public async Task Bad_entries_are_named_and_only_the_provinces_office_changes_the_calendar()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        var hanoi = await given.Account(Roles.Coordinator, unit: "01");
        var viewer = await given.Account(Roles.Viewer, unit: LaoCai);
        var officer = await given.Account(Roles.Commune, unit: "02989");
        var due = Day(new DateOnly(Year, 12, 31));

        var unknown = await ProblemAssert.IsProblemAsync(
            await office.Client.PostAsJsonAsync(Url(), new { report = "bao-cao-x", dueOn = due }),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("\"bao-cao-x\"", ProblemAssert.Errors(unknown, "report")[0]);
        var halfOfYearly = await ProblemAssert.IsProblemAsync(
            await office.Client.PostAsJsonAsync(
                Url(),
                new
                {
                    report = "poverty", // a yearly report (money is six-monthly too)
                    half = 1,
                    dueOn = due,
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("báo cáo năm", ProblemAssert.Errors(halfOfYearly, "half")[0]);
        var noDay = await ProblemAssert.IsProblemAsync(
            await office.Client.PostAsJsonAsync(Url(), new { report = "money" }),
            HttpStatusCode.BadRequest
        );
        Assert.NotEmpty(ProblemAssert.Errors(noDay, "dueOn"));
        var farDay = await ProblemAssert.IsProblemAsync(
            await office.Client.PostAsJsonAsync(Url(), new { report = "money", dueOn = Day(new DateOnly(Year + 3, 1, 1)) }),
            HttpStatusCode.BadRequest
        );
        Assert.NotEmpty(ProblemAssert.Errors(farDay, "dueOn"));

        var created = await JsonAsync(
            await office.Client.PostAsJsonAsync(Url(), new { report = "poverty", dueOn = due }),
            HttpStatusCode.Created
        );
        var id = created.GetProperty("id").GetInt32();
        await ProblemAssert.IsProblemAsync(
            await office.Client.PostAsJsonAsync(Url(), new { report = "poverty", dueOn = due }),
            HttpStatusCode.Conflict
        );
        var future = await ProblemAssert.IsProblemAsync(
            await office.Client.PostAsJsonAsync($"/api/v1/report-calendar/{id}/sent", new { sentOn = Day(Today.AddDays(2)) }),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("không được sau hôm nay", ProblemAssert.Errors(future, "sentOn")[0]);

        await ProblemAssert.IsProblemAsync(
            await hanoi.Client.PostAsJsonAsync(Url(), new { report = "money", dueOn = due }),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(
            await hanoi.Client.PostAsJsonAsync($"/api/v1/report-calendar/{id}/sent", new { }),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(await viewer.Client.DeleteAsync($"/api/v1/report-calendar/{id}"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await officer.Client.GetAsync(Url()), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(
            await office.Client.PostAsJsonAsync("/api/v1/report-calendar/999999/sent", new { }),
            HttpStatusCode.NotFound
        );
        var read = await JsonAsync(await viewer.Client.GetAsync(Url()));
        Assert.False(read.GetProperty("canChange").GetBoolean());
        Assert.Single(read.GetProperty("deadlines").EnumerateArray());

        Assert.Equal(HttpStatusCode.NoContent, (await office.Client.DeleteAsync($"/api/v1/report-calendar/{id}")).StatusCode);
        Assert.Empty((await JsonAsync(await viewer.Client.GetAsync(Url()))).GetProperty("deadlines").EnumerateArray());
    }
}
