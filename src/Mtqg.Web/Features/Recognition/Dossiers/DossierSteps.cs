using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Recognition;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Recognition;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Mail;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Scorecards.Values;

namespace Mtqg.Web.Features.Recognition.Dossiers;

/// <summary>
/// The machinery every dossier step shares: load the stored snapshot, let the domain decide, store the
/// new snapshot in one SaveChanges, retry when a parallel step won the race, refresh the frozen scorecard.
/// </summary>
public sealed class DossierSteps(
    AppDbContext db,
    ScorecardService scorecards,
    SetCatalog catalog,
    TimeProvider clock,
    AccessPolicy access,
    DossierNotices notices
)
{
    private const int MaxAttempts = 8;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => VietnamTime.Today(clock);

    public async Task<(DossierDto? Dossier, Outcome Outcome)> ReadAsync(int id, CancellationToken ct)
    {
        var record = await db
            .Dossiers.AsNoTracking()
            .AsSplitQuery()
            .Include(d => d.Criteria)
            .Include(d => d.Indicators)
            .Include(d => d.Appraisals)
            .Include(d => d.Events)
            .Include(d => d.Evidence)
            .Include(d => d.Conditions)
            .Include(d => d.Decision)
            .FirstOrDefaultAsync(d => d.Id == id, ct);
        if (record is null)
            return (null, NotFound(id));
        if (!access.CanReadDossier(record.ProvinceCode, record.CommuneCode))
            return (null, Forbidden(record));
        return (DossierDtos.ToDto(record), Outcome.Done);
    }

    // ---- the machinery: load, decide, store ----

    public async Task<(DossierDto? Dossier, Outcome Outcome)> StepAsync(
        int id,
        string? expectedVersion,
        CancellationToken ct,
        Func<DossierRecord, Dossier, Outcome?> refuse,
        Func<DossierRecord, Dossier, Actor, DateTime, Task<Outcome>> step
    )
    {
        // Departments work in parallel: when another step was saved between this one's read and write,
        // the step is decided again on the fresh dossier (the domain re-checks everything), up to
        // MaxAttempts times. An edit made against a version the user saw is never retried: the user must look again.
        for (var attempt = 1; ; attempt++)
        {
            var record = (await LoadTrackedAsync(db.Dossiers.Where(d => d.Id == id), ct)).FirstOrDefault();
            if (record is null)
                return (null, NotFound(id));
            if (!access.CanReadDossier(record.ProvinceCode, record.CommuneCode) && !access.User.IsAdmin)
                return (null, Forbidden(record));
            var dossier = Dossier.Restore(DossierDtos.SnapshotOf(record));
            if (refuse(record, dossier) is { } refused)
                return (null, refused);
            if (
                expectedVersion is not null
                && !string.Equals(expectedVersion.Trim('"'), record.Version.ToString("N"), StringComparison.OrdinalIgnoreCase)
            )
                return (null, Outcome.Conflict($"Hồ sơ #{id} đã được người khác thay đổi sau khi bạn mở; tải lại rồi thử lại."));
            var now = Now;
            var before = DossierNotices.Before(record);
            var outcome = await step(record, dossier, access.User.Actor, now);
            if (!outcome.IsDone)
                return (null, outcome.Kind == OutcomeKind.Rejected ? Conflict(outcome) : outcome);
            var loadedVersion = record.Version;
            Store(dossier, record, now);
            await notices.QueueAsync(record, before, ct); // in the step's own SaveChanges: no mail without the step, no step without its mail
            if (await SaveAsync(ct, id, loadedVersion) is { } conflict)
            {
                if (expectedVersion is null && attempt < MaxAttempts)
                {
                    await Task.Delay(Random.Shared.Next(10, 40) * attempt, ct); // spread the retries of simultaneous steps
                    continue;
                }
                return (null, conflict);
            }
            db.ChangeTracker.Clear();
            return await ReadAsync(id, ct);
        }
    }

    public async Task<Outcome?> SaveAsync(CancellationToken ct, int? dossierId = null, Guid? loadedVersion = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ConcurrentChange;
        }
        catch (DbUpdateException) when (dossierId is { } id && loadedVersion is { } version)
        {
            // A simultaneous step may hit the timeline's unique (dossier, sequence) before the version
            // check: if the dossier moved on meanwhile, it is the same conflict; otherwise a real fault.
            db.ChangeTracker.Clear();
            var current = await db.Dossiers.AsNoTracking().Where(d => d.Id == id).Select(d => d.Version).FirstOrDefaultAsync(ct);
            if (current != version)
                return ConcurrentChange;
            throw;
        }
    }

    private static readonly Outcome ConcurrentChange = Outcome.Conflict(
        "Hồ sơ vừa được người khác thay đổi cùng lúc; tải lại rồi thử lại."
    );

    public Task<List<DossierRecord>> LoadTrackedAsync(IQueryable<DossierRecord> query, CancellationToken ct) =>
        query
            .AsSplitQuery()
            .Include(d => d.Criteria)
            .Include(d => d.Indicators)
            .Include(d => d.Appraisals)
            .Include(d => d.Events)
            .Include(d => d.Conditions)
            .Include(d => d.Decision)
            .ToListAsync(ct);

    /// <summary>The id of the commune of a dossier (the unit in force at the end of its year), or null.</summary>
    public async Task<int?> UnitIdAsync(string commune, int year, CancellationToken ct) =>
        (await scorecards.CommuneAsync(commune, year, ct))?.Id;

    /// <summary>Takes the commune's current scorecard into the dossier (draft: all criteria; sent back: only those sent back).</summary>
    public async Task<Outcome> RefreshAsync(DossierRecord record, Dossier dossier, Actor actor, DateTime now, CancellationToken ct)
    {
        var set = await catalog.GetAsync(db, record.SetCode, ct);
        var commune = await scorecards.CommuneAsync(record.CommuneCode, record.Year, ct);
        if (set is null || commune is null)
            return Outcome.NotFound($"Không còn bộ tiêu chí {record.SetCode} hoặc xã {record.CommuneCode} năm {record.Year}.");
        var only =
            dossier.Status == DossierStatus.SentBack
                ? record.Criteria.Where(c => c.State == CriterionAppraisalState.SentBack).Select(c => c.Number).ToHashSet()
                : null;
        var card = await scorecards.EvaluateCommuneAsync(set, commune, record.Year, record.LevelCode, ct);
        // Nothing changed since the last refresh: the timeline does not need another line saying so.
        if (Unchanged(record, card, only))
            return Outcome.Done;
        var outcome = dossier.RefreshCriteria(card, await SectorsAsync(set.Id, ct), actor, now);
        if (outcome.IsDone)
            FreezeIndicators(record, card, only);
        return outcome;
    }

    private static bool Unchanged(DossierRecord record, Scorecard card, IReadOnlySet<int>? only)
    {
        var fresh = card
            .Criteria.Where(c => c.Status != EvaluationStatus.NotApplicable && (only is null || only.Contains(c.Number)))
            .SelectMany(c => c.Indicators.Select(i => (c.Number, i.Code, i.Value, i.Threshold, Status: i.Status.Code())))
            .OrderBy(i => i.Code, StringComparer.Ordinal)
            .ToList();
        var stored = record
            .Indicators.Where(i => only is null || only.Contains(i.CriterionNumber))
            .Select(i => (Number: i.CriterionNumber, i.Code, i.Value, i.Threshold, i.Status))
            .OrderBy(i => i.Code, StringComparer.Ordinal)
            .ToList();
        var criteria = card
            .Criteria.Where(c => c.Status != EvaluationStatus.NotApplicable && (only is null || only.Contains(c.Number)))
            .Select(c => (c.Number, c.Status))
            .OrderBy(c => c.Number)
            .ToList();
        var storedCriteria = record
            .Criteria.Where(c => only is null || only.Contains(c.Number))
            .Select(c => (c.Number, c.Status))
            .OrderBy(c => c.Number)
            .ToList();
        return fresh.SequenceEqual(stored) && criteria.SequenceEqual(storedCriteria);
    }

    public async Task<IReadOnlyDictionary<int, string>> SectorsAsync(int setId, CancellationToken ct) =>
        (
            await db
                .Criteria.AsNoTracking()
                .Where(c => c.CriteriaSetId == setId && c.ResponsibleSector != null)
                .Select(c => new { c.Number, c.ResponsibleSector })
                .ToListAsync(ct)
        ).ToDictionary(c => c.Number, c => c.ResponsibleSector!);

    /// <summary>The indicator rows (value, threshold, status) of the scorecard, for all criteria or only some.</summary>
    public void FreezeIndicators(DossierRecord record, Scorecard card, IReadOnlySet<int>? only)
    {
        var stale = record.Indicators.Where(i => only is null || only.Contains(i.CriterionNumber)).ToList();
        foreach (var row in stale)
        {
            record.Indicators.Remove(row);
            if (row.Id != 0)
                db.DossierIndicators.Remove(row);
        }
        var order = 0;
        foreach (var criterion in card.Criteria.Where(c => c.Status != EvaluationStatus.NotApplicable))
        foreach (var i in criterion.Indicators)
        {
            order++;
            if (only is not null && !only.Contains(criterion.Number))
                continue;
            record.Indicators.Add(
                new DossierIndicatorRecord
                {
                    CriterionNumber = criterion.Number,
                    Order = order,
                    Code = i.Code,
                    Name = i.Name,
                    Type = i.Type.Code(),
                    Unit = i.Unit,
                    Value = i.Value,
                    Threshold = i.Threshold,
                    Rule = i.Rule.Code(),
                    Status = i.Status.Code(),
                }
            );
        }
    }

    public void Store(Dossier dossier, DossierRecord r, DateTime now)
    {
        var s = dossier.Snapshot();
        r.Status = s.Status;
        (r.RequiredSatisfaction, r.ResidentSatisfaction, r.NoConstructionDebtDeclared, r.Note) = (
            s.RequiredSatisfaction,
            s.ResidentSatisfaction,
            s.NoConstructionDebtDeclared,
            s.Note
        );
        (r.SubmittedById, r.SubmittedByName, r.SubmittedAt) = (s.SubmittedBy?.Id, s.SubmittedBy?.Name, s.SubmittedAt);
        if (s.Council is { } c)
            (r.CouncilDate, r.CouncilMembers, r.VotesFor, r.VotesAgainst, r.CouncilConclusion) = (
                c.Date,
                string.Join('\n', c.Members),
                c.VotesFor,
                c.VotesAgainst,
                c.Conclusion
            );
        (r.UpdatedAt, r.Version) = (now, Guid.NewGuid());

        var progress = s.Progress.ToDictionary(p => p.Number);
        foreach (var gone in r.Criteria.Where(c => s.Criteria.All(x => x.Number != c.Number)).ToList())
        {
            r.Criteria.Remove(gone);
            if (gone.Id != 0)
                db.DossierCriteria.Remove(gone);
        }
        foreach (var criterion in s.Criteria)
        {
            var row = r.Criteria.FirstOrDefault(c => c.Number == criterion.Number);
            if (row is null)
                r.Criteria.Add(
                    row = new DossierCriterionRecord
                    {
                        Number = criterion.Number,
                        Code = criterion.Code,
                        Name = criterion.Name,
                    }
                );
            (row.Code, row.Name, row.ResponsibleSector, row.Status) = (
                criterion.Code,
                criterion.Name,
                criterion.ResponsibleSector,
                criterion.Status
            );
            var p = progress[criterion.Number];
            (row.State, row.Round, row.SentToAppraisalAt) = (p.State, p.Round, p.SentToAppraisalAt);
        }
        foreach (var a in s.Appraisals.Skip(r.Appraisals.Count))
            r.Appraisals.Add(
                new AppraisalRecord
                {
                    Dossier = r,
                    CriterionNumber = a.CriterionNumber,
                    Round = a.Round,
                    Sector = a.Sector,
                    Step = a.Step,
                    Comment = a.Comment,
                    SentToAppraisalAt = a.SentToAppraisalAt,
                    At = a.At,
                    ByUserId = a.ByUserId,
                    ByUserName = a.ByUserName,
                }
            );
        var next = r.Events.Count == 0 ? 1 : r.Events.Max(e => e.Sequence) + 1;
        foreach (var e in s.Timeline.Skip(r.Events.Count))
            // A timeline line quotes the user's text after its own words: cut to its column, the full text is in its own row.
            r.Events.Add(
                new DossierEventRecord
                {
                    Sequence = next++,
                    At = e.At,
                    UserId = e.UserId,
                    UserName = e.UserName,
                    Kind = e.Kind,
                    Details = db.Clip((DossierEventRecord x) => x.Details, e.Details)!,
                }
            );
    }

    internal static Outcome NotFound(int id) => Outcome.NotFound($"Không có hồ sơ đề nghị #{id}.");

    internal static Outcome Forbidden(DossierRecord r) =>
        Outcome.Forbidden($"Tài khoản không có quyền xem hồ sơ đề nghị của {r.CommuneName}.");

    internal static Outcome EditForbidden(DossierRecord r) =>
        Outcome.Forbidden($"Chỉ cán bộ của {r.CommuneName} (hoặc quản trị) được sửa, nộp hồ sơ này.");

    internal static Outcome Conflict(Outcome rejected) => Outcome.Conflict(rejected.Message ?? "Không thể thực hiện.");
}
