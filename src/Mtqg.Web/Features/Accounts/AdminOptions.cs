namespace Mtqg.Web.Features.Accounts;

/// <summary><c>Mtqg:Admin:UserName</c>, <c>Mtqg:Admin:Password</c>: the first administrator, created on an empty database when both are set.</summary>
public sealed class AdminOptions
{
    public const string Section = "Mtqg:Admin";

    public string? UserName { get; set; }
    public string? Password { get; set; }
}
