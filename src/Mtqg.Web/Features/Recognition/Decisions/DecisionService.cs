using System.Text;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Recognition;
using Mtqg.Domain.Common;
using Mtqg.Domain.Recognition;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Recognition.Dossiers;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Recognition.Decisions;

/// <summary>The coordination office's part: the appraisal council, recognition decisions (in batches), revocations, the signed PDFs.</summary>
public sealed class DecisionService(AppDbContext db, DossierSteps steps, FileStore store, AccessPolicy access)
{
    public async Task<(DossierDto? Dossier, Outcome Outcome)> RecordCouncilAsync(int id, CouncilRequest request, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (request.Date is null)
            problems.Add(new("date", "Chưa có ngày họp (yyyy-MM-dd)."));
        else if (PastDate.Check("date", "Ngày họp hội đồng", request.Date, steps.Today) is { } future)
            problems.Add(future);
        if (request.Members is null || request.Members.All(string.IsNullOrWhiteSpace))
            problems.Add(new("members", "Chưa có thành viên hội đồng."));
        if (request.VotesFor is null)
            problems.Add(new("votesFor", "Chưa có số phiếu tán thành."));
        if (request.VotesAgainst is null)
            problems.Add(new("votesAgainst", "Chưa có số phiếu không tán thành."));
        if (InputText.IsBlank(request.Conclusion))
            problems.Add(new("conclusion", "Chưa có kết luận của hội đồng."));
        var members = string.Join('\n', (request.Members ?? []).Where(m => !InputText.IsBlank(m)).Select(m => m.Trim()));
        problems.AddRange(
            new[]
            {
                db.TooLong((DossierRecord d) => d.CouncilMembers, members, "members"),
                db.TooLong((DossierRecord d) => d.CouncilConclusion, request.Conclusion?.Trim(), "conclusion"),
            }.OfType<Problem>()
        );
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Thông tin hội đồng chưa đủ hoặc chưa đúng.", problems));
        return await steps.StepAsync(
            id,
            null,
            ct,
            (record, _) =>
                access.CanManageProvince(record.ProvinceCode)
                    ? null
                    : Outcome.Forbidden($"Chỉ Văn phòng Điều phối tỉnh {record.ProvinceCode} ghi nhận hội đồng thẩm định."),
            (_, dossier, actor, now) =>
                Task.FromResult(
                    dossier.RecordCouncil(
                        request.Date!.Value,
                        request.Members!,
                        request.VotesFor!.Value,
                        request.VotesAgainst!.Value,
                        request.Conclusion!,
                        actor,
                        now
                    )
                )
        );
    }

