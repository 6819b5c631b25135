using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Poverty;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Web.Features.Poverty;

namespace Mtqg.Web.Features.Scorecards.Evaluation;

/// <summary>The approved poverty result of a commune-year as a sourced indicator reads it: its rates (DESIGN §12) and when it was approved.</summary>
public sealed record ApprovedPoverty(decimal? Rate, decimal? NearRate, DateTime ApprovedAt);

/// <summary>
/// Indicators whose value follows the approved poverty review result of the commune-year (DESIGN §12, issue 15): the value is
/// read here, at the point where stored values are read (scorecard, trend, province and national evaluations), never typed.
/// Only sets with such an indicator pay for this read.
/// </summary>
public static class PovertySource
{
    /// <summary>The approved results of a year by unit id: of some units, of a province (as it was that year), or of the country.</summary>
    public static async Task<Dictionary<int, ApprovedPoverty>> ApprovedAsync(
        AppDbContext db,
        int year,
        string? provinceCode,
        IReadOnlyCollection<int>? unitIds,
        CancellationToken ct
    )
    {
        var results = db.PovertyResults.AsNoTracking().Where(r => r.Year == year && r.Status == PovertyResult.Approved);
        if (provinceCode is not null)
            results = results.Where(r => r.ProvinceCode == provinceCode);
        if (unitIds is not null)
        {
            var ids = unitIds.ToList();
            results = results.Where(r => EF.Parameter(ids).Contains(r.UnitId));
        }
        return (await Rows(results).ToListAsync(ct)).ToDictionary(r => r.UnitId, r => r.Approved);
    }

    /// <summary>Every approved result of one unit, by year (a commune's trend).</summary>
    public static async Task<Dictionary<int, ApprovedPoverty>> ApprovedYearsAsync(AppDbContext db, int unitId, CancellationToken ct) =>
        (
            await Rows(db.PovertyResults.AsNoTracking().Where(r => r.UnitId == unitId && r.Status == PovertyResult.Approved))
                .ToListAsync(ct)
        ).ToDictionary(r => r.Year, r => r.Approved);

    private static IQueryable<Row> Rows(IQueryable<PovertyResult> results) =>
        results.Select(r => new Row(r.UnitId, r.Year, r.Households, r.Poor, r.NearPoor, r.ApprovedAt ?? r.UpdatedAt));

    private sealed record Row(int UnitId, int Year, int Households, int Poor, int NearPoor, DateTime At)
    {
        // The rates as the poverty pages show them (one rule: PovertyService.Rate).
        public ApprovedPoverty Approved => new(PovertyService.Rate(Poor, Households), PovertyService.Rate(NearPoor, Households), At);
    }

    /// <summary>The value a source takes from an approved result; null when there is none (or no households).</summary>
    public static decimal? ValueOf(string source, ApprovedPoverty? approved) =>
        source switch
        {
            IndicatorSources.PovertyRate => approved?.Rate,
            IndicatorSources.NearPovertyRate => approved?.NearRate,
            _ => null,
        };

    /// <summary>Adds the sourced indicators' values of a commune-year to its stored values (which never hold them).</summary>
    public static void AddTo(Dictionary<string, decimal?> values, LoadedSet set, ApprovedPoverty? approved)
    {
        foreach (var indicator in set.Sourced)
        {
            values.Remove(indicator.Code);
            if (ValueOf(indicator.Source!, approved) is { } value)
                values[indicator.Code] = value;
        }
    }

    /// <summary>Why a sourced indicator has no value (the gap the scorecard shows).</summary>
    public static string Missing(string code, int year) => $"Chỉ tiêu {code}: chưa có kết quả rà soát hộ nghèo được phê duyệt năm {year}";

    /// <summary>Where a sourced value came from, e.g. "Tỷ lệ hộ nghèo đã phê duyệt ngày 05/03/2025".</summary>
    public static string Note(string source, ApprovedPoverty approved) =>
        $"{(source == IndicatorSources.NearPovertyRate ? "Tỷ lệ hộ cận nghèo" : "Tỷ lệ hộ nghèo")} đã phê duyệt ngày {VietnamTime.ToLocal(approved.ApprovedAt).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The refusal of a write to sourced indicators (the values API, the Excel upload): nothing is written.</summary>
    public static Outcome Refusal(IEnumerable<SetIndicator> indicators)
    {
        var named = indicators.DistinctBy(i => i.Code).ToList();
        var list = string.Join(
            "; ",
            named.Select(i => $"chỉ tiêu {i.Code} lấy giá trị từ {i.Source} ({IndicatorSources.Label(i.Source!)})")
        );
        return Outcome.Conflict(
            $"Không nhập được giá trị: {list}, không nhập tay. Chưa có gì được ghi.",
            [
                .. named.Select(i => new Problem(
                    $"values.{i.Code}",
                    $"Chỉ tiêu {i.Code} theo nguồn {i.Source}: giá trị lấy từ kết quả rà soát hộ nghèo đã phê duyệt."
                )),
            ]
        );
    }
}
