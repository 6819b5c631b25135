using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Plans;

/// <summary>
/// The plan page's files (<c>/ke-hoach/{Id}</c>): the signed plan (the coordination office) and the evidence of progress
/// (also the province's agencies). The target's own agency is checked by the service, after this and before storing.
/// </summary>
public sealed class PlanUploadAttribute : UploadPageAttribute
{
    public override (long Max, string Setting) Limit(UploadGate gate) => (gate.StoredFileBytes, UploadGate.StoredFileSetting);

    public override async Task<string?> RefuseAsync(HttpContext context, AccessPolicy access)
    {
        var id = int.TryParse(Route(context, "Id"), out var n) ? n : 0;
        var province = await context
            .RequestServices.GetRequiredService<AppDbContext>()
            .Plans.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => p.ProvinceCode)
            .FirstOrDefaultAsync(context.RequestAborted);
        return
            province is not null
            && (access.CanManageProvince(province) || await access.CanRecordProgressAsync(province, null, context.RequestAborted))
            ? null
            : $"Tài khoản không có quyền đính kèm tệp vào kế hoạch số {id}; tệp không được đọc, chưa có gì được ghi.";
    }
}
