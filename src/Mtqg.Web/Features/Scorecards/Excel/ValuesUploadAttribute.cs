using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Scorecards.Excel;

/// <summary>The values page's upload (<c>/tinh/{Code}/nam/{Year}/excel</c>): accounts that may enter values for a commune of the province.</summary>
public sealed class ValuesUploadAttribute : UploadPageAttribute
{
    public override (long Max, string Setting) Limit(UploadGate gate) => (gate.WorkbookBytes, UploadGate.WorkbookSetting);

    public override async Task<string?> RefuseAsync(HttpContext context, AccessPolicy access) =>
        int.TryParse(Route(context, "Year"), out var year)
        && await access.CanEnterValuesInProvinceAsync(Route(context, "Code"), year, context.RequestAborted)
            ? null
            : $"Tài khoản không có quyền nhập số liệu của tỉnh {Route(context, "Code")}; tệp không được đọc, chưa có gì được ghi.";
}
