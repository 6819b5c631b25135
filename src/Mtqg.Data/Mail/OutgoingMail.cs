using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mtqg.Data.Mail;

/// <summary>Where a queued mail stands: waiting to be sent, sent, given up, or held for (then folded into) the daily digest.</summary>
public enum MailState
{
    Waiting = 0,
    Sent = 1,
    Failed = 2,
    HeldForDigest = 3,
    InDigest = 4,
}

/// <summary>
/// One mail to send (decision 0027): written by the request that caused it, in its SaveChanges, and sent later by the mail
/// worker, so a slow or absent mail server never blocks nor fails a request. <see cref="DedupKey"/> is unique: the same
/// notice to the same person is queued once.
/// </summary>
public sealed class OutgoingMail
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string ToAddress { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }

    /// <summary>The page the mail points to (listed again in the day's digest).</summary>
    public required string Link { get; set; }

    /// <summary>sent-back | appraise | recommendation | report | digest.</summary>
    public required string Kind { get; set; }
    public required string DedupKey { get; set; }
    public MailState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> mail)
    {
        mail.Property(m => m.UserId).HasMaxLength(450);
        mail.Property(m => m.ToAddress).HasMaxLength(256);
        mail.Property(m => m.Subject).HasMaxLength(300);
        mail.Property(m => m.Body).HasMaxLength(20000);
        mail.Property(m => m.Link).HasMaxLength(500);
        mail.Property(m => m.Kind).HasMaxLength(20);
        mail.Property(m => m.DedupKey).HasMaxLength(200);
        mail.Property(m => m.State).HasConversion<string>().HasMaxLength(20);
        mail.Property(m => m.LastError).HasMaxLength(1000);
        mail.HasIndex(m => m.DedupKey).IsUnique();
        mail.HasIndex(m => new { m.State, m.NextAttemptAt });
    }
}
