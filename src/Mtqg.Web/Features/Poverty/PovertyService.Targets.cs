using Microsoft.EntityFrameworkCore;
using Mtqg.Data.Poverty;
using Mtqg.Domain.Plans;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Money.Projects;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Poverty;

/// <summary>The approved rates a plan's rate-reduction target is judged from (DESIGN §12). Access is the plan's.</summary>
public sealed partial class PovertyService
{
    /// <summary>
    /// Each commune's approved poverty rate in <paramref name="baselineYear"/> and in the latest year up to
    /// <paramref name="lastYear"/> with an approved result. The codes name the communes in force on <paramref name="namedOn"/>
    /// (a plan of 2024 names the communes of 2024); a commune that a later reform merged whole into another is read, for the
    /// years after, as the commune it went into, and says so; one split among several is not guessed (decision 0024).
    /// </summary>
    public async Task<List<UnitRates>> CommuneRatesAsync(
        IReadOnlyList<string> codes,
        DateOnly namedOn,
        int baselineYear,
        int lastYear,
        CancellationToken ct
    )
    {
        var units = await UnitService
            .InForce(db.Units.AsNoTracking(), namedOn)
            .Where(u => u.Level == UnitLevel.Commune && codes.Contains(u.Code))
            .ToListAsync(ct);
        var ids = units.Select(u => u.Id).ToList();
        var successions = await db
            .UnitSuccessions.AsNoTracking()
            .Where(s => ids.Contains(s.PredecessorId))
            .Include(s => s.Successor)
            .ToListAsync(ct);
        var read = ids.Concat(successions.Select(s => s.SuccessorId)).Distinct().ToList();
        var approved = await db
            .PovertyResults.AsNoTracking()
            .Where(r => r.Status == PovertyResult.Approved && r.Year >= baselineYear && r.Year <= lastYear && read.Contains(r.UnitId))
            .ToDictionaryAsync(r => (r.UnitId, r.Year), ct);
        decimal? RateOf(int unitId, int year) => approved.TryGetValue((unitId, year), out var r) ? Rate(r.Poor, r.Households) : null;

        UnitRates Read(string code)
        {
            var unit = units.FirstOrDefault(u => u.Code == code);
            if (unit is null)
                return new(code, null, null, null, $"Không có xã mã {code} tại ngày {namedOn:dd/MM/yyyy}.");
            var baseline = RateOf(unit.Id, baselineYear);
            var note = baseline is null ? $"Chưa có kết quả đã phê duyệt năm {baselineYear}." : null;
            var after = successions.Where(s => s.PredecessorId == unit.Id).ToList();
            for (var year = lastYear; year > baselineYear; year--)
            {
                if (unit.ValidTo is null || unit.ValidTo >= YearEnd(year))
                {
                    if (RateOf(unit.Id, year) is { } rate)
                        return new(code, baseline, rate, year, note);
                }
                else if (after.Count != 1 || after[0].Type == SuccessionType.Partial)
                    note ??=
                        $"{unit.FullName} được chia cho nhiều xã sau sắp xếp; dữ liệu sắp xếp không cho tỷ lệ chia nên không tính được tỷ lệ năm {year}.";
                else if (RateOf(after[0].SuccessorId, year) is { } merged)
                    return new(
                        code,
                        baseline,
                        merged,
                        year,
                        note ?? $"Năm {year}: tỷ lệ của {after[0].Successor.FullName} (xã sau sắp xếp)."
                    );
            }
            return new(code, baseline, null, null, note ?? $"Chưa có kết quả đã phê duyệt sau năm {baselineYear}.");
        }
        return [.. codes.Select(Read)];
    }

    /// <summary>The production-support projects of the province running in <paramref name="year"/> (see <see cref="ProductionSupportView"/>).</summary>
    public async Task<ProductionSupportView> ProductionSupportAsync(string province, int year, CancellationToken ct)
    {
        var projects = await db
            .Projects.AsNoTracking()
            .Where(p => p.ProvinceCode == province && p.Kind == ProjectKinds.ProductionSupport && p.StartYear <= year && p.EndYear >= year)
            .Select(p => new { p.Poor, p.EscapedPoverty })
            .ToListAsync(ct);
        var known = projects.Where(p => p.EscapedPoverty is not null && p.Poor > 0).ToList();
        var beneficiaries = known.Sum(p => (long)p.Poor!.Value);
        var escaped = known.Sum(p => (long)p.EscapedPoverty!.Value);
        return new(projects.Count, beneficiaries, escaped, Rate(escaped, beneficiaries), projects.Count - known.Count);
    }

    /// <summary>The province's approved rate in <paramref name="baselineYear"/> and in the latest year after it up to <paramref name="lastYear"/>.</summary>
    public async Task<UnitRates> ProvinceReductionAsync(string code, int baselineYear, int lastYear, CancellationToken ct)
    {
        var points = await ProvinceRatesAsync(code, baselineYear, Math.Max(lastYear, baselineYear), ct);
        var latest = points.Where(p => p.Year > baselineYear && p.PovertyRate is not null).MaxBy(p => p.Year);
        var baseline = points.FirstOrDefault(p => p.Year == baselineYear)?.PovertyRate;
        return new(
            code,
            baseline,
            latest?.PovertyRate,
            latest?.Year,
            baseline is null ? $"Chưa có kết quả đã phê duyệt năm {baselineYear} của tỉnh." : null
        );
    }
}

/// <summary>
/// The province's production-support projects running in a year (DESIGN §12; plans ask that at least 80% of their
/// beneficiary households escape poverty): how many, their poor beneficiary households and those that escaped
/// poverty, over the projects that recorded both; <see cref="WithoutFigures"/> projects recorded no such figures.
/// </summary>
public sealed record ProductionSupportView(int Projects, long Beneficiaries, long Escaped, decimal? EscapedShare, int WithoutFigures);
