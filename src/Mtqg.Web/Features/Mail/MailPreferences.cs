using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mtqg.Data;
using Mtqg.Data.Accounts;
using Mtqg.Data.Mail;
using Mtqg.Domain.Common;
using Mtqg.Web.Features.Access;

namespace Mtqg.Web.Features.Mail;

/// <summary>GET/PUT /api/v1/me/notifications: the account's address and choice (immediate | daily | none); <c>mailOn</c>: whether the site sends mail at all.</summary>
public sealed record NotificationSettings(string? Email, string Choice, string ChoiceName, bool MailOn);

/// <summary>The body of PUT /api/v1/me/notifications (an empty email: no address, no mail).</summary>
public sealed record NotificationSettingsInput(string? Email, string? Choice);

/// <summary>The mail queue as an administrator sees it: counts by state, and the last failures.</summary>
public sealed record MailQueueState(
    bool MailOn,
    int Waiting,
    int HeldForDigest,
    int Sent,
    int Failed,
    IReadOnlyList<FailedMail> LastFailures
);

public sealed record FailedMail(long Id, string To, string Subject, int Attempts, string? Error, DateTime CreatedAt);

/// <summary>Each person's own mail settings (the profile page and the API), and the queue's state for administrators.</summary>
public sealed class MailPreferences(AppDbContext db, CurrentUser me, IOptions<MailOptions> options)
{
    public async Task<NotificationSettings?> GetAsync(CancellationToken ct)
    {
        var user = me.Id is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == me.Id, ct);
        return user is null ? null : View(user);
    }

    public async Task<(NotificationSettings? Settings, Outcome Outcome)> UpdateAsync(NotificationSettingsInput input, CancellationToken ct)
    {
        var problems = new List<Problem>();
        var email = input.Email?.Trim();
        if (email is { Length: 0 })
            email = null;
        if (email is { Length: > MailAddresses.MaxLength })
            problems.Add(new("email", $"Địa chỉ thư điện tử dài quá {MailAddresses.MaxLength} ký tự."));
        else if (email is not null && !MailAddresses.IsValid(email))
            problems.Add(new("email", "Địa chỉ thư điện tử không hợp lệ; ghi dạng ten@donvi.gov.vn."));
        var choice = MailChoices.Parse(input.Choice);
        if (choice is null)
            problems.Add(
                new("choice", "Cách nhận thư: immediate (ngay khi có việc), daily (một thư tổng hợp mỗi ngày) hoặc none (không nhận).")
            );
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Cài đặt nhận thư chưa hợp lệ; chưa có gì được ghi.", problems));
        var user = me.Id is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == me.Id, ct);
        if (user is null)
            return (null, Outcome.NotFound("Không tìm thấy tài khoản đang đăng nhập."));
        // Set here rather than by UserManager.SetEmailAsync, which also renews the security stamp and so signs the person out elsewhere.
        (user.Email, user.NormalizedEmail, user.MailChoice) = (email, email?.ToUpperInvariant(), choice!.Value);
        await db.SaveChangesAsync(ct);
        return (View(user), Outcome.Done);
    }

    private NotificationSettings View(AppUser user) =>
        new(user.Email, MailChoices.Code(user.MailChoice), MailChoices.Label(user.MailChoice), options.Value.IsOn);

    public async Task<MailQueueState> QueueStateAsync(CancellationToken ct)
    {
        var counts = await db.OutgoingMails.GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(MailState s) => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0;
        var failures = await db
            .OutgoingMails.AsNoTracking()
            .Where(m => m.State == MailState.Failed || m.State == MailState.Waiting && m.LastError != null)
            .OrderByDescending(m => m.Id)
            .Take(10)
            .Select(m => new FailedMail(m.Id, m.ToAddress, m.Subject, m.Attempts, m.LastError, m.CreatedAt))
            .ToListAsync(ct);
        return new(
            options.Value.IsOn,
            Count(MailState.Waiting),
            Count(MailState.HeldForDigest),
            Count(MailState.Sent),
            Count(MailState.Failed),
            failures
        );
    }
}

/// <summary>The profile page's form: the address and the choice's code.</summary>
public sealed class NotificationForm
{
    [MaxLength(MailAddresses.MaxLength, ErrorMessage = "Địa chỉ thư điện tử dài quá 254 ký tự.")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Chọn cách nhận thư.")]
    public string? Choice { get; set; } = "immediate";
}
