using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Mtqg.Data;
using Mtqg.Data.Mail;
using Mtqg.Domain.Common;

namespace Mtqg.Web.Features.Mail;

/// <summary>
/// Sends the queue and runs the daily scan; called by <see cref="MailSender"/> (and by tests, instead of waiting for a day).
/// A row is claimed before it is sent — its attempt counted and its next attempt set by a conditional update — so two
/// senders (two instances of the app) never send the same row, and a crash mid-send is retried later, not lost.
/// </summary>
public sealed class MailWorker(IServiceScopeFactory scopes, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailWorker> logger)
{
    /// <summary>The daily scan of <paramref name="today"/> (Vietnam date): due recommendations and reports, then digests.</summary>
    public async Task ScanAsync(DateOnly today, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DailyNotices>().QueueAsync(today, ct);
    }

    public Task ScanAsync(CancellationToken ct) => ScanAsync(VietnamTime.Today(clock), ct);

    /// <summary>Sends what is due, a batch at a time; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!o.IsOn)
            return 0;
        var sent = 0;
        while (!ct.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db
                .OutgoingMails.AsNoTracking()
                .Where(m => m.State == MailState.Waiting && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt)
                .ThenBy(m => m.Id)
                .Take(o.BatchSize)
                .ToListAsync(ct);
            if (due.Count == 0)
                return sent;
            using var smtp = new SmtpClient { Timeout = 30_000 };
            var (batchSent, serverDown) = await SendBatchAsync(db, smtp, due, o, ct);
            sent += batchSent;
            if (smtp.IsConnected)
                await smtp.DisconnectAsync(quit: true, ct);
            if (serverDown || due.Count < o.BatchSize)
                return sent;
        }
        return sent;
    }

    private async Task<(int Sent, bool ServerDown)> SendBatchAsync(
        AppDbContext db,
        SmtpClient smtp,
        List<OutgoingMail> due,
        MailOptions o,
        CancellationToken ct
    )
    {
        var sent = 0;
        foreach (var mail in due)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var attempt = mail.Attempts + 1;
            // Back-off: RetrySeconds, then twice as long after each failure.
            var next = now.AddSeconds(o.RetrySeconds * Math.Pow(2, Math.Min(attempt - 1, 16)));
            var claimed = await db
                .OutgoingMails.Where(m => m.Id == mail.Id && m.State == MailState.Waiting && m.Attempts == mail.Attempts)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempt).SetProperty(m => m.NextAttemptAt, next), ct);
            if (claimed == 0)
                continue; // another sender has it
            try
            {
                if (!smtp.IsConnected)
                {
                    await smtp.ConnectAsync(o.Host!, o.Port, o.Security, ct);
                    if (!string.IsNullOrEmpty(o.UserName))
                        await smtp.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
                }
                await smtp.SendAsync(Message(mail, o), ct);
                await db
                    .OutgoingMails.Where(m => m.Id == mail.Id)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(m => m.State, MailState.Sent).SetProperty(m => m.SentAt, clock.GetUtcNow().UtcDateTime),
                        ct
                    );
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var gaveUp = attempt >= o.MaxAttempts;
                var error = MailQueue.Clip($"{e.GetType().Name}: {e.Message}", 1000);
                await db
                    .OutgoingMails.Where(m => m.Id == mail.Id)
                    .ExecuteUpdateAsync(
                        s =>
                            s.SetProperty(m => m.LastError, error).SetProperty(m => m.State, gaveUp ? MailState.Failed : MailState.Waiting),
                        ct
                    );
                logger.LogWarning(
                    "Thư #{Id} tới {Address}: gửi lần {Attempt} không được ({Error}){GaveUp}",
                    mail.Id,
                    mail.ToAddress,
                    attempt,
                    error,
                    gaveUp ? "; thôi gửi." : "; sẽ thử lại."
                );
                if (!smtp.IsConnected)
                    return (sent, true); // the server cannot be reached: the rest of the batch waits for the next round
            }
        }
        return (sent, false);
    }

    private static MimeMessage Message(OutgoingMail mail, MailOptions o)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.FromName, o.FromAddress!));
        message.To.Add(MailboxAddress.Parse(mail.ToAddress));
        message.Subject = mail.Subject;
        message.MessageId = $"mtqg-{mail.Id}@{MailboxAddress.Parse(o.FromAddress!).Domain}";
        message.Body = new TextPart("plain") { Text = mail.Body };
        return message;
    }
}

/// <summary>
/// The background loop: every <see cref="MailOptions.PollSeconds"/>, the daily scan once per Vietnam day (from
/// <see cref="MailOptions.DailyHour"/>), then the mail that is due. Does nothing when mail is off.
/// </summary>
public sealed class MailSender(MailWorker worker, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailSender> logger)
    : BackgroundService
{
    private DateOnly? scanned;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.IsOn)
            return;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var local = VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime);
                var today = DateOnly.FromDateTime(local);
                if (o.DailyScan && scanned != today && local.Hour >= o.DailyHour)
                {
                    await worker.ScanAsync(today, stoppingToken);
                    scanned = today;
                }
                await worker.SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Hàng đợi thư: lỗi khi quét hoặc gửi; thử lại sau {Seconds} giây.", o.PollSeconds);
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(o.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
