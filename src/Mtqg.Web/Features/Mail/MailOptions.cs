using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace Mtqg.Web.Features.Mail;

/// <summary>
/// <c>Mtqg:Mail:*</c>: the SMTP server mail goes through (decision 0027). Without <see cref="Host"/> there is no mail at all:
/// nothing is queued and the sender does not run.
/// </summary>
public sealed class MailOptions : IValidatableObject
{
    public const string Section = "Mtqg:Mail";

    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "Mtqg:Mail:Port phải từ 1 đến 65535.")]
    public int Port { get; set; } = 587;

    /// <summary>MailKit's choice: Auto, None, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string? FromAddress { get; set; }
    public string FromName { get; set; } = "MTQG";

    /// <summary>The address of the site as users reach it (https://ntm.example.gov.vn): links in the mail start with it.</summary>
    public string? BaseUrl { get; set; }

    [Range(1, 500, ErrorMessage = "Mtqg:Mail:BatchSize phải từ 1 đến 500.")]
    public int BatchSize { get; set; } = 50;

    [Range(1, 20, ErrorMessage = "Mtqg:Mail:MaxAttempts phải từ 1 đến 20.")]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait before the second attempt; each further wait doubles.</summary>
    [Range(1, 86400, ErrorMessage = "Mtqg:Mail:RetrySeconds phải từ 1 đến 86400.")]
    public int RetrySeconds { get; set; } = 60;

    /// <summary>How often the sender looks for mail to send.</summary>
    [Range(1, 3600, ErrorMessage = "Mtqg:Mail:PollSeconds phải từ 1 đến 3600.")]
    public int PollSeconds { get; set; } = 30;

    /// <summary>The hour (Vietnam time) from which the daily scan (due recommendations and reports, digests) runs each day.</summary>
    [Range(0, 23, ErrorMessage = "Mtqg:Mail:DailyHour phải từ 0 đến 23.")]
    public int DailyHour { get; set; } = 7;

    /// <summary>
    /// Whether this instance runs the daily scan (several instances may all run it: its notices are keyed by the day). Off: it
    /// only sends, and the scan is left to another instance (or, in tests, called directly).
    /// </summary>
    public bool DailyScan { get; set; } = true;

    public bool IsOn => !string.IsNullOrWhiteSpace(Host);

    public string Link(string path) => (BaseUrl ?? "").TrimEnd('/') + path;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsOn)
            yield break;
        if (string.IsNullOrWhiteSpace(FromAddress) || !MimeKit.MailboxAddress.TryParse(FromAddress, out _))
            yield return new("Mtqg:Mail:FromAddress: cần địa chỉ người gửi hợp lệ khi đã đặt Mtqg:Mail:Host.", [nameof(FromAddress)]);
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            yield return new(
                "Mtqg:Mail:BaseUrl: cần địa chỉ trang (http:// hoặc https://) để đặt liên kết trong thư khi đã đặt Mtqg:Mail:Host.",
                [nameof(BaseUrl)]
            );
    }
}
