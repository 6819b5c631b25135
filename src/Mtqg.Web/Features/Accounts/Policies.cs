namespace Mtqg.Web.Features.Accounts;

public static class Roles
{
    public const string Admin = "admin", Coordinator = "coordinator", Appraiser = "appraiser", Agency = "agency", Commune = "commune", Viewer = "viewer";
    public static readonly string[] All = [Admin, Coordinator, Appraiser, Agency, Commune, Viewer];

    public static string Label(string role) => role switch
    {
        Admin => "Quản trị hệ thống",
        Coordinator => "Văn phòng Điều phối NTM",
        Appraiser => "Sở, ngành thẩm định",
        Agency => "Đơn vị giúp đỡ xã",
        Commune => "Cán bộ xã",
        Viewer => "Lãnh đạo / xem báo cáo",
        _ => role,
    };
}

public static class Policies
{
    public const string Admin = "admin";
    /// <summary>Administrators and coordination offices; the service narrows a coordinator to its province.</summary>
    public const string ManageUsers = "manage-users";
    /// <summary>Pages and API alike: a bearer token when the request carries one, otherwise the sign-in cookie.</summary>
    public const string CookieOrBearer = "cookie-or-bearer";
}
