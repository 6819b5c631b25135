using Microsoft.EntityFrameworkCore;
using Mtqg.Domain.Common;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Plans;

/// <summary>The signed plan and the evidence of progress, in the one file store.</summary>
public sealed partial class PlanService
{
    public async Task<Outcome> AttachFileAsync(int planId, Stream content, string? fileName, CancellationToken ct)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
            return Outcome.NotFound($"Không có kế hoạch số {planId}.");
        if (!access.CanManageProvince(plan.ProvinceCode))
            return Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {plan.ProvinceCode} mới đính kèm được văn bản kế hoạch.");
        var (stored, error) = await files.SaveAsync(content, fileName, pdfOnly: false, ct);
        if (stored is null)
            return Outcome.Invalid("Không lưu được văn bản kế hoạch.", [new Problem("file", error!)]);
        var old = plan.FileKey;
        (plan.FileKey, plan.FileName, plan.FileContentType, plan.FileSize) = (
            stored.StoredName,
            stored.FileName,
            stored.ContentType,
            stored.Length
        );
        plan.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            files.Delete(stored.StoredName);
            throw;
        }
        if (old is not null)
            files.Delete(old);
        return Outcome.Done;
    }

    public async Task<(Stream? Content, PlanFileView? File, Outcome Outcome)> OpenFileAsync(int planId, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
            return (null, null, Outcome.NotFound($"Không có kế hoạch số {planId}."));
        if (!access.CanReadProvinceWork(plan.ProvinceCode))
            return (null, null, Outcome.Forbidden($"Tài khoản không có quyền xem kế hoạch của tỉnh {plan.ProvinceCode}."));
        if (plan.FileKey is null || files.Open(plan.FileKey) is not { } stream)
            return (null, null, Outcome.NotFound($"Kế hoạch {plan.Number} chưa có văn bản đính kèm."));
        return (stream, new PlanFileView(plan.FileName!, FileStore.ContentTypeOf(plan.FileKey), plan.FileSize ?? 0), Outcome.Done);
    }

    public async Task<(Stream? Content, PlanFileView? File, Outcome Outcome)> OpenEvidenceAsync(
        int planId,
        int updateId,
        CancellationToken ct
    )
    {
        var province = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.ProvinceCode).FirstOrDefaultAsync(ct);
        if (province is null)
            return (null, null, Outcome.NotFound($"Không có kế hoạch số {planId}."));
        if (!access.CanReadProvinceWork(province))
            return (null, null, Outcome.Forbidden($"Tài khoản không có quyền xem kế hoạch của tỉnh {province}."));
        var update = await db
            .TargetUpdates.AsNoTracking()
            .Where(u => u.Id == updateId && u.Target.PlanId == planId)
            .Select(u => new
            {
                u.FileKey,
                u.FileName,
                u.FileContentType,
                u.FileSize,
            })
            .FirstOrDefaultAsync(ct);
        if (update is null)
            return (null, null, Outcome.NotFound($"Kế hoạch {planId} không có cập nhật số {updateId}."));
        if (update.FileKey is null || files.Open(update.FileKey) is not { } stream)
            return (null, null, Outcome.NotFound("Cập nhật này không có tệp minh chứng."));
        return (stream, new PlanFileView(update.FileName!, FileStore.ContentTypeOf(update.FileKey), update.FileSize ?? 0), Outcome.Done);
    }
}
