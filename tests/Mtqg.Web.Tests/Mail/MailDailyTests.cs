using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data.Mail;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Closing;
using Mtqg.Web.Features.Mail;

namespace Mtqg.Web.Tests.Mail;

/// <summary>The daily scan: recommendations due or overdue and reports due, each mailed once a day to whoever must act.</summary>
public sealed class MailDailyTests
{
    private const string LaoCai = "15",
        BaoHa = "02989";

    private static DateOnly Today => Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task SetMailAsync(HttpClient client, string email)
    {
        var saved = await client.PutAsJsonAsync("/api/v1/me/notifications", new { email, choice = "immediate" });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_daily_scan_mails_a_due_recommendation_to_the_party_that_answers_it_and_a_due_report_to_the_office_once_a_day()
    {
        await using var smtp = await new SmtpTestServer().StartAsync();
        await using var app = await MailTests.StartAsync(smtp.Port, demo: false);
        var given = app.Given();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        await given.Assignment(office.Client, LaoCai, "Sở Tài chính", [BaoHa], Today.AddYears(-1), Today.AddYears(1));
        var agency = await given.Account(Roles.Agency, unit: LaoCai, sector: "Sở Tài chính");
        var officer = await given.Account(Roles.Commune, unit: BaoHa);
        await SetMailAsync(officer.Client, "xa.baoha@laocai.gov.vn");
        await SetMailAsync(office.Client, "vanphong@laocai.gov.vn");
        var visit = await agency.Client.PostAsJsonAsync(
            "/api/v1/visits",
            new
            {
                date = Iso(Today),
                communeCode = BaoHa,
                participants = new[] { "Phó Giám đốc Sở Tài chính" },
                content = "Kiểm tra tiến độ",
                recommendations = new object[]
                {
                    new
                    {
                        text = "Hoàn thiện hồ sơ đường trục thôn",
                        responsible = "commune",
                        dueDate = Iso(Today.AddDays(2)),
                    },
                    new
                    {
                        text = "Lập kế hoạch chợ nông thôn",
                        responsible = "commune",
                        dueDate = Iso(Today.AddDays(30)),
                    },
                },
            }
        );
        Assert.Equal(HttpStatusCode.Created, visit.StatusCode);
        var deadline = await office.Client.PostAsJsonAsync(
            $"/api/v1/provinces/{LaoCai}/years/{Today.Year}/report-calendar",
            new { report = "money", dueOn = Iso(Today.AddDays(2)) }
        );
        Assert.True(deadline.IsSuccessStatusCode, await deadline.Content.ReadAsStringAsync());

        var worker = app.Services.GetRequiredService<MailWorker>();
        await worker.ScanAsync(CancellationToken.None);
        await worker.ScanAsync(CancellationToken.None); // a restart the same day: nothing twice

        var toCommune = Assert.Single(await smtp.WaitForAsync("xa.baoha@laocai.gov.vn"));
        Assert.Equal("Sắp đến hạn — Trả lời kiến nghị tại Xã Bảo Hà", toCommune.Subject);
        Assert.Contains("Hoàn thiện hồ sơ đường trục thôn", toCommune.TextBody);
        Assert.Contains("https://ntm.thu-nghiem.vn/kien-nghi/", toCommune.TextBody);
        var toOffice = Assert.Single(await smtp.WaitForAsync("vanphong@laocai.gov.vn"));
        Assert.StartsWith("Gửi báo cáo «Tình hình giao vốn và giải ngân", toOffice.Subject);
        Assert.Contains($"https://ntm.thu-nghiem.vn/tinh/{LaoCai}/lich-bao-cao?nam={Today.Year}", toOffice.TextBody);
        await worker.SendDueAsync(CancellationToken.None);
        Assert.Equal(2, smtp.Messages.Count); // not the recommendation due in 30 days; each notice once
        Assert.All(await MailTests.QueueAsync(app), m => Assert.Equal(MailState.Sent, m.State));
    }

    [Fact]
    public async Task A_mail_that_cannot_be_sent_is_given_up_after_its_attempts_and_the_administrator_sees_it()
    {
        await using var app = await MailTests.StartAsync(SmtpTestServer.FreePort(), demo: false, maxAttempts: 1);
        var given = app.Given();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        await SetMailAsync(office.Client, "vanphong@laocai.gov.vn");
        var deadline = await office.Client.PostAsJsonAsync(
            $"/api/v1/provinces/{LaoCai}/years/{Today.Year}/report-calendar",
            new { report = "money", dueOn = Iso(Today.AddDays(1)) }
        );
        Assert.True(deadline.IsSuccessStatusCode, await deadline.Content.ReadAsStringAsync());

        await app.Services.GetRequiredService<MailWorker>().ScanAsync(CancellationToken.None);
        var failed = await MailTests.PollAsync(app, m => m.State == MailState.Failed);

        Assert.Equal((1, "vanphong@laocai.gov.vn"), (failed.Attempts, failed.ToAddress));
        var page = WebUtility.HtmlDecode(await (await given.Administrator()).GetStringAsync("/quan-tri/thu-dien-tu"));
        Assert.Contains("Gửi không được, đã thôi gửi</td><td>1</td>", page);
        Assert.Contains("vanphong@laocai.gov.vn", page);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.Client.GetAsync("/quan-tri/thu-dien-tu")).StatusCode);
    }

    [Fact]
    public async Task The_sender_runs_the_scan_by_itself_when_a_new_day_begins_in_Vietnam()
    {
        await using var smtp = await new SmtpTestServer().StartAsync();
        var clock = new MailTests.MovableClock();
        await using var app = await MailTests.StartAsync(smtp.Port, clock, demo: false, dailyScan: true);
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        await SetMailAsync(office.Client, "vanphong@laocai.gov.vn");
        var deadline = await office.Client.PostAsJsonAsync(
            $"/api/v1/provinces/{LaoCai}/years/{Today.Year}/report-calendar",
            new { report = "money", dueOn = Iso(Today.AddDays(ReportCalendarService.SoonDays + 1)) } // due "soon" from tomorrow
        );
        Assert.True(deadline.IsSuccessStatusCode, await deadline.Content.ReadAsStringAsync());
        await app.Services.GetRequiredService<MailWorker>().SendDueAsync(CancellationToken.None);
        Assert.Empty(smtp.Messages); // not due soon today

        clock.Advance(TimeSpan.FromDays(1));

        var mail = Assert.Single(await smtp.WaitForAsync("vanphong@laocai.gov.vn"));
        Assert.StartsWith("Gửi báo cáo «Tình hình giao vốn và giải ngân", mail.Subject);
        var due = Mtqg.Domain.Common.VietnamTime.Format(Today.AddDays(ReportCalendarService.SoonDays + 1));
        Assert.Contains($"có hạn gửi ngày {due}", mail.TextBody);
    }
}
