using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mtqg.Data;
using Mtqg.Data.Accounts;
using Mtqg.Data.Mail;
using Mtqg.Web.Features.Access;

namespace Mtqg.Web.Features.Mail;

/// <summary>An account that may be mailed: its address and how it wants its mail.</summary>
public sealed record Recipient(string UserId, string Name, string Address, MailChoice Choice, string Role, string? Unit, string? Sector)
{
    /// <summary>The account as <see cref="CurrentUser"/> would see it signed in, to ask <see cref="AccessPolicy"/> about it.</summary>
    public ClaimsPrincipal Principal() =>
        new(
            new ClaimsIdentity(
                [
                    new(ClaimTypes.NameIdentifier, UserId),
                    new(ClaimTypes.Name, Name),
                    new(ClaimTypes.Role, Role),
                    .. Unit is null ? Array.Empty<Claim>() : [new Claim(CurrentUser.UnitClaim, Unit)],
                    .. Sector is null ? Array.Empty<Claim>() : [new Claim(CurrentUser.SectorClaim, Sector)],
                ],
                "mail"
            )
        );
}

/// <summary>One notice for one person: what the mail says, where it points, and the key that stops it being queued twice.</summary>
public sealed record Notice(string Kind, string DedupKey, string Subject, string Text, string Path);

/// <summary>
/// Puts notices into the mail queue (<see cref="OutgoingMail"/>) in the caller's unit of work — the caller's SaveChanges
/// stores them with its own change. Nothing when mail is off, for accounts that chose none or have no address, or for a
/// notice already queued (its key).
/// </summary>
public sealed class MailQueue(AppDbContext db, IOptions<MailOptions> options, TimeProvider clock)
{
    public bool IsOn => options.Value.IsOn;

    public MailOptions Options => options.Value;

    /// <summary>Active accounts of these roles with an address and a choice other than none, narrowed by <paramref name="units"/>.</summary>
    public async Task<IReadOnlyList<Recipient>> AccountsAsync(
        IReadOnlyCollection<string> roles,
        IReadOnlyCollection<string> units,
        CancellationToken ct
    )
    {
        if (!IsOn)
            return [];
        var rows = await (
            from u in db.Users.AsNoTracking()
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where
                !u.IsDisabled
                && u.Email != null
                && u.MailChoice != MailChoice.None
                && roles.Contains(r.Name!)
                && u.UnitCode != null
                && units.Contains(u.UnitCode)
            select new
            {
                u.Id,
                u.DisplayName,
                u.UserName,
                u.Email,
                u.MailChoice,
                Role = r.Name!,
                u.UnitCode,
                u.Sector,
            }
        ).ToListAsync(ct);
        return
        [
            .. rows.Select(u => new Recipient(
                    u.Id,
                    u.DisplayName.Length > 0 ? u.DisplayName : u.UserName ?? u.Id,
                    u.Email!,
                    u.MailChoice,
                    u.Role,
                    u.UnitCode,
                    u.Sector
                ))
                .Where(r => MailAddresses.IsValid(r.Address)),
        ];
    }

    /// <summary>Adds a row per recipient whose notice is not queued yet (a digest reader's is held for the day's digest). Does not save.</summary>
    public async Task AddAsync(IEnumerable<Recipient> to, Func<Recipient, Notice> notice, CancellationToken ct)
    {
        if (!IsOn)
            return;
        var wanted = to.Where(r => r.Choice != MailChoice.None)
            .DistinctBy(r => r.UserId)
            .Select(r => (Recipient: r, Notice: notice(r)))
            .ToList();
        if (wanted.Count == 0)
            return;
        var keys = wanted.Select(w => w.Notice.DedupKey).ToList();
        var taken = (await db.OutgoingMails.Where(m => keys.Contains(m.DedupKey)).Select(m => m.DedupKey).ToListAsync(ct)).ToHashSet();
        taken.UnionWith(db.ChangeTracker.Entries<OutgoingMail>().Select(e => e.Entity.DedupKey));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (r, n) in wanted.Where(w => taken.Add(w.Notice.DedupKey)))
            db.OutgoingMails.Add(
                new OutgoingMail
                {
                    UserId = r.UserId,
                    ToAddress = r.Address,
                    Subject = Clip(n.Subject, 300),
                    Body = Clip(Body(r, n), 20000),
                    Link = Clip(options.Value.Link(n.Path), 500),
                    Kind = n.Kind,
                    DedupKey = n.DedupKey,
                    State = r.Choice == MailChoice.DailyDigest ? MailState.HeldForDigest : MailState.Waiting,
                    CreatedAt = now,
                    NextAttemptAt = now,
                }
            );
    }

    private string Body(Recipient r, Notice n) =>
        $"Kính gửi {r.Name},\n\n{n.Text}\n\nXem tại: {options.Value.Link(n.Path)}\n\n{Footer(options.Value)}";

    public static string Footer(MailOptions options) =>
        $"— Hệ thống theo dõi Chương trình MTQG (thư tự động, không trả lời thư này). Đổi cách nhận thư tại: {options.Link("/ho-so")}";

    public static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
