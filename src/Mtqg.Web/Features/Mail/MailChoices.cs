using Mtqg.Data.Accounts;

namespace Mtqg.Web.Features.Mail;

/// <summary>The codes (API, forms) and Vietnamese names of <see cref="MailChoice"/>.</summary>
public static class MailChoices
{
    public static readonly MailChoice[] All = [MailChoice.Immediate, MailChoice.DailyDigest, MailChoice.None];

    public static string Code(MailChoice choice) =>
        choice switch
        {
            MailChoice.DailyDigest => "daily",
            MailChoice.None => "none",
            _ => "immediate",
        };

    public static MailChoice? Parse(string? code) =>
        code?.Trim().ToLowerInvariant() switch
        {
            "immediate" => MailChoice.Immediate,
            "daily" => MailChoice.DailyDigest,
            "none" => MailChoice.None,
            _ => null,
        };

    public static string Label(MailChoice choice) =>
        choice switch
        {
            MailChoice.DailyDigest => "Một thư tổng hợp mỗi ngày",
            MailChoice.None => "Không nhận",
            _ => "Ngay khi có việc",
        };
}
