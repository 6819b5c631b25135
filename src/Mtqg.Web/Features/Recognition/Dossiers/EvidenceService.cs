using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Recognition;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Recognition;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Recognition.Dossiers;

/// <summary>The files a commune attaches to its dossier as evidence: upload, delete while still the commune's, list, download.</summary>
public sealed class EvidenceService(AppDbContext db, DossierSteps steps, FileStore store, AccessPolicy access)
{
    public async Task<(EvidenceDto? File, Outcome Outcome)> UploadEvidenceAsync(
        int id,
        int? criterion,
        string? indicator,
        Stream content,
        string? fileName,
        CancellationToken ct
    )
    {
        var record = await db.Dossiers.Include(d => d.Criteria).Include(d => d.Indicators).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (record is null)
            return (null, DossierSteps.NotFound(id));
        if (!access.CanEditDossier(record.CommuneCode))
            return (null, DossierSteps.EditForbidden(record));
        if (record.Status is not (DossierStatus.Draft or DossierStatus.SentBack))
            return (
                null,
                Outcome.Conflict(
                    $"Không thể thêm minh chứng: hồ sơ đang ở trạng thái «{record.Status.Label()}»; chỉ thêm khi đang soạn hoặc bị trả lại."
                )
            );
        var problems = new List<Problem>();
        if (criterion is { } n && record.Criteria.All(c => c.Number != n))
            problems.Add(new("criterion", $"Hồ sơ không có tiêu chí {n}."));
        var code = InputText.IsBlank(indicator) ? null : indicator.Trim();
        if (code is not null)
        {
            var row = record.Indicators.FirstOrDefault(i => i.Code == code);
            if (row is null)
                problems.Add(new("indicator", $"Hồ sơ không có chỉ tiêu {code}."));
            else if (criterion is null)
                criterion = row.CriterionNumber;
            else if (row.CriterionNumber != criterion)
                problems.Add(new("indicator", $"Chỉ tiêu {code} không thuộc tiêu chí {criterion}."));
        }
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Minh chứng không hợp lệ.", problems));

        // A name shown to every reader: without control or bidirectional characters, which could make "hoadon.exe‮fdp" read as a PDF.
        var (file, error) = await store.SaveAsync(content, fileName is null ? null : InputText.Clean(fileName), pdfOnly: false, ct);
        if (file is null)
            return (null, Outcome.Invalid(error!, [new Problem("file", error!)]));
        var actor = access.User.Actor;
        var evidence = new EvidenceFile
        {
            DossierId = id,
            Dossier = record,
            CriterionNumber = criterion,
            IndicatorCode = code,
            FileName = file.FileName,
            ContentType = file.ContentType,
            Length = file.Length,
            StoredName = file.StoredName,
            Sha256 = file.Sha256,
            UploadedById = actor.Id,
            UploadedByName = actor.Name,
            UploadedAt = steps.Now,
        };
        db.EvidenceFiles.Add(evidence);
        (record.UpdatedAt, record.Version) = (steps.Now, Guid.NewGuid());
        try
        {
            if (await steps.SaveAsync(ct) is { } conflict)
            {
                store.Delete(file.StoredName);
                return (null, conflict);
            }
        }
        catch
        {
            store.Delete(file.StoredName);
            throw;
        }
        return (DossierDtos.ToDto(evidence), Outcome.Done);
    }

    /// <summary>
    /// Removes a file the commune uploaded by mistake, while the dossier is still the commune's (a draft, or
    /// sent back): once submitted, the departments judge what was sent. The row goes first; the stored file
    /// is deleted only once that is committed.
    /// </summary>
    public async Task<(EvidenceDto? File, Outcome Outcome)> DeleteEvidenceAsync(int id, int fileId, CancellationToken ct)
    {
        var record = await db.Dossiers.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (record is null)
            return (null, DossierSteps.NotFound(id));
        if (!access.CanEditDossier(record.CommuneCode))
            return (null, DossierSteps.EditForbidden(record));
        var file = await db.EvidenceFiles.FirstOrDefaultAsync(e => e.Id == fileId && e.DossierId == id, ct);
        if (file is null)
            return (null, Outcome.NotFound($"Hồ sơ #{id} không có minh chứng #{fileId}."));
        if (record.Status is not (DossierStatus.Draft or DossierStatus.SentBack))
            return (
                null,
                Outcome.Conflict(
                    $"Không thể xóa minh chứng «{file.FileName}»: hồ sơ đang ở trạng thái «{record.Status.Label()}»; chỉ xóa khi đang soạn hoặc bị trả lại."
                )
            );
        var removed = DossierDtos.ToDto(file);
        db.EvidenceFiles.Remove(file);
        (record.UpdatedAt, record.Version) = (steps.Now, Guid.NewGuid());
        if (await steps.SaveAsync(ct) is { } conflict)
            return (null, conflict);
        store.Delete(file.StoredName);
        return (removed, Outcome.Done);
    }

    public async Task<(IReadOnlyList<EvidenceDto>? Files, Outcome Outcome)> EvidenceAsync(int id, CancellationToken ct)
    {
        var record = await db.Dossiers.AsNoTracking().Include(d => d.Evidence).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (record is null)
            return (null, DossierSteps.NotFound(id));
        if (!access.CanReadDossier(record.ProvinceCode, record.CommuneCode))
            return (null, DossierSteps.Forbidden(record));
        return ([.. record.Evidence.OrderBy(e => e.UploadedAt).ThenBy(e => e.Id).Select(DossierDtos.ToDto)], Outcome.Done);
    }

    public async Task<(Stream? Content, EvidenceDto? File, Outcome Outcome)> OpenEvidenceAsync(int id, int fileId, CancellationToken ct)
    {
        // Access is decided on the dossier first: whether a file exists is not told to who may not read it.
        var record = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (record is null)
            return (null, null, DossierSteps.NotFound(id));
        if (!access.CanReadDossier(record.ProvinceCode, record.CommuneCode))
            return (null, null, DossierSteps.Forbidden(record));
        var file = await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(e => e.Id == fileId && e.DossierId == id, ct);
        if (file is null)
            return (null, null, Outcome.NotFound($"Hồ sơ #{id} không có minh chứng #{fileId}."));
        var stream = store.Open(file.StoredName);
        return stream is null
            ? (null, null, Outcome.NotFound($"Không tìm thấy tệp «{file.FileName}» trong kho lưu trữ."))
            : (stream, DossierDtos.ToDto(file), Outcome.Done);
    }
}
