using System.ComponentModel.DataAnnotations;

namespace Mtqg.Web.Features.Mail;

/// <summary>What an address must be to be stored and mailed: one mailbox, name@domain, at most 254 characters (RFC 5321).</summary>
public static class MailAddresses
{
    public const int MaxLength = 254;
    private static readonly EmailAddressAttribute Shape = new();

    public static bool IsValid(string? address) =>
        address is { Length: > 0 and <= MaxLength }
        && address.Trim() == address
        && !address.Any(char.IsWhiteSpace)
        && Shape.IsValid(address)
        && MimeKit.MailboxAddress.TryParse(address, out var mailbox)
        && mailbox.Address == address
        && address.IndexOf('@') is var at and > 0
        && address[(at + 1)..].Contains('.');
}
