using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Plans;
using Mtqg.Domain.Common;
using Mtqg.Domain.Plans;

namespace Mtqg.Web.Features.Plans;

/// <summary>Progress recorded on a target by the responsible agency or the office.</summary>
public sealed partial class PlanService
{
    public async Task<(int? Id, Outcome Outcome)> RecordProgressAsync(
        int targetId,
        ProgressInput input,
        CancellationToken ct,
        (Stream Content, string Name, long Length)? evidence = null
    )
    {
        var target = await db.PlanTargets.Include(t => t.Plan).Include(t => t.Updates).FirstOrDefaultAsync(t => t.Id == targetId, ct);
        if (target is null)
            return (null, Outcome.NotFound($"Không có mục tiêu số {targetId}."));
        if (target.Kind != TargetKind.Activity)
            return (null, Outcome.Conflict("Mục tiêu về số xã / xã đạt chuẩn được tính từ kết quả đánh giá, không ghi tiến độ bằng tay."));
        if (!await access.CanRecordProgressAsync(target.Plan.ProvinceCode, target.AgencyId, ct))
            return (
                null,
                Outcome.Forbidden("Chỉ đơn vị được giao thực hiện mục tiêu này (hoặc Văn phòng Điều phối của tỉnh) mới ghi được tiến độ.")
            );
        var by = access.User.DisplayName;
        var update = new ProgressUpdate(
            input.Date ?? default,
            input.Amount ?? 0,
            by,
            input.Evidence,
            InputText.IsBlank(input.CommuneCode) ? null : input.CommuneCode.Trim()
        );
        var problems = new List<Problem>();
        if (input.Date is null)
            problems.Add(new("date", "Phải nhập ngày cập nhật."));
        if (input.Amount is null)
            problems.Add(new("amount", "Phải nhập số lượng."));
        problems.AddRange(Activity(target.Plan, target).Check(update, Today).Where(p => !(input.Date is null && p.Field == "date")));
        if (db.TooLong((TargetUpdate u) => u.Evidence, input.Evidence?.Trim(), "evidence") is { } evidenceTooLong)
            problems.Add(evidenceTooLong);
        if (evidence is { } e && files.Refuse(e.Name, e.Length) is { } refused)
            problems.Add(new("file", refused));
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Cập nhật tiến độ không hợp lệ.", problems));
        var row = new TargetUpdate
        {
            TargetId = target.Id,
            Target = target,
            Date = update.Date,
            Amount = update.Amount,
            CommuneCode = update.CommuneCode,
            Evidence = input.Evidence?.Trim(),
            By = by,
            ByUserName = access.User.UserName,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (evidence is { } file)
        {
            // Checked against its content while streamed to the store: a refused file leaves neither a file nor the update.
            var (stored, error) = await files.SaveAsync(file.Content, file.Name, pdfOnly: false, ct);
            if (stored is null)
                return (null, Outcome.Invalid("Không lưu được tệp minh chứng.", [new Problem("file", error!)]));
            (row.FileKey, row.FileName, row.FileContentType, row.FileSize) = (
                stored.StoredName,
                stored.FileName,
                stored.ContentType,
                stored.Length
            );
        }
        db.TargetUpdates.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            if (row.FileKey is { } written)
                files.Delete(written);
            throw;
        }
        return (row.Id, Outcome.Done);
    }
}
