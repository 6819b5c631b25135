using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.CriteriaSets;

/// <summary>The criteria set import page (<c>/bo-tieu-chi/nhap</c>): administrators, a JSON file of at most <c>Mtqg:Uploads:CriteriaSetMegabytes</c>.</summary>
public sealed class CriteriaSetUploadAttribute : UploadPageAttribute
{
    public override (long Max, string Setting) Limit(UploadGate gate) => (gate.CriteriaSetBytes, UploadGate.CriteriaSetSetting);

    public override Task<string?> RefuseAsync(HttpContext context, AccessPolicy access) =>
        Task.FromResult(access.User.IsAdmin ? null : "Chỉ quản trị hệ thống nhập bộ tiêu chí; tệp không được đọc.");
}
