using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Money;
using Mtqg.Domain.Common;
using Mtqg.Domain.Money;

namespace Mtqg.Web.Features.Money.Projects;

public sealed partial class ProjectService
{
    /// <summary>Replaces the allocation of a project for a year; refused whole when it falls below what was already disbursed.</summary>
    public async Task<Outcome> AllocateAsync(int id, int year, AllocationInput input, CancellationToken ct)
    {
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
            return Outcome.NotFound($"Không có dự án số {id}.");
        if (!access.CanWriteProjects(project.ProvinceCode))
            return Outcome.Forbidden($"Chỉ Văn phòng Điều phối và Sở Tài chính của tỉnh {project.ProvinceCode} mới giao vốn cho dự án.");
        if (await closing.LockedAsync(project.ProvinceCode, year, Closing.ClosedPart.Money, ct) is { } locked)
            return locked;
        var problems = new List<Problem>();
        if (year < project.StartYear || year > project.EndYear)
            problems.Add(
                new("year", $"Dự án «{project.Name}» thực hiện {project.StartYear}–{project.EndYear}; không giao vốn năm {year} được.")
            );
        var amounts = CheckAmounts(input.Allocated, "allocated", "Vốn giao", problems);
        var existing = await db.ProjectAllocations.Where(a => a.ProjectId == id && a.Year == year).ToListAsync(ct);
        if (amounts is not null)
        {
            var disbursed = await LatestAsync(id, year, ct);
            foreach (var (source, cumulative) in disbursed)
            {
                var allocated = amounts.FirstOrDefault(a => a.Source == source)?.Amount ?? 0;
                if (cumulative > allocated)
                    problems.Add(
                        new(
                            $"allocated[{Math.Max(0, amounts.FindIndex(a => a.Source == source))}].amount",
                            $"Nguồn {CapitalSource.Label(source)} đã giải ngân {CapitalTotals.Millions(cumulative)} triệu đồng năm {year}; "
                                + $"vốn giao ({CapitalTotals.Millions(allocated)} triệu đồng) không thể thấp hơn."
                        )
                    );
            }
        }
        if (problems.Count > 0)
            return Outcome.Invalid($"Vốn giao năm {year} có {problems.Count} lỗi; chưa có gì được ghi.", problems);
        foreach (var row in existing.Where(e => amounts!.All(a => a.Source != e.Source)))
            db.ProjectAllocations.Remove(row);
        foreach (var amount in amounts!)
        {
            var row = existing.FirstOrDefault(e => e.Source == amount.Source);
            if (row is null)
                db.ProjectAllocations.Add(
                    new ProjectAllocation
                    {
                        ProjectId = id,
                        Project = project,
                        Year = year,
                        Source = amount.Source,
                        Amount = amount.Amount,
                    }
                );
            else
                row.Amount = amount.Amount;
        }
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>The latest cumulative disbursement of each source of a project in a year.</summary>
    private async Task<Dictionary<string, long>> LatestAsync(int id, int year, CancellationToken ct) =>
        (await db.ProjectDisbursements.AsNoTracking().Where(d => d.ProjectId == id && d.Year == year).ToListAsync(ct))
            .GroupBy(d => d.Source)
            .ToDictionary(g => g.Key, g => g.MaxBy(d => d.Month)!.Cumulative);

    /// <summary>"2025-03" as (2025, 3); null when not a month.</summary>
    public static (int Year, int Month)? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        && InputRange.IsYear(day.Year)
            ? (day.Year, day.Month)
            : null;

    /// <summary>
    /// Records the cumulative disbursement of a project at the end of a month, by source. Refused whole (nothing written):
    /// above the source's allocation that year, a month still to come, lower than an earlier month's (or than the figure
    /// it replaces) without a correction reason. A correction is kept: who, when, from what, why.
    /// </summary>
    public async Task<Outcome> DisburseAsync(int id, string month, DisbursementInput input, CancellationToken ct)
    {
        if (ParseMonth(month) is not var (year, m))
            return Outcome.Invalid("Tháng không hợp lệ.", [new("month", $"Tháng \"{month}\" phải có dạng yyyy-MM (ví dụ 2025-03).")]);
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
            return Outcome.NotFound($"Không có dự án số {id}.");
        if (!access.CanEnterDisbursement(project.ProvinceCode, project.InvestorCommuneCode))
            return Outcome.Forbidden(
                $"Chỉ chủ đầu tư là xã, Văn phòng Điều phối và Sở Tài chính của tỉnh {project.ProvinceCode} mới nhập giải ngân của dự án «{project.Name}»."
            );
        if (await closing.LockedAsync(project.ProvinceCode, year, Closing.ClosedPart.Money, ct) is { } locked)
            return locked;
        var problems = new List<Problem>();
        var today = Today;
        var label = $"{m:00}/{year}";
        if (year > today.Year || year == today.Year && m > today.Month)
            problems.Add(new("month", $"Tháng {label} chưa đến (hôm nay {VietnamTime.Format(today)}); chỉ nhập giải ngân đến tháng này."));
        var reason = string.IsNullOrWhiteSpace(input.Correction) ? null : input.Correction.Trim();
        if (reason is not null && InputText.Check("correction", "Lý do điều chỉnh", reason) is { } badReason)
            problems.Add(badReason);
        else if (reason is not null && db.TooLong((DisbursementCorrection c) => c.Reason, reason, "correction") is { } tooLong)
            problems.Add(tooLong);
        var amounts = CheckAmounts(input.Disbursed, "disbursed", "Giải ngân", problems);
        var allocations = await db
            .ProjectAllocations.AsNoTracking()
            .Where(a => a.ProjectId == id && a.Year == year)
            .ToDictionaryAsync(a => a.Source, a => a.Amount, ct);
        var rows = await db.ProjectDisbursements.Where(d => d.ProjectId == id && d.Year == year).ToListAsync(ct);
        var corrections = new List<DisbursementCorrection>();
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; amounts is not null && i < amounts.Count; i++)
        {
            var (source, amount) = (amounts[i].Source, amounts[i].Amount);
            var field = $"disbursed[{i}].amount";
            var what =
                $"Lũy kế giải ngân nguồn {CapitalSource.Label(source)} đến tháng {label} ({CapitalTotals.Millions(amount)} triệu đồng)";
            var allocated = allocations.GetValueOrDefault(source);
            if (amount > allocated)
                problems.Add(new(field, $"{what} vượt vốn giao năm {year} của nguồn đó ({CapitalTotals.Millions(allocated)} triệu đồng)."));
            var ofSource = rows.Where(r => r.Source == source).ToList();
            var earlier = ofSource.Where(r => r.Month < m).MaxBy(r => r.Month);
            var same = ofSource.FirstOrDefault(r => r.Month == m);
            var later = ofSource.Where(r => r.Month > m).MinBy(r => r.Month);
            var lowered =
                same is not null && amount < same.Cumulative ? same.Cumulative
                : earlier is not null && amount < earlier.Cumulative ? earlier.Cumulative
                : (long?)null;
            if (lowered is { } before && reason is null)
                problems.Add(
                    new(
                        field,
                        $"{what} thấp hơn đã báo ({CapitalTotals.Millions(before)} triệu đồng"
                            + (same is null ? $", tháng {earlier!.Month:00}/{year})" : ")")
                            + "; lũy kế chỉ giảm khi có lý do điều chỉnh (correction)."
                    )
                );
            else if (lowered is { } from)
                corrections.Add(Correction(id, year, m, source, from, amount, reason!, now));
            if (later is not null && amount > later.Cumulative && reason is null)
                problems.Add(
                    new(
                        field,
                        $"{what} cao hơn lũy kế đã báo tháng {later.Month:00}/{year} ({CapitalTotals.Millions(later.Cumulative)} triệu đồng); "
                            + "sửa tháng sau trước, hoặc nêu lý do điều chỉnh (correction)."
                    )
                );
        }
        if (problems.Count > 0)
            return Outcome.Invalid($"Giải ngân tháng {label} có {problems.Count} lỗi; chưa có gì được ghi.", problems);
        foreach (var (source, amount) in amounts!.Select(a => (a.Source, a.Amount)))
        {
            var row = rows.FirstOrDefault(r => r.Source == source && r.Month == m);
            if (row is null)
            {
                row = new ProjectDisbursement
                {
                    ProjectId = id,
                    Project = project,
                    Year = year,
                    Month = m,
                    Source = source,
                };
                db.ProjectDisbursements.Add(row);
                rows.Add(row);
            }
            (row.Cumulative, row.ByName, row.At) = (amount, access.User.DisplayName, now);
            Increments(rows.Where(r => r.Source == source));
        }
        db.DisbursementCorrections.AddRange(corrections);
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    private DisbursementCorrection Correction(
        int id,
        int year,
        int month,
        string source,
        long before,
        long after,
        string reason,
        DateTime at
    ) =>
        new()
        {
            ProjectId = id,
            Year = year,
            Month = month,
            Source = source,
            Before = before,
            After = after,
            Reason = reason,
            ByName = access.User.DisplayName,
            At = at,
        };

    /// <summary>Each month's increment over the month entered before it (the first month: its cumulative), so sums give the year and the curve.</summary>
    private static void Increments(IEnumerable<ProjectDisbursement> ofSource)
    {
        long previous = 0;
        foreach (var row in ofSource.OrderBy(r => r.Month))
            (row.Increment, previous) = (row.Cumulative - previous, row.Cumulative);
    }
}
