namespace Mtqg.Web.Features.Accounts;

public static class Policies
{
    public const string Admin = "admin";

    /// <summary>Administrators and coordination offices; the service narrows a coordinator to its province.</summary>
    public const string ManageUsers = "manage-users";

    /// <summary>Pages and API alike: a bearer token when the request carries one, otherwise the sign-in cookie.</summary>
    public const string CookieOrBearer = "cookie-or-bearer";
}
