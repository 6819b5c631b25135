using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Money;

/// <summary>The upload form of the capital plan page (<c>/von/{Province}/{Year}</c>): the province's coordination office, asked before the file is read.</summary>
public sealed class CapitalUploadAttribute : UploadPageAttribute
{
    public override (long Max, string Setting) Limit(UploadGate gate) => (gate.WorkbookBytes, UploadGate.WorkbookSetting);

    public override Task<string?> RefuseAsync(HttpContext context, AccessPolicy access)
    {
        var province = Route(context, "Province");
        return Task.FromResult(
            access.CanWriteCapital(province)
                ? null
                : $"Chỉ Văn phòng Điều phối của tỉnh {province} (và quản trị viên) lập kế hoạch vốn của tỉnh; tệp không được đọc, chưa có gì được ghi."
        );
    }
}