    /// <summary>
    /// One decision recognising every dossier it lists (a batch). All or nothing: one dossier that
    /// cannot take it and none is changed; every refusal is named.
    /// </summary>
    public async Task<(DecisionDto? Decision, Outcome Outcome)> RecordDecisionAsync(DecisionRequest request, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (InputText.IsBlank(request.Number))
            problems.Add(new("number", "Chưa có số quyết định (ví dụ 1234/QĐ-UBND)."));
        if (request.Date is null)
            problems.Add(new("date", "Chưa có ngày quyết định (yyyy-MM-dd)."));
        else if (PastDate.Check("date", "Ngày quyết định", request.Date, steps.Today) is { } future)
            problems.Add(future);
        if (InputText.IsBlank(request.Signer))
            problems.Add(new("signer", "Chưa có người ký."));
        if (request.Dossiers is null || request.Dossiers.Count == 0)
            problems.Add(new("dossiers", "Quyết định phải công nhận ít nhất một hồ sơ."));
        problems.AddRange(DecisionLengths(request.Number, request.Signer, request.Batch));
        if (db.TooLong((DecisionRecord d) => d.LevelCode, request.Level?.Trim(), "level") is { } levelTooLong)
            problems.Add(levelTooLong);
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Thông tin quyết định chưa đủ hoặc chưa đúng.", problems));

        var ids = request.Dossiers!.Distinct().ToList();
        var records = await steps.LoadTrackedAsync(db.Dossiers.Where(d => ids.Contains(d.Id)), ct);
        var missing = ids.Except(records.Select(r => r.Id)).ToList();
        if (missing.Count > 0)
            return (
                null,
                Outcome.Invalid("Có hồ sơ không tồn tại.", [.. missing.Select(m => new Problem("dossiers", $"Không có hồ sơ #{m}."))])
            );
        var provinces = records.Select(r => r.ProvinceCode).Distinct().ToList();
        if (provinces.Count > 1)
            return (
                null,
                Outcome.Invalid(
                    "Một quyết định chỉ công nhận các xã của một tỉnh.",
                    [new("dossiers", $"Các hồ sơ thuộc nhiều tỉnh: {string.Join(", ", provinces)}.")]
                )
            );
        var province = provinces[0];
        if (!access.CanManageProvince(province))
            return (null, Outcome.Forbidden($"Chỉ Văn phòng Điều phối tỉnh {province} ghi nhận quyết định công nhận."));
        var levels = records.Select(r => r.LevelCode).Distinct().ToList();
        var level = InputText.IsBlank(request.Level) ? levels[0] : request.Level.Trim();

        var number = request.Number!.Trim().Normalize(NormalizationForm.FormC);
        if (await db.Decisions.AnyAsync(d => d.ProvinceCode == province && d.Number == number, ct))
            return (null, Outcome.Conflict($"Tỉnh {province} đã có quyết định số {number}."));

        var actor = access.User.Actor;
        var now = steps.Now;
        var refusals = new List<string>();
        foreach (var record in records.OrderBy(r => r.Id))
        {
            var dossier = Dossier.Restore(DossierDtos.SnapshotOf(record));
            if (ConditionService.BlocksDecision(record) is { } blocked)
            {
                refusals.Add($"Hồ sơ #{record.Id} ({record.CommuneName}): {blocked}");
                continue;
            }
            var outcome = dossier.RecordDecision(number, request.Date!.Value, request.Signer!, level, actor, now);
            if (!outcome.IsDone)
            {
                refusals.Add($"Hồ sơ #{record.Id} ({record.CommuneName}): {outcome.Message}");
                continue;
            }
            steps.Store(dossier, record, now);
        }
        if (refusals.Count > 0)
            return (null, Outcome.Conflict(string.Join(" ", refusals)));

        var decision = new DecisionRecord
        {
            ProvinceCode = province,
            Kind = DecisionKind.Recognition,
            Number = number,
            Date = request.Date!.Value,
            Signer = request.Signer!.Trim(),
            LevelCode = level,
            Year = records.Max(r => r.Year),
            Batch = InputText.IsBlank(request.Batch) ? null : request.Batch.Trim(),
            RecordedByName = actor.Name,
            RecordedAt = now,
        };
        db.Decisions.Add(decision);
        foreach (var record in records)
        {
            record.Decision = decision;
            // The title belongs to the commune the dossier was about: the unit its code named on 31 December of its year.
            var yearEnd = new DateOnly(record.Year, 12, 31);
            var unitId = await UnitService
                .InForce(db.Units, yearEnd)
                .Where(u => u.Code == record.CommuneCode && u.Level == UnitLevel.Commune)
                .Select(u => u.Id)
                .FirstAsync(ct);
            db.CommuneTitles.Add(
                new CommuneTitle
                {
                    UnitId = unitId,
                    Origin = TitleOrigin.Dossier,
                    CommuneCode = record.CommuneCode,
                    CommuneName = record.CommuneName,
                    ProvinceCode = province,
                    SetCode = record.SetCode,
                    LevelCode = record.LevelCode,
                    Year = record.Year,
                    Since = decision.Date,
                    Decision = decision,
                    DossierId = record.Id,
                }
            );
        }
        if (await steps.SaveAsync(ct) is { } conflict)
            return (null, conflict);
        return (await DecisionAsync(decision.Id, ct), Outcome.Done);
    }

    /// <summary>Number, signer and batch of a decision longer than their columns hold (decision 0013).</summary>
    private IEnumerable<Problem> DecisionLengths(string? number, string? signer, string? batch) =>
        new[]
        {
            db.TooLong((DecisionRecord d) => d.Number, number?.Trim().Normalize(NormalizationForm.FormC), "number"),
            db.TooLong((DecisionRecord d) => d.Signer, signer?.Trim(), "signer"),
            db.TooLong((DecisionRecord d) => d.Batch, batch?.Trim(), "batch"),
        }.OfType<Problem>();

