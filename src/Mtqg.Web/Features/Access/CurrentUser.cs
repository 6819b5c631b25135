using System.Security.Claims;
using Mtqg.Domain.Recognition;
using Mtqg.Web.Features.Accounts;

namespace Mtqg.Web.Features.Access;

/// <summary>
/// The account acting in this request, read once from its sign-in (cookie or bearer token, after the account-status check)
/// by <see cref="AccessSetup.UseCurrentUser"/>. Services, endpoints and pages ask it — and <see cref="AccessPolicy"/> — instead
/// of passing a <see cref="ClaimsPrincipal"/> around. Outside a request (seeding, the benchmark) nobody is signed in until
/// <see cref="ActAs"/> says who acts.
/// </summary>
public sealed class CurrentUser
{
    public const string UnitClaim = "mtqg:unit",
        SectorClaim = "mtqg:sector",
        DisplayNameClaim = "mtqg:name";

    private static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());

    public ClaimsPrincipal Principal { get; private set; } = Nobody;

    public bool IsAuthenticated { get; private set; }

    /// <summary>The account id (compared in workflows), or null when nobody is signed in.</summary>
    public string? Id { get; private set; }

    public string? UserName { get; private set; }

    /// <summary>The name shown in timelines: the display name, else the user name.</summary>
    public string DisplayName { get; private set; } = "?";

    /// <summary>The account's unit: a province code (two digits) or a commune code; null for national accounts.</summary>
    public string? Unit { get; private set; }

    /// <summary>An appraiser's department or an agency's name (the <c>sector</c> of the account).</summary>
    public string? Sector { get; private set; }

    public bool IsAdmin { get; private set; }

    public bool Is(string role) => Principal.IsInRole(role);

    /// <summary>The acting user as the domain's workflows name them.</summary>
    public Actor Actor => new(Id ?? UserName ?? "?", DisplayName);

    /// <summary>Who acts from now on in this scope: the request's sign-in, or an account named by a tool outside any request.</summary>
    public void ActAs(ClaimsPrincipal principal)
    {
        Principal = principal;
        IsAuthenticated = principal.Identity?.IsAuthenticated == true;
        UserName = IsAuthenticated ? principal.Identity?.Name : null;
        Id = IsAuthenticated ? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? UserName : null;
        DisplayName = principal.FindFirstValue(DisplayNameClaim) ?? UserName ?? "?";
        Unit = principal.FindFirstValue(UnitClaim);
        Sector = principal.FindFirstValue(SectorClaim);
        IsAdmin = principal.IsInRole(Roles.Admin);
    }
}
