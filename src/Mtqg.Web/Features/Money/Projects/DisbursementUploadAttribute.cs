using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Money.Projects;

/// <summary>The month sheet's upload on the disbursement page (<c>/giai-ngan/{Province}/{Year}</c>): asked before the file is read.</summary>
public sealed class DisbursementUploadAttribute : UploadPageAttribute
{
    public override (long Max, string Setting) Limit(UploadGate gate) => (gate.WorkbookBytes, UploadGate.WorkbookSetting);

    public override Task<string?> RefuseAsync(HttpContext context, AccessPolicy access)
    {
        var province = Route(context, "Province");
        return Task.FromResult(
            access.CanWriteProjects(province)
                ? null
                : $"Chỉ Văn phòng Điều phối và Sở Tài chính của tỉnh {province} (và quản trị viên) nhập giải ngân cả tỉnh bằng tệp Excel; tệp không được đọc, chưa có gì được ghi."
        );
    }
}
