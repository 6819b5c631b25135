namespace Mtqg.Web.Features.Accounts;

public static class Roles
{
    public const string Admin = "admin",
        Coordinator = "coordinator",
        Appraiser = "appraiser",
        Agency = "agency",
        Commune = "commune",
        Viewer = "viewer";
    public static readonly string[] All = [Admin, Coordinator, Appraiser, Agency, Commune, Viewer];

    public static string Label(string role) =>
        role switch
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
