using Microsoft.EntityFrameworkCore;
using Mtqg.Data.Poverty;
using Mtqg.Data.Units;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Poverty;

/// <summary>
/// A commune of a province summary: its approved counts and rates (null when not approved), its status (null: not
/// entered), the previous year's rate of the same unit or of the units it was formed from (decision 0024) and, when that
/// cannot be computed, why (<see cref="PreviousNote"/>).
/// </summary>
public sealed record CommunePovertyRow(
    string Code,
    string Name,
    string? Status,
    int? Households,
    int? Poor,
    int? NearPoor,
    decimal? PovertyRate,
    decimal? NearPovertyRate,
    decimal? PreviousRate,
    decimal? Change,
    string? PreviousNote
);

/// <summary>
/// A province's poverty in a year (DESIGN §12), from the approved results of the communes in force on 31 December:
/// totals, rates, the previous year's rate of the province and the change in percentage points; how many communes
/// there are, how many have entered and how many are approved.
/// </summary>
public sealed record ProvincePovertyView(
    string Province,
    string ProvinceName,
    int Year,
    string? Standard,
    int CommuneCount,
    int Entered,
    int Approved,
    long? Households,
    long? Poor,
    long? NearPoor,
    decimal? PovertyRate,
    decimal? NearPovertyRate,
    decimal? PreviousRate,
    decimal? Change,
    IReadOnlyList<CommunePovertyRow> Communes,
    ProductionSupportView ProductionSupport
);

/// <summary>The province's rate in one year, for the chart over the years.</summary>
public sealed record ProvinceRatePoint(int Year, int Approved, decimal? PovertyRate, decimal? NearPovertyRate);

public sealed partial class PovertyService
{
    private sealed record Totals(long Households, long Poor, long NearPoor, int Results);

    /// <summary>The province of the code as it was in <paramref name="year"/> and its communes in force on 31 December of it.</summary>
    /// <remarks>
    /// Codes were reused by the reform (15 was Yên Bái, is Lào Cai): a year before the reform is read with the code as it
    /// was then, unless <paramref name="provinceOfToday"/> (the year before a post-reform year, the chart of a province
    /// of today) or the code named no province then; the communes are then those of the provinces that went into it.
    /// </remarks>
    private async Task<(AdministrativeUnit? Province, List<AdministrativeUnit> Communes)> ProvinceCommunesAsync(
        string code,
        int year,
        bool provinceOfToday,
        CancellationToken ct
    )
    {
        var end = YearEnd(year);
        var units = UnitService.InForce(db.Units.AsNoTracking(), end);
        if (Reform.IsYearBefore(year))
        {
            var old = await lineage.OldProvincesOfAsync(code);
            var today = await UnitService
                .InForce(db.Units.AsNoTracking(), Reform.Day)
                .FirstOrDefaultAsync(u => u.Code == code && u.Level == UnitLevel.Province, ct);
            var then = await units.FirstOrDefaultAsync(u => u.Code == code && u.Level == UnitLevel.Province, ct);
            if (today is not null && old.Count > 0 && (provinceOfToday || then is null))
                return (today, await units.Where(u => u.Level == UnitLevel.Commune && old.Contains(u.ProvinceCode)).ToListAsync(ct));
        }
        var province = await units.FirstOrDefaultAsync(u => u.Code == code && u.Level == UnitLevel.Province, ct);
        return (province, await units.Where(u => u.Level == UnitLevel.Commune && u.ProvinceCode == code).ToListAsync(ct));
    }

