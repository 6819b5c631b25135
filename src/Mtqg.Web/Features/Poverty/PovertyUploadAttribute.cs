using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Poverty;

/// <summary>The upload form of the province's poverty page (<c>/tinh/{Province}/ngheo</c>): its coordination office, asked before the file is read.</summary>
public sealed class PovertyUploadAttribute : UploadPageAttribute
{
    public override (long Max, string Setting) Limit(UploadGate gate) => (gate.WorkbookBytes, UploadGate.WorkbookSetting);

    public override Task<string?> RefuseAsync(HttpContext context, AccessPolicy access)
    {
        var province = Route(context, "Province");
        return Task.FromResult(
            access.CanManageProvince(province)
                ? null
                : $"Chỉ Văn phòng Điều phối của tỉnh {province} (và quản trị viên) nạp kết quả rà soát hộ nghèo của cả tỉnh; tệp không được đọc, chưa có gì được ghi."
        );
    }
}