    /// <summary>A revocation decision: ends the titles it lists (of one province).</summary>
    public async Task<(DecisionDto? Decision, Outcome Outcome)> RecordRevocationAsync(RevocationRequest request, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (InputText.IsBlank(request.Number))
            problems.Add(new("number", "Chưa có số quyết định (ví dụ 1234/QĐ-UBND)."));
        else if (!Dossier.IsDecisionNumber(request.Number))
            problems.Add(new("number", $"Số quyết định «{request.Number.Trim()}» không đúng dạng «số/QĐ-cơ quan», ví dụ 1234/QĐ-UBND."));
        if (request.Date is null)
            problems.Add(new("date", "Chưa có ngày quyết định (yyyy-MM-dd)."));
        else if (PastDate.Check("date", "Ngày quyết định thu hồi", request.Date, steps.Today) is { } future)
            problems.Add(future);
        if (InputText.IsBlank(request.Signer))
            problems.Add(new("signer", "Chưa có người ký."));
        if (request.Titles is null || request.Titles.Count == 0)
            problems.Add(new("titles", "Quyết định phải thu hồi ít nhất một danh hiệu."));
        if (InputText.IsBlank(request.Reason))
            problems.Add(new("reason", "Chưa có lý do thu hồi."));
        problems.AddRange(DecisionLengths(request.Number, request.Signer, request.Batch));
        if (db.TooLong((CommuneTitle t) => t.RevocationReason, request.Reason?.Trim(), "reason") is { } reasonTooLong)
            problems.Add(reasonTooLong);
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Thông tin quyết định thu hồi chưa đủ hoặc chưa đúng.", problems));

        var ids = request.Titles!.Distinct().ToList();
        var titles = await db.CommuneTitles.Include(t => t.Decision).Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        var missing = ids.Except(titles.Select(t => t.Id)).ToList();
        if (missing.Count > 0)
            return (
                null,
                Outcome.Invalid("Có danh hiệu không tồn tại.", [.. missing.Select(m => new Problem("titles", $"Không có danh hiệu #{m}."))])
            );
        var provinces = titles.Select(t => t.ProvinceCode).Distinct().ToList();
        if (provinces.Count > 1)
            return (
                null,
                Outcome.Invalid(
                    "Một quyết định chỉ thu hồi danh hiệu các xã của một tỉnh.",
                    [new("titles", $"Các danh hiệu thuộc nhiều tỉnh: {string.Join(", ", provinces)}.")]
                )
            );
        var province = provinces[0];
        if (!access.CanManageProvince(province))
            return (null, Outcome.Forbidden($"Chỉ Văn phòng Điều phối tỉnh {province} ghi nhận quyết định thu hồi."));
        var refusals = titles
            .Where(t => t.RevokedOn is not null)
            .Select(t => $"Danh hiệu của {t.CommuneName} đã bị thu hồi ngày {t.RevokedOn:dd/MM/yyyy}.")
            .Concat(
                titles
                    .Where(t => t.RevokedOn is null && request.Date < t.Since)
                    .Select(t => $"Ngày thu hồi {request.Date:dd/MM/yyyy} trước ngày công nhận {t.Since:dd/MM/yyyy} của {t.CommuneName}.")
            )
            .ToList();
        if (refusals.Count > 0)
            return (null, Outcome.Conflict(string.Join(" ", refusals)));
        var number = request.Number!.Trim().Normalize(NormalizationForm.FormC);
        if (await db.Decisions.AnyAsync(d => d.ProvinceCode == province && d.Number == number, ct))
            return (null, Outcome.Conflict($"Tỉnh {province} đã có quyết định số {number}."));

        var actor = access.User.Actor;
        var decision = new DecisionRecord
        {
            ProvinceCode = province,
            Kind = DecisionKind.Revocation,
            Number = number,
            Date = request.Date!.Value,
            Signer = request.Signer!.Trim(),
            LevelCode = titles[0].LevelCode,
            Year = request.Date!.Value.Year,
            Batch = InputText.IsBlank(request.Batch) ? null : request.Batch.Trim(),
            RecordedByName = actor.Name,
            RecordedAt = steps.Now,
        };
        db.Decisions.Add(decision);
        foreach (var title in titles)
            (title.RevokedByDecision, title.RevokedOn, title.RevocationReason) = (decision, decision.Date, request.Reason!.Trim());
        await db.SaveChangesAsync(ct);
        return (await DecisionAsync(decision.Id, ct), Outcome.Done);
    }

