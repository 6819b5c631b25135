using Microsoft.EntityFrameworkCore;
using Mtqg.Data.Criteria;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Web.Data;

namespace Mtqg.Web.Features.CriteriaSets;

/// <summary>Storing a whole set: versions, replacing a draft, and the document written into entities.</summary>
public sealed partial class CriteriaSetService
{
    /// <summary>Validates a whole document and, only if it has no problem at all, stores it in one transaction (the seeder keeps its status).</summary>
    internal async Task<Outcome> StoreAsync(CriteriaSetDocument doc, CancellationToken ct)
    {
        var (problems, departments) = await CheckAsync(doc, ct);
        if (doc.Code is { Length: > 0 } code && await db.CriteriaSets.AnyAsync(s => s.Code == code, ct))
            problems.Insert(0, new Problem("code", $"Đã có bộ tiêu chí mã \"{code}\"."));
        if (problems.Count > 0)
            return Outcome.Invalid($"Bộ tiêu chí có {problems.Count} lỗi; chưa có gì được ghi.", problems);

        var now = clock.GetUtcNow().UtcDateTime;
        var set = new CriteriaSet
        {
            Code = doc.Code!,
            Name = "",
            CreatedAt = now,
            Status = doc.Status is null ? CriteriaSetStatus.Draft : CriteriaVocabulary.Statuses[doc.Status],
            IsDemo = doc.IsDemo,
        };
        Fill(set, doc, departments);
        (set.UpdatedAt, set.UpdatedBy) = (now, access.User.UserName);
        db.CriteriaSets.Add(set); // one SaveChanges: one transaction
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>A set's edit version (decision 0016): null when no set has that code.</summary>
    public async Task<string?> VersionAsync(string code, CancellationToken ct) =>
        await db.CriteriaSets.AsNoTracking().Where(s => s.Code == code).Select(s => (DateTime?)s.UpdatedAt).FirstOrDefaultAsync(ct)
            is { } at
            ? EditVersion.Of(at)
            : null;

    /// <summary>
    /// Replaces a draft with <paramref name="doc"/> (same validation as creating it). A published or withdrawn set never
    /// changes (409: a correction is a new set); a draft read at an older <paramref name="version"/> is refused (412).
    /// </summary>
    public async Task<Outcome> ReplaceAsync(string code, CriteriaSetDocument doc, string? version, CancellationToken ct)
    {
        var set = await db
            .CriteriaSets.AsSplitQuery()
            .Include(s => s.Levels)
                .ThenInclude(l => l.Conditions)
            .Include(s => s.Groups)
            .Include(s => s.Bands)
            .Include(s => s.Criteria)
                .ThenInclude(c => c.Indicators)
                    .ThenInclude(i => i.Thresholds)
            .FirstOrDefaultAsync(s => s.Code == code, ct);
        if (set is null)
            return Outcome.NotFound($"Không có bộ tiêu chí mã \"{code}\".");
        if (Refuse(set.ProvinceCode, code) is { } refused)
            return refused;
        if (set.Status != CriteriaSetStatus.Draft)
            return Immutable(set);
        if (doc.Province != set.ProvinceCode && Refuse(doc.Province, code) is { } moved)
            return moved;
        if (EditVersion.IsStale(version, set.UpdatedAt))
            return EditVersion.Changed($"Bộ tiêu chí {code}", set.UpdatedAt, set.UpdatedBy);
        if (doc.Code is { Length: > 0 } other && other != code)
            return Outcome.Invalid(
                "Mã bộ tiêu chí không khớp.",
                [new Problem("code", $"Nội dung ghi mã \"{other}\" nhưng đang sửa bộ {code}; mã của một bộ không đổi được.")]
            );
        doc = doc with { Code = code, Status = null, IsDemo = false };
        var (problems, departments) = await CheckAsync(doc, ct);
        if (problems.Count > 0)
            return Outcome.Invalid($"Bộ tiêu chí có {problems.Count} lỗi; chưa có gì được ghi.", problems);
        if (await db.IndicatorValues.AnyAsync(v => v.Indicator.CriteriaSetId == set.Id, ct))
            return Outcome.Conflict($"Bộ tiêu chí dự thảo {code} đã có số liệu chỉ tiêu được nhập theo nó; không thay thế được.");

        // The old content goes first (its unique codes are taken again), then the new one, in one transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.RemoveRange(set.Criteria.SelectMany(c => c.Indicators).SelectMany(i => i.Thresholds));
        db.RemoveRange(set.Criteria.SelectMany(c => c.Indicators));
        db.RemoveRange(set.Criteria);
        db.RemoveRange(set.Levels);
        db.RemoveRange(set.Groups);
        db.RemoveRange(set.Bands);
        await db.SaveChangesAsync(ct);
        Fill(set, doc, departments);
        (set.UpdatedAt, set.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, access.User.UserName);
        set.Revision++;
        var saved = await EditVersion.SaveAsync(db, set, $"Bộ tiêu chí {code}", ct);
        if (!saved.IsDone)
            return saved;
        await tx.CommitAsync(ct);
        catalog.Forget(code);
        return Outcome.Done;
    }

    private static Outcome Immutable(CriteriaSet set) =>
        Outcome.Conflict(
            $"Bộ tiêu chí {set.Code} {(set.Status == CriteriaSetStatus.Published ? "đã ban hành" : "đã bãi bỏ")} nên không sửa được nữa: một điều chỉnh là một bộ tiêu chí mới (tạo bộ mới với mã khác)."
        );

    private static LevelDocument LevelOf(CriteriaLevel l) =>
        new(
            l.Code,
            l.Name,
            l.Rank,
            l.Pilot,
            l.ThresholdsOf,
            l.Conditions.Count == 0
                ? null
                : l.Conditions.OrderBy(c => c.Order).Select(c => new LevelConditionDocument(c.Code, c.Text, c.Judged, c.HeldLevel)).ToList()
        );

    /// <summary>Writes a valid document's content (everything but code, status, demo flag) into <paramref name="set"/>, whose children are empty.</summary>
    private static void Fill(CriteriaSet set, CriteriaSetDocument doc, Dictionary<CriterionDocument, string> departments)
    {
        var levels = doc.Levels!.Select(l => new CriteriaLevel
            {
                Code = l.Code!,
                Name = l.Name!,
                Rank = l.Rank!.Value,
                Pilot = l.Pilot,
                ThresholdsOf = l.ThresholdsOf,
                Conditions = (l.Conditions ?? [])
                    .Select(
                        (c, order) =>
                            new CriteriaLevelCondition
                            {
                                Order = order,
                                Code = c.Code!,
                                Text = c.Text!.Trim(),
                                Judged = c.Judged!,
                                HeldLevel = c.Level,
                            }
                    )
                    .ToList(),
            })
            .ToList();
        var groups = (doc.Groups ?? [])
            .Select(g => new CommuneGroup
            {
                Code = g.Code!,
                Name = g.Name!,
                Description = g.Description,
            })
            .ToList();
        var revocation = doc.RevocationRule();
        set.Name = doc.Name!.Trim();
        set.LegalBasis = doc.LegalBasis;
        set.ValidFrom = doc.ValidFrom!.Value;
        set.ValidTo = doc.ValidTo!.Value;
        set.Source = doc.Source;
        set.Notes = doc.Notes;
        set.ProvinceCode = doc.Province;
        set.DetailsCode = doc.Province is null ? null : doc.Details;
        set.RevocationLowerShare = revocation?.FailingShareFrom;
        set.RevocationUpperShare = revocation?.FailingShareTo;
        set.RevocationProtected = revocation is null ? null : string.Join(",", (revocation.ProtectedCriteria ?? []).Distinct().Order());
        set.RequiredSatisfaction = doc.Recognition?.RequiredSatisfaction;
        set.Levels = levels;
        set.Groups = groups;
        set.Bands = (doc.Bands ?? [])
            .Select(
                (b, i) =>
                    new ReportingBand
                    {
                        Order = i + 1,
                        Name = b.Name!,
                        MinCriteriaMet = b.MinCriteriaMet!.Value,
                    }
            )
            .ToList();
        set.Criteria = [];
        foreach (var c in doc.Criteria!)
        {
            var criterion = new Criterion
            {
                Number = c.Number!.Value,
                Code = c.Code!,
                Name = c.Name!.Trim(),
                Heading = c.Heading,
                ResponsibleSector = departments.GetValueOrDefault(c),
                NameVerified = c.NameVerified,
            };
            var order = 0;
            foreach (var i in c.Indicators ?? [])
            {
                var type = CriteriaVocabulary.Types[i.Type!];
                criterion.Indicators.Add(
                    new Indicator
                    {
                        Set = set,
                        Order = ++order,
                        Code = i.Code!,
                        Name = i.Name!.Trim(),
                        Type = type,
                        Unit = i.Unit,
                        Rule = CriteriaVocabulary.Rules[i.Rule!],
                        NameVerified = i.NameVerified,
                        Notes = i.Notes,
                        Source = i.Source,
                        Thresholds = (i.Thresholds ?? [])
                            .Select(t => new Threshold
                            {
                                Level = levels.Single(l => l.Code == t.Level),
                                Group = t.Group is null ? null : groups.Single(g => g.Code == t.Group),
                                Year = t.Year,
                                Note = t.Note,
                                Value =
                                    t.Value is not { } v ? null
                                    : type == IndicatorType.Boolean ? ValueRules.FromFlag(true)
                                    : v.Number,
                            })
                            .ToList(),
                    }
                );
            }
            set.Criteria.Add(criterion);
        }
    }
}