    public async Task<(ProvincePovertyView? Summary, Outcome Outcome)> ProvinceAsync(string code, int year, CancellationToken ct)
    {
        if (!InputRange.IsYear(year))
            return (null, Outcome.Invalid(InputRange.YearMessage("Năm", year), [new Problem("year", InputRange.YearMessage("Năm", year))]));
        var (province, communes) = await ProvinceCommunesAsync(code, year, false, ct);
        if (province is null)
            return (null, Outcome.NotFound($"Không có tỉnh mã \"{code}\" có hiệu lực năm {year}."));
        if (!await access.CanReadProvinceAsync(code, year))
            return (null, Outcome.Forbidden($"Tài khoản không có quyền xem kết quả rà soát hộ nghèo của {province.FullName}."));

        var ids = communes.Select(c => c.Id).ToList();
        var results = await db.PovertyResults.AsNoTracking().Where(r => r.Year == year && ids.Contains(r.UnitId)).ToListAsync(ct);
        var byUnit = results.ToDictionary(r => r.UnitId);
        var previous = await PreviousAsync(communes, year, ct);
        var vi = StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false);
        var rows = communes
            .OrderBy(c => c.Name, vi)
            .Select(c =>
            {
                byUnit.TryGetValue(c.Id, out var r);
                var approved = r is { Status: PovertyResult.Approved } ? r : null;
                var rate = Rate(approved?.Poor, approved?.Households);
                var (before, note) = previous[c.Id];
                var previousRate = before is null ? null : Rate(before.Poor, before.Households);
                return new CommunePovertyRow(
                    c.Code,
                    c.FullName,
                    r?.Status,
                    approved?.Households,
                    approved?.Poor,
                    approved?.NearPoor,
                    rate,
                    Rate(approved?.NearPoor, approved?.Households),
                    previousRate,
                    Change(rate, previousRate),
                    note
                );
            })
            .ToList();
        var now = Sum(results.Where(r => r.Status == PovertyResult.Approved));
        var (_, communesBefore) = await ProvinceCommunesAsync(code, year - 1, !Reform.IsYearBefore(year), ct);
        var before = await ApprovedTotalsAsync(communesBefore, year - 1, ct);
        var povertyRate = now is null ? null : Rate(now.Poor, now.Households);
        var previousProvinceRate = before is null ? null : Rate(before.Poor, before.Households);
        return (
            new ProvincePovertyView(
                code,
                province.FullName,
                year,
                standards.Of(year)?.Code,
                communes.Count,
                results.Count,
                results.Count(r => r.Status == PovertyResult.Approved),
                now?.Households,
                now?.Poor,
                now?.NearPoor,
                povertyRate,
                now is null ? null : Rate(now.NearPoor, now.Households),
                previousProvinceRate,
                Change(povertyRate, previousProvinceRate),
                rows,
                await ProductionSupportAsync(code, year, ct)
            ),
            Outcome.Done
        );
    }

    /// <summary>The province's approved rate in each year from <paramref name="from"/> to <paramref name="to"/> (the chart).</summary>
    public async Task<List<ProvinceRatePoint>> ProvinceRatesAsync(string code, int from, int to, CancellationToken ct)
    {
        var points = new List<ProvinceRatePoint>();
        for (var y = from; y <= to; y++)
        {
            var (_, communes) = await ProvinceCommunesAsync(code, y, true, ct);
            var totals = await ApprovedTotalsAsync(communes, y, ct);
            points.Add(
                new ProvinceRatePoint(
                    y,
                    totals?.Results ?? 0,
                    totals is null ? null : Rate(totals.Poor, totals.Households),
                    totals is null ? null : Rate(totals.NearPoor, totals.Households)
                )
            );
        }
        return points;
    }

    private async Task<Totals?> ApprovedTotalsAsync(List<AdministrativeUnit> communes, int year, CancellationToken ct)
    {
        var ids = communes.Select(c => c.Id).ToList();
        return Sum(
            await db
                .PovertyResults.AsNoTracking()
                .Where(r => r.Year == year && r.Status == PovertyResult.Approved && ids.Contains(r.UnitId))
                .ToListAsync(ct)
        );
    }

    private static Totals? Sum(IEnumerable<PovertyResult> results)
    {
        var list = results.ToList();
        return list.Count == 0
            ? null
            : new Totals(list.Sum(r => (long)r.Households), list.Sum(r => (long)r.Poor), list.Sum(r => (long)r.NearPoor), list.Count);
    }

    /// <summary>
    /// The previous year's approved counts of each commune (decision 0024): the same unit when it was in force on 31
    /// December of the previous year; else the sum of the units it was formed from, when each went into it whole and
    /// each has an approved result. A unit split among several (the mapping gives no share) or a missing result is said,
    /// not guessed.
    /// </summary>
    private async Task<Dictionary<int, (Totals? Before, string? Note)>> PreviousAsync(
        List<AdministrativeUnit> communes,
        int year,
        CancellationToken ct
    )
    {
        var end = YearEnd(year - 1);
        bool InForce(AdministrativeUnit u) => (u.ValidFrom is null || u.ValidFrom <= end) && (u.ValidTo is null || u.ValidTo >= end);
        var formed = communes.Where(c => !InForce(c)).Select(c => c.Id).ToList();
        var successions = await db
            .UnitSuccessions.AsNoTracking()
            .Where(s => formed.Contains(s.SuccessorId))
            .Include(s => s.Predecessor)
            .ToListAsync(ct);
        var ids = communes.Where(InForce).Select(c => c.Id).Concat(successions.Select(s => s.PredecessorId)).Distinct().ToList();
        var approved = await db
            .PovertyResults.AsNoTracking()
            .Where(r => r.Year == year - 1 && r.Status == PovertyResult.Approved && ids.Contains(r.UnitId))
            .ToDictionaryAsync(r => r.UnitId, ct);
        var answer = new Dictionary<int, (Totals?, string?)>();
        foreach (var c in communes)
        {
            if (InForce(c))
            {
                answer[c.Id] = approved.TryGetValue(c.Id, out var same) ? (Sum([same]), null) : (null, null);
                continue;
            }
            var from = successions.Where(s => s.SuccessorId == c.Id).ToList();
            if (from.Count == 0)
            {
                answer[c.Id] = (null, $"Không có đơn vị tiền thân trong dữ liệu sắp xếp; không so sánh được với năm {year - 1}.");
                continue;
            }
            var split = from.Where(s => s.Type == SuccessionType.Partial).Select(s => s.Predecessor).ToList();
            if (split.Count > 0)
            {
                answer[c.Id] = (
                    null,
                    $"{Names(split)} được chia cho nhiều xã mới; dữ liệu sắp xếp không cho tỷ lệ chia nên không tính được tỷ lệ năm {year - 1}."
                );
                continue;
            }
            var missing = from.Where(s => !approved.ContainsKey(s.PredecessorId)).Select(s => s.Predecessor).ToList();
            answer[c.Id] =
                missing.Count > 0
                    ? (null, $"Chưa có kết quả đã phê duyệt năm {year - 1} của {Names(missing)} (xã cũ hợp thành).")
                    : (
                        Sum(from.Select(s => approved[s.PredecessorId])),
                        $"Năm {year - 1}: tổng của {from.Count} xã cũ hợp thành ({Names(from.Select(s => s.Predecessor))})."
                    );
        }
        return answer;
    }

    private static string Names(IEnumerable<AdministrativeUnit> units) =>
        string.Join(", ", units.OrderBy(u => u.Code, StringComparer.Ordinal).Select(u => $"{u.FullName} ({u.Code})"));
}