    public async Task<IReadOnlyList<DecisionDto>> DecisionsAsync(string? province, int? year, CancellationToken ct)
    {
        var query = db.Decisions.AsNoTracking().AsQueryable();
        if (!InputText.IsBlank(province))
            query = query.Where(d => d.ProvinceCode == province);
        if (year is not null)
            query = query.Where(d => d.Year == year);
        var decisions = await query.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id).Take(1000).ToListAsync(ct);
        var ids = decisions.Select(d => d.Id).ToList();
        var communes = await db
            .CommuneTitles.AsNoTracking()
            .Where(t => ids.Contains(t.DecisionId) || t.RevokedByDecisionId != null && ids.Contains(t.RevokedByDecisionId.Value))
            .Select(t => new
            {
                t.DecisionId,
                t.RevokedByDecisionId,
                t.CommuneCode,
                t.CommuneName,
            })
            .ToListAsync(ct);
        return
        [
            .. decisions.Select(d =>
                ToDto(
                    d,
                    [
                        .. communes
                            .Where(c => d.Kind != DecisionKind.Revocation ? c.DecisionId == d.Id : c.RevokedByDecisionId == d.Id)
                            .OrderBy(c => c.CommuneName)
                            .Select(c => new UnitRef(c.CommuneCode, c.CommuneName)),
                    ]
                )
            ),
        ];
    }

    public async Task<DecisionDto?> DecisionAsync(int id, CancellationToken ct)
    {
        var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (decision is null)
            return null;
        var communes = await db
            .CommuneTitles.AsNoTracking()
            .Where(t => decision.Kind != DecisionKind.Revocation ? t.DecisionId == id : t.RevokedByDecisionId == id)
            .OrderBy(t => t.CommuneName)
            .Select(t => new UnitRef(t.CommuneCode, t.CommuneName))
            .ToListAsync(ct);
        return ToDto(decision, communes);
    }

    private static DecisionDto ToDto(DecisionRecord d, IReadOnlyList<UnitRef> communes) =>
        new(
            d.Id,
            d.ProvinceCode,
            d.Kind switch
            {
                DecisionKind.Revocation => "revocation",
                DecisionKind.Acknowledgement => "acknowledgement",
                _ => "recognition",
            },
            d.Number,
            d.Date,
            d.Signer,
            d.LevelCode,
            d.Year,
            d.Batch,
            d.PdfStoredName is not null,
            communes,
            d.RecordedByName,
            d.RecordedAt
        );

    /// <summary>Attaches the signed PDF of a decision (replacing an earlier one).</summary>
    public async Task<Outcome> AttachDecisionPdfAsync(int id, Stream content, string? fileName, CancellationToken ct)
    {
        var decision = await db.Decisions.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (decision is null)
            return Outcome.NotFound($"Không có quyết định #{id}.");
        if (!access.CanManageProvince(decision.ProvinceCode))
            return Outcome.Forbidden($"Chỉ Văn phòng Điều phối tỉnh {decision.ProvinceCode} đính kèm bản ký của quyết định.");
        var (file, error) = await store.SaveAsync(content, fileName, pdfOnly: true, ct);
        if (file is null)
            return Outcome.Invalid(error!, [new Problem("file", error!)]);
        (decision.PdfFileName, decision.PdfStoredName, decision.PdfLength) = (file.FileName, file.StoredName, file.Length);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            store.Delete(file.StoredName);
            throw;
        }
        return Outcome.Done;
    }

    public async Task<(Stream? Content, string? FileName, Outcome Outcome)> OpenDecisionPdfAsync(int id, CancellationToken ct)
    {
        var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (decision?.PdfStoredName is null)
            return (null, null, Outcome.NotFound($"Quyết định #{id} chưa có bản ký (PDF)."));
        var stream = store.Open(decision.PdfStoredName);
        return stream is null
            ? (null, null, Outcome.NotFound("Không tìm thấy tệp bản ký trong kho lưu trữ."))
            : (stream, decision.PdfFileName, Outcome.Done);
    }
}
