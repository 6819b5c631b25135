using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Recognition.Decisions;

/// <summary>
/// The decisions page's signed PDFs (<c>/quyet-dinh</c>; the decision is named in the form): coordination offices and
/// administrators. The decision's own province is checked by the service, after this and before storing.
/// </summary>
public sealed class DecisionPdfUploadAttribute : UploadPageAttribute
{
    public override (long Max, string Setting) Limit(UploadGate gate) => (gate.StoredFileBytes, UploadGate.StoredFileSetting);

    public override Task<string?> RefuseAsync(HttpContext context, AccessPolicy access) =>
        Task.FromResult(
            access.User.IsAuthenticated && access.CanManageProvince(access.User.Unit ?? "")
                ? null
                : "Chỉ Văn phòng Điều phối của tỉnh đính kèm bản ký của quyết định; tệp không được đọc, chưa có gì được ghi."
        );
}
