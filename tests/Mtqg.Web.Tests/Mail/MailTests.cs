using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data.Mail;
using Mtqg.Web.Features.Mail;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Mail;

/// <summary>Mail when something waits (issue 20 item 3), sent to a real SMTP server started by the test.</summary>
public sealed class MailTests
{
    private const string Site = "https://ntm.thu-nghiem.vn";

    /// <summary>The demo app sending through <paramref name="port"/> (no mail settings at all when null).</summary>
    internal static async Task<MtqgApp> StartAsync(
        int? port,
        TimeProvider? clock = null,
        int retrySeconds = 60,
        bool demo = true,
        int maxAttempts = 6,
        bool dailyScan = false
    )
    {
        var settings = port is null
            ? null
            : new Dictionary<string, string>
            {
                ["Mtqg:Mail:Host"] = "127.0.0.1",
                ["Mtqg:Mail:Port"] = port.Value.ToString(),
                ["Mtqg:Mail:Security"] = "None",
                ["Mtqg:Mail:FromAddress"] = "ntm@laocai.gov.vn",
                ["Mtqg:Mail:BaseUrl"] = Site,
                ["Mtqg:Mail:PollSeconds"] = "1",
                ["Mtqg:Mail:RetrySeconds"] = retrySeconds.ToString(),
                ["Mtqg:Mail:MaxAttempts"] = maxAttempts.ToString(),
                // A test calls the day's scan itself (MailWorker.ScanAsync) when its data is there, instead of racing the one at start.
                ["Mtqg:Mail:DailyScan"] = dailyScan ? "true" : "false",
                ["Mtqg:Mail:DailyHour"] = "0",
            };
        var app = new MtqgApp(await TestDatabase.CreateAsync(demo: demo), settings: settings, clock: clock, demo: demo);
        app.Server.ToString();
        return app;
    }

    internal static async Task<HttpClient> WithMailAsync(MtqgApp app, string userName, string email, string choice = "immediate")
    {
        var client = await app.ClientAsAsync(userName);
        var saved = await client.PutAsJsonAsync("/api/v1/me/notifications", new { email, choice });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        return client;
    }

