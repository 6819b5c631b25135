using Microsoft.EntityFrameworkCore;
using Mtqg.Domain.Common;
using Mtqg.Domain.Visits;
using Mtqg.Web.Features.Visits.Recommendations;

namespace Mtqg.Web.Features.Visits;

/// <summary>Reading visits: one visit with its support and recommendations, the lists by commune, agency or province, and the support kinds' names.</summary>
public sealed partial class VisitService
{
    public async Task<(VisitView? Visit, Outcome Outcome)> GetAsync(int id, CancellationToken ct)
    {
        var visit = await db
            .Visits.AsNoTracking()
            .Include(v => v.Agency)
            .Include(v => v.Support)
            .Include(v => v.Recommendations)
            .AsSplitQuery()
            .FirstOrDefaultAsync(v => v.Id == id, ct);
        if (visit is null)
            return (null, Outcome.NotFound($"Không có buổi làm việc số {id}."));
        var commune = await reads.CommuneAtAsync(visit.CommuneCode, visit.Date, ct);
        if (commune is null || !await access.CanReadVisitAsync(commune, visit.AgencyId, ct))
            return (null, Outcome.Forbidden("Tài khoản không có quyền xem buổi làm việc này."));
        var today = reads.Today;
        var names = await Departments.DepartmentService.NamesAsync(db, visit.ProvinceCode, ct);
        return (
            new VisitView(
                visit.Id,
                visit.Date,
                visit.AgencyId,
                visit.Agency.Name,
                visit.ProvinceCode,
                visit.CommuneCode,
                commune.FullName,
                Lines(visit.Participants),
                visit.Content,
                visit.Findings,
                [
                    .. visit
                        .Support.OrderBy(s => s.Id)
                        .Select(s => new SupportView(SupportCode(s.Kind), SupportName(s.Kind), s.Description, s.Quantity, s.Unit, s.Value)),
                ],
                visit.Support.Sum(s => s.Value ?? 0),
                Lines(visit.Difficulties),
                [.. visit.Recommendations.OrderBy(r => r.Id).Select(r => RecommendationService.Line(r, commune.FullName, today, names))],
                visit.CreatedBy,
                visit.CreatedAt
            ),
            Outcome.Done
        );
    }

    /// <summary>At most this many visits are listed (the newest).</summary>
    public const int ListLimit = 500;

    /// <summary>Visits of a commune (its timeline, newest first), of an agency, or of a province; <paramref name="from"/>–<paramref name="to"/>: of a period (a report's).</summary>
    public async Task<(IReadOnlyList<VisitLine>? Visits, Outcome Outcome)> ListAsync(
        string? province,
        string? communeCode,
        int? agencyId,
        CancellationToken ct,
        DateOnly? from = null,
        DateOnly? to = null
    )
    {
        var (query, outcome) = await reads.ScopeAsync(db.Visits.AsNoTracking(), province, communeCode, agencyId, ct);
        if (query is null)
            return (null, outcome);
        if (from is { } first)
            query = query.Where(v => v.Date >= first);
        if (to is { } last)
            query = query.Where(v => v.Date <= last);
        var rows = await query
            .OrderByDescending(v => v.Date)
            .ThenByDescending(v => v.Id)
            .Take(ListLimit)
            .Select(v => new
            {
                v.Id,
                v.Date,
                v.AgencyId,
                Agency = v.Agency.Name,
                v.CommuneCode,
                v.Content,
                Recs = v.Recommendations.Count,
                Open = v.Recommendations.Count(r => r.Status == RecommendationStatus.Open || r.Status == RecommendationStatus.InProgress),
                Values = v.Support.Select(s => s.Value).ToList(),
            })
            .ToListAsync(ct);
        var names = await agencies.NamesAsync(rows.Select(r => r.CommuneCode), reads.Today, ct);
        return (
            [
                .. rows.Select(r => new VisitLine(
                    r.Id,
                    r.Date,
                    r.AgencyId,
                    r.Agency,
                    r.CommuneCode,
                    names.GetValueOrDefault(r.CommuneCode, r.CommuneCode),
                    r.Content,
                    r.Recs,
                    r.Open,
                    r.Values.Sum(v => v ?? 0)
                )),
            ],
            Outcome.Done
        );
    }

    public static SupportKind? SupportKindOf(string? kind) =>
        kind?.Trim() switch
        {
            "gift" => SupportKind.Gift,
            "money" => SupportKind.Money,
            "materials" => SupportKind.Materials,
            "inKind" => SupportKind.InKindWork,
            _ => null,
        };

    public static string SupportCode(SupportKind kind) =>
        kind switch
        {
            SupportKind.Gift => "gift",
            SupportKind.Money => "money",
            SupportKind.Materials => "materials",
            _ => "inKind",
        };

    public static string SupportName(SupportKind kind) =>
        kind switch
        {
            SupportKind.Gift => "Quà tặng",
            SupportKind.Money => "Tiền",
            SupportKind.Materials => "Vật tư",
            _ => "Ngày công, hiện vật",
        };
}
