using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Recognition;
using Mtqg.Domain.Common;
using Mtqg.Domain.Recognition;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Recognition.Dossiers;
using Mtqg.Web.Features.Scorecards;

namespace Mtqg.Web.Features.Recognition.Appraisal;

/// <summary>The departments' part: appraise or send back a criterion of their sector, and the queue of criteria waiting for them.</summary>
public sealed class AppraisalService(AppDbContext db, DossierSteps steps, AccessPolicy access)
{
    /// <summary>The criteria waiting for the appraiser's department in their province (administrators: all).</summary>
    public async Task<IReadOnlyList<QueueItem>> QueueAsync(CancellationToken ct)
    {
        var user = access.User;
        if (!user.IsAdmin && !user.Is(Roles.Appraiser))
            return [];
        var query = db
            .DossierCriteria.AsNoTracking()
            .Where(c => c.State == CriterionAppraisalState.Pending)
            .Join(db.Dossiers.AsNoTracking(), c => c.DossierId, d => d.Id, (c, d) => new { c, d });
        if (!user.IsAdmin)
        {
            var unit = user.Unit;
            query = query.Where(x => x.d.ProvinceCode == unit);
        }
        var rows = await query
            .Select(x => new QueueItem(
                x.d.Id,
                new UnitRef(x.d.CommuneCode, x.d.CommuneName),
                x.d.Year,
                x.d.LevelCode,
                x.c.Number,
                x.c.Name,
                x.c.ResponsibleSector ?? "",
                x.c.Round,
                x.c.SentToAppraisalAt ?? x.d.UpdatedAt
            ))
            .ToListAsync(ct);
        var sector = user.Sector;
        return
        [
            .. rows.Where(r => user.IsAdmin || AccessPolicy.SameSector(r.Sector, sector))
                .OrderBy(r => r.Since)
                .ThenBy(r => r.DossierId)
                .ThenBy(r => r.Criterion),
        ];
    }

    public async Task<(DossierDto? Dossier, Outcome Outcome)> AppraiseAsync(
        int id,
        int criterion,
        AppraiseRequest request,
        CancellationToken ct
    )
    {
        AppraisalResult? result = request.Result?.Trim().ToLowerInvariant() switch
        {
            "met" or "dat" or "đạt" => AppraisalResult.Met,
            "not_met" or "chua_dat" or "chưa đạt" => AppraisalResult.NotMet,
            _ => null,
        };
        if (result is null)
            return (
                null,
                Outcome.Invalid(
                    "Kết quả thẩm định không hợp lệ.",
                    [new("result", "Kết quả phải là \"met\" (đạt) hoặc \"not_met\" (chưa đạt).")]
                )
            );
        if (db.TooLong((AppraisalRecord a) => a.Comment, request.Comment?.Trim(), "comment") is { } tooLong)
            return (null, Outcome.Invalid("Ý kiến thẩm định quá dài.", [tooLong]));
        return await steps.StepAsync(
            id,
            null,
            ct,
            (record, _) => RefuseAppraiser(record, criterion),
            (record, dossier, actor, now) =>
                Task.FromResult(dossier.Appraise(criterion, SectorFor(record, criterion), result.Value, request.Comment, actor, now))
        );
    }

    public async Task<(DossierDto? Dossier, Outcome Outcome)> SendBackAsync(
        int id,
        int criterion,
        SendBackRequest request,
        CancellationToken ct
    )
    {
        if (InputText.IsBlank(request.Reason))
            return (null, Outcome.Invalid("Thiếu lý do trả lại.", [new("reason", "Ghi rõ lý do trả lại để xã biết cần bổ sung gì.")]));
        if (db.TooLong((AppraisalRecord a) => a.Comment, request.Reason.Trim(), "reason", "Lý do trả lại") is { } tooLong)
            return (null, Outcome.Invalid("Lý do trả lại quá dài.", [tooLong]));
        return await steps.StepAsync(
            id,
            null,
            ct,
            (record, _) => RefuseAppraiser(record, criterion),
            (record, dossier, actor, now) =>
                Task.FromResult(dossier.SendBack(criterion, SectorFor(record, criterion), request.Reason, actor, now))
        );
    }

    private Outcome? RefuseAppraiser(DossierRecord record, int criterion)
    {
        // The dossier is readable by now (DossierSteps): a criterion it does not have is not found, not forbidden.
        if (record.Criteria.All(c => c.Number != criterion))
            return Outcome.NotFound($"Hồ sơ #{record.Id} không có tiêu chí {criterion}.");
        var sector = record.Criteria.FirstOrDefault(c => c.Number == criterion)?.ResponsibleSector;
        if (access.CanAppraise(record.ProvinceCode, sector))
            return null;
        return Outcome.Forbidden(
            access.IsAppraiserOf(record.ProvinceCode)
                ? $"Tiêu chí {criterion} do {sector ?? "sở khác"} thẩm định; tài khoản thuộc {access.User.Sector ?? "(chưa có sở)"}."
                : $"Chỉ sở phụ trách của tỉnh {record.ProvinceCode} được thẩm định hồ sơ này."
        );
    }

    private string SectorFor(DossierRecord record, int criterion) =>
        access.User.IsAdmin
            ? record.Criteria.FirstOrDefault(c => c.Number == criterion)?.ResponsibleSector ?? ""
            : access.User.Sector ?? "";

    // ---- coordination office ----
}