    internal static async Task<List<OutgoingMail>> QueueAsync(MtqgApp app)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).OutgoingMails.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task Sending_back_a_criterion_mails_the_commune_naming_the_commune_and_the_criterion_with_a_link_and_not_an_account_that_chose_none()
    {
        await using var smtp = await new SmtpTestServer().StartAsync();
        await using var app = await StartAsync(smtp.Port);
        await WithMailAsync(app, "demo.xa", "xa.baoha@laocai.gov.vn");
        var created = await (await app.ClientAsAsync("demo.admin")).PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                userName = "vanthu.baoha",
                password = "Mk-vanthu-baoha-2026",
                displayName = "Văn thư xã Bảo Hà",
                role = "commune",
                unitCode = BaoHa,
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var other = await app.ClientAsAsync("vanthu.baoha", "Mk-vanthu-baoha-2026");
        var quiet = await other.PutAsJsonAsync("/api/v1/me/notifications", new { email = "vanthu.baoha@laocai.gov.vn", choice = "none" });
        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        var id = await SubmittedAsync(app);

        var nnmt = await app.ClientAsAsync("demo.thamdinh.nnmt");
        await OkAsync(await SendBackAsync(nnmt, id, 8, "Thiếu biên bản kiểm tra thu gom rác thải"));

        var mail = Assert.Single(await smtp.WaitForAsync("xa.baoha@laocai.gov.vn"));
        Assert.Equal("Tiêu chí 8 của hồ sơ Xã Bảo Hà năm 2026 bị trả lại", mail.Subject);
        Assert.Equal("ntm@laocai.gov.vn", mail.From.Mailboxes.Single().Address);
        Assert.Contains("Thiếu biên bản kiểm tra thu gom rác thải", mail.TextBody);
        Assert.Contains($"{Site}/ho-so-de-nghi/{id}", mail.TextBody);
        Assert.Empty(smtp.To("vanthu.baoha@laocai.gov.vn"));
        Assert.DoesNotContain(await QueueAsync(app), m => m.ToAddress == "vanthu.baoha@laocai.gov.vn");
    }

    [Fact]
    public async Task A_submitted_dossier_mails_each_department_the_criteria_it_appraises()
    {
        await using var smtp = await new SmtpTestServer().StartAsync();
        await using var app = await StartAsync(smtp.Port);
        await WithMailAsync(app, "demo.thamdinh.nnmt", "nnmt@laocai.gov.vn");
        await WithMailAsync(app, "demo.thamdinh.congan", "congan@laocai.gov.vn");

        var id = await SubmittedAsync(app);

        var nnmt = Assert.Single(await smtp.WaitForAsync("nnmt@laocai.gov.vn"));
        Assert.Equal("Thẩm định hồ sơ Xã Bảo Hà năm 2026: tiêu chí 3, 6, 8", nnmt.Subject);
        Assert.Contains($"{Site}/ho-so-de-nghi/{id}", nnmt.TextBody);
        var police = Assert.Single(await smtp.WaitForAsync("congan@laocai.gov.vn"));
        Assert.Equal("Thẩm định hồ sơ Xã Bảo Hà năm 2026: tiêu chí 10", police.Subject);

        // Criterion 8 sent back and resubmitted: only its department is asked again, for it alone.
        await OkAsync(await SendBackAsync(await app.ClientAsAsync("demo.thamdinh.nnmt"), id, 8, "Thiếu biên bản"));
        await AppraiseAllAsync(app, id, AppraiserOf.Keys.Where(n => n != 8));
        await OkAsync(await (await app.ClientAsAsync("demo.xa")).PostAsync($"/api/v1/dossiers/{id}/resubmit", null));
        var again = await smtp.WaitForAsync("nnmt@laocai.gov.vn", count: 2);
        Assert.Equal("Thẩm định hồ sơ Xã Bảo Hà năm 2026: tiêu chí 8", again[1].Subject);
        await app.Services.GetRequiredService<MailWorker>().SendDueAsync(CancellationToken.None);
        Assert.Single(smtp.To("congan@laocai.gov.vn"));
    }

    [Fact]
    public async Task Who_chose_the_daily_digest_gets_one_mail_a_day_listing_every_item()
    {
        await using var smtp = await new SmtpTestServer().StartAsync();
        await using var app = await StartAsync(smtp.Port);
        await WithMailAsync(app, "demo.xa", "xa.baoha@laocai.gov.vn", "daily");
        var id = await SubmittedAsync(app);
        var nnmt = await app.ClientAsAsync("demo.thamdinh.nnmt");
        await OkAsync(await SendBackAsync(nnmt, id, 3, "Thiếu số liệu thủy lợi"));
        await OkAsync(await SendBackAsync(nnmt, id, 8, "Thiếu biên bản kiểm tra thu gom rác thải"));
        Assert.Equal(2, (await QueueAsync(app)).Count(m => m.State == MailState.HeldForDigest)); // held, not sent one by one

        var worker = app.Services.GetRequiredService<MailWorker>();
        await worker.ScanAsync(CancellationToken.None);
        await worker.ScanAsync(CancellationToken.None); // the same day again: nothing more

        var digest = Assert.Single(await smtp.WaitForAsync("xa.baoha@laocai.gov.vn"));
        Assert.StartsWith("Việc chờ bạn ngày", digest.Subject);
        Assert.Contains("Tiêu chí 3 của hồ sơ Xã Bảo Hà năm 2026 bị trả lại", digest.TextBody);
        Assert.Contains("Tiêu chí 8 của hồ sơ Xã Bảo Hà năm 2026 bị trả lại", digest.TextBody);
        Assert.Contains($"{Site}/ho-so-de-nghi/{id}", digest.TextBody);
        await worker.SendDueAsync(CancellationToken.None);
        Assert.Single(smtp.To("xa.baoha@laocai.gov.vn"));
    }

    [Fact]
    public async Task Without_a_mail_server_configured_nothing_is_queued_and_the_request_still_succeeds()
    {
        await using var app = await StartAsync(port: null);
        var xa = await WithMailAsync(app, "demo.xa", "xa.baoha@laocai.gov.vn");
        var settings = await xa.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications");
        Assert.False(settings.GetProperty("mailOn").GetBoolean());
        var id = await SubmittedAsync(app);

        var sentBack = await OkAsync(
            await SendBackAsync(await app.ClientAsAsync("demo.thamdinh.nnmt"), id, 8, "Thiếu biên bản kiểm tra thu gom rác thải")
        );

        Assert.Equal("sent_back", sentBack.StateOf(8));
        Assert.Empty(await QueueAsync(app));
        Assert.Equal(0, await app.Services.GetRequiredService<MailWorker>().SendDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task When_the_mail_server_is_down_the_request_succeeds_and_the_mail_waits_with_its_attempt_counted_until_the_server_is_up()
    {
        var clock = new MovableClock();
        var port = SmtpTestServer.FreePort();
        await using var app = await StartAsync(port, clock, retrySeconds: 600);
        await WithMailAsync(app, "demo.xa", "xa.baoha@laocai.gov.vn");
        var id = await SubmittedAsync(app);

        var sentBack = await SendBackAsync(await app.ClientAsAsync("demo.thamdinh.nnmt"), id, 8, "Thiếu biên bản");

        Assert.Equal(HttpStatusCode.OK, sentBack.StatusCode);
        var waiting = await PollAsync(app, m => m.ToAddress == "xa.baoha@laocai.gov.vn" && m.Attempts == 1 && m.LastError != null);
        Assert.Equal(MailState.Waiting, waiting.State);
        Assert.Null(waiting.SentAt);

        await using var smtp = await new SmtpTestServer(port).StartAsync();
        clock.Advance(TimeSpan.FromMinutes(11)); // past the first back-off (600 s)

        var mail = Assert.Single(await smtp.WaitForAsync("xa.baoha@laocai.gov.vn"));
        Assert.Equal("Tiêu chí 8 của hồ sơ Xã Bảo Hà năm 2026 bị trả lại", mail.Subject);
        var sent = await PollAsync(app, m => m.Id == waiting.Id && m.State == MailState.Sent);
        Assert.Equal(2, sent.Attempts);
    }

    internal static async Task<OutgoingMail> PollAsync(MtqgApp app, Func<OutgoingMail, bool> where, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if ((await QueueAsync(app)).FirstOrDefault(where) is { } found)
                return found;
            if (DateTime.UtcNow > until)
                Assert.Fail($"No such mail in the queue within {seconds} s.");
            await Task.Delay(50);
        }
    }

    /// <summary>The system clock, moved forward by the test (the app's retries and days come from it).</summary>
    internal sealed class MovableClock : TimeProvider
    {
        private TimeSpan offset;

        public void Advance(TimeSpan by) => offset += by;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
