using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Accounts;
using Mtqg.Data.Mail;
using Mtqg.Domain.Common;
using Mtqg.Domain.Visits;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Closing;

namespace Mtqg.Web.Features.Mail;

/// <summary>
/// The daily scan (once per Vietnam day, by <see cref="MailWorker"/>): recommendations due within
/// <see cref="RecommendationDays"/> days or overdue → the accounts that must answer them; reports due or overdue (the report
/// calendar's own window) → the province's coordination office; then one digest per person who chose it. Each notice's key
/// names the day, so running the scan again the same day queues nothing new.
/// </summary>
public sealed class DailyNotices(
    AppDbContext db,
    MailQueue queue,
    ReportCalendarService calendar,
    IServiceProvider services,
    TimeProvider clock
)
{
    public const int RecommendationDays = 3;

    public async Task QueueAsync(DateOnly today, CancellationToken ct)
    {
        if (!queue.IsOn)
            return;
        await RecommendationsAsync(today, ct);
        await ReportsAsync(today, ct);
        await db.SaveChangesAsync(ct);
        await DigestsAsync(today, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task RecommendationsAsync(DateOnly today, CancellationToken ct)
    {
        var horizon = today.AddDays(RecommendationDays);
        var due = await db
            .Recommendations.AsNoTracking()
            .Where(r =>
                (r.Status == RecommendationStatus.Open || r.Status == RecommendationStatus.InProgress)
                && r.DueDate != null
                && r.DueDate <= horizon
            )
            .OrderBy(r => r.DueDate)
            .ThenBy(r => r.Id)
            .Select(r => new
            {
                r.Id,
                r.ProvinceCode,
                r.CommuneCode,
                r.Text,
                r.DueDate,
                r.ResponsibleKind,
                r.ResponsibleSector,
            })
            .ToListAsync(ct);
        foreach (var r in due)
        {
            var responsible = r.ResponsibleKind switch
            {
                PartyKind.Department => ResponsibleParty.Department(r.ResponsibleSector ?? "?"),
                PartyKind.Commune => ResponsibleParty.Commune,
                _ => ResponsibleParty.Province,
            };
            var candidates = await queue.AccountsAsync(
                [Roles.Appraiser, Roles.Commune, Roles.Coordinator],
                [r.ProvinceCode, r.CommuneCode],
                ct
            );
            // Who answers is the access policy's to say, as on "Việc chờ tôi": each candidate is asked as if signed in.
            var answering = candidates.Where(c => PolicyOf(c).CanAnswer(r.ProvinceCode, r.CommuneCode, responsible)).ToList();
            var commune = await CommuneNameAsync(r.CommuneCode, ct);
            var overdue = r.DueDate < today;
            var when = overdue
                ? $"đã quá hạn {today.DayNumber - r.DueDate!.Value.DayNumber} ngày (hạn {VietnamTime.Format(r.DueDate!.Value)})"
                : $"đến hạn ngày {VietnamTime.Format(r.DueDate!.Value)}";
            await queue.AddAsync(
                answering,
                c => new Notice(
                    "recommendation",
                    $"recommendation:{r.Id}:{today:yyyyMMdd}:{c.UserId}",
                    $"{(overdue ? "Quá hạn — " : "Sắp đến hạn — ")}Trả lời kiến nghị tại {commune}",
                    $"Kiến nghị tại {commune} {when}, chờ {responsible.DisplayName} trả lời:\n«{MailQueue.Clip(r.Text, 500)}»",
                    $"/kien-nghi/{r.Id}"
                ),
                ct
            );
        }
    }

    private AccessPolicy PolicyOf(Recipient recipient)
    {
        var user = new CurrentUser();
        user.ActAs(recipient.Principal());
        return ActivatorUtilities.CreateInstance<AccessPolicy>(services, user);
    }

    private async Task<string> CommuneNameAsync(string code, CancellationToken ct) =>
        await db
            .Units.AsNoTracking()
            .Where(u => u.Code == code)
            .OrderBy(u => u.ValidTo == null ? 0 : 1)
            .ThenByDescending(u => u.ValidTo)
            .Select(u => u.FullName)
            .FirstOrDefaultAsync(ct)
        ?? code;

    private async Task ReportsAsync(DateOnly today, CancellationToken ct)
    {
        var horizon = today.AddDays(ReportCalendarService.SoonDays);
        var provinces = await db
            .ReportDeadlines.AsNoTracking()
            .Where(d => d.SentOn == null && d.DueOn <= horizon)
            .Select(d => d.ProvinceCode)
            .Distinct()
            .ToListAsync(ct);
        foreach (var province in provinces.Order(StringComparer.Ordinal))
        {
            var offices = await queue.AccountsAsync([Roles.Coordinator], [province], ct);
            if (offices.Count == 0)
                continue;
            foreach (var (_, d) in await calendar.PendingAsync(province, ct))
                await queue.AddAsync(
                    offices,
                    c => new Notice(
                        "report",
                        $"report:{d.Id}:{today:yyyyMMdd}:{c.UserId}",
                        $"{(d.Status == "overdue" ? "Quá hạn — " : "")}Gửi báo cáo «{d.Title}» {d.Period.ToLowerInvariant()}",
                        $"Báo cáo «{d.Title}» {d.Period.ToLowerInvariant()} "
                            + (
                                d.Status == "overdue"
                                    ? $"đã quá hạn {-d.DaysLeft} ngày (hạn {VietnamTime.Format(d.DueOn)})"
                                    : $"có hạn gửi ngày {VietnamTime.Format(d.DueOn)}"
                            )
                            + " và chưa được đánh dấu đã gửi.",
                        $"/tinh/{province}/lich-bao-cao?nam={d.Year}"
                    ),
                    ct
                );
        }
    }

    /// <summary>One mail per person listing what was held for their digest; the held notices are then marked as digested.</summary>
    private async Task DigestsAsync(DateOnly today, CancellationToken ct)
    {
        var held = await db.OutgoingMails.Where(m => m.State == MailState.HeldForDigest).OrderBy(m => m.Id).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var group in held.GroupBy(m => m.UserId))
        {
            var key = $"digest:{today:yyyyMMdd}:{group.Key}";
            if (await db.OutgoingMails.AnyAsync(m => m.DedupKey == key, ct))
                continue; // today's digest is made; these wait for tomorrow's
            var user = await db
                .Users.AsNoTracking()
                .Where(u => u.Id == group.Key)
                .Select(u => new
                {
                    u.Email,
                    u.DisplayName,
                    u.MailChoice,
                    u.IsDisabled,
                })
                .FirstOrDefaultAsync(ct);
            foreach (var m in group)
                m.State = MailState.InDigest;
            if (user is null || user.IsDisabled || user.MailChoice == MailChoice.None || !MailAddresses.IsValid(user.Email))
                continue;
            var items = group.ToList();
            var options = queue.Options;
            db.OutgoingMails.Add(
                new OutgoingMail
                {
                    UserId = group.Key,
                    ToAddress = user.Email!,
                    Subject = $"Việc chờ bạn ngày {VietnamTime.Format(today)}: {items.Count} việc",
                    Body = MailQueue.Clip(
                        $"Kính gửi {user.DisplayName},\n\nNhững việc đang chờ bạn (thư tổng hợp hằng ngày):\n\n"
                            + string.Join("\n\n", items.Select(m => $"- {m.Subject}\n  {m.Link}"))
                            + $"\n\n{MailQueue.Footer(options)}",
                        20000
                    ),
                    Link = options.Link("/"),
                    Kind = "digest",
                    DedupKey = key,
                    State = MailState.Waiting,
                    CreatedAt = now,
                    NextAttemptAt = now,
                }
            );
        }
    }
}
