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

/// <summary>
/// The workbook upload forms of the criteria set pages: on <c>/bo-tieu-chi</c> a new draft (administrators and coordination
/// offices), on <c>/bo-tieu-chi/{code}</c> a draft's replacement (whoever may edit that draft); asked before the file is read.
/// </summary>
public sealed class CriteriaSetWorkbookUploadAttribute : UploadPageAttribute
{
    public override (long Max, string Setting) Limit(UploadGate gate) => (gate.CriteriaSetBytes, UploadGate.CriteriaSetSetting);

    public override async Task<string?> RefuseAsync(HttpContext context, AccessPolicy access)
    {
        var code = Route(context, "Code");
        var may = await context
            .RequestServices.GetRequiredService<CriteriaSetService>()
            .MayUploadAsync(code.Length == 0 ? null : code, context.RequestAborted);
        return may.IsDone ? null : may.Message;
    }
}
