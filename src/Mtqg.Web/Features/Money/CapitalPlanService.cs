using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Money;
using Mtqg.Domain.Common;
using Mtqg.Domain.Money;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;

namespace Mtqg.Web.Features.Money;

/// <summary>A row of a capital plan as sent: programme and component codes, source code, commune code, amount in whole đồng.</summary>
public sealed record CapitalRowInput(string? Programme, string? Component, string? Source, string? CommuneCode, long? Amount);

/// <summary>PUT …/capital: the whole plan of the province-year, which replaces the one before (as a new version).</summary>
public sealed record CapitalPlanInput(List<CapitalRowInput?>? Rows);

public sealed record CapitalRowView(string Programme, string? Component, string Source, string? CommuneCode, long Amount);

/// <summary>The newest version of a province-year's plan (version null: none yet), its rows and totals.</summary>
public sealed record CapitalPlanView(
    string Province,
    int Year,
    int? Version,
    DateTime? At,
    string? By,
    IReadOnlyList<CapitalRowView> Rows,
    CapitalTotals Totals
);

public sealed record CapitalVersionView(int Version, DateTime At, string By, long Total, int Rows);

/// <summary>
/// Capital plans per province and year (DESIGN §11): each replacement is checked whole and kept as a new version; the
/// province's coordination office writes, its office, appraisers and viewers read (decision 0017).
/// </summary>
public sealed partial class CapitalPlanService(
    AppDbContext db,
    AccessPolicy access,
    ProgrammeService programmes,
    TimeProvider clock,
    Closing.PeriodClosingService closing
)
{
    /// <summary>At most this many đồng in one row (a thousand trillion), so that no total can overflow.</summary>
    public const long MaxAmount = 1_000_000_000_000_000;

    public const int MaxRows = 5_000;

    public Task<bool> IsProvinceAsync(string province, CancellationToken ct) =>
        Units.UnitService.IsProvinceNowAsync(db.Units, province, ct);

    /// <summary>Whether the current account may read (<paramref name="write"/> false) or write the plan; refused with why.</summary>
    public async Task<Outcome> MayAsync(string province, int year, bool write, CancellationToken ct)
    {
        if (!InputRange.IsYear(year))
            return Outcome.Invalid(InputRange.YearMessage("Năm", year), [new Problem("year", InputRange.YearMessage("Năm", year))]);
        if (!await IsProvinceAsync(province, ct))
            return Outcome.NotFound($"Không có tỉnh mã \"{province}\".");
        if (write && !access.CanWriteCapital(province))
            return Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {province} (và quản trị viên) lập kế hoạch vốn của tỉnh.");
        if (!write && !access.CanReadCapital(province))
            return Outcome.Forbidden(
                $"Chỉ Văn phòng Điều phối, thẩm định viên và người xem của tỉnh {province} (và quản trị viên) xem được kế hoạch vốn của tỉnh."
            );
        return write ? await closing.LockedAsync(province, year, Closing.ClosedPart.Money, ct) ?? Outcome.Done : Outcome.Done;
    }

    /// <summary>The newest version of the plan, or <paramref name="version"/>; refused when the account may not read it.</summary>
    public async Task<(CapitalPlanView? Plan, Outcome Outcome)> GetAsync(string province, int year, int? version, CancellationToken ct)
    {
        var may = await MayAsync(province, year, false, ct);
        if (!may.IsDone)
            return (null, may);
        var query = db.CapitalPlanVersions.AsNoTracking().Where(v => v.ProvinceCode == province && v.Year == year);
        query = version is { } n ? query.Where(v => v.Number == n) : query.OrderByDescending(v => v.Number);
        var found = await query.Include(v => v.Rows).FirstOrDefaultAsync(ct);
        if (found is null && version is not null)
            return (null, Outcome.NotFound($"Kế hoạch vốn của tỉnh {province} năm {year} không có phiên bản {version}."));
        var rows = (found?.Rows ?? [])
            .OrderBy(r => r.Position)
            .Select(r => new CapitalRowView(r.ProgrammeCode, r.ComponentCode, r.Source, r.CommuneCode, r.Amount))
            .ToList();
        return (
            new CapitalPlanView(province, year, found?.Number, found is null ? null : Utc(found.At), found?.ByName, rows, Totals(rows)),
            Outcome.Done
        );
    }

    /// <summary>Times are stored in UTC; SQLite gives them back without their kind.</summary>
    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);

    public static CapitalTotals Totals(IEnumerable<CapitalRowView> rows) =>
        CapitalTotals.Of(rows.Select(r => (r.Programme, r.Source, r.Amount)));

    public async Task<(List<CapitalVersionView>? Versions, Outcome Outcome)> VersionsAsync(string province, int year, CancellationToken ct)
    {
        var may = await MayAsync(province, year, false, ct);
        if (!may.IsDone)
            return (null, may);
        var versions = await db
            .CapitalPlanVersions.AsNoTracking()
            .Where(v => v.ProvinceCode == province && v.Year == year)
            .OrderByDescending(v => v.Number)
            .Select(v => new CapitalVersionView(v.Number, v.At, v.ByName, v.Total, v.Rows.Count))
            .ToListAsync(ct);
        versions = [.. versions.Select(v => v with { At = Utc(v.At) })];
        return (versions, Outcome.Done);
    }

    /// <summary>Replaces the plan with <paramref name="input"/>, all or nothing: every bad row named by its index.</summary>
    public async Task<(int? Version, Outcome Outcome)> ReplaceAsync(string province, int year, CapitalPlanInput input, CancellationToken ct)
    {
        var may = await MayAsync(province, year, true, ct);
        if (!may.IsDone)
            return (null, may);
        var (rows, problems) = await CheckAsync(province, year, input.Rows, ct);
        if (problems.Count > 0)
            return (null, Outcome.Invalid($"Kế hoạch vốn có {problems.Count} lỗi; chưa có gì được ghi.", problems));
        return await WriteAsync(province, year, rows, ct);
    }

    private async Task<(int? Version, Outcome Outcome)> WriteAsync(
        string province,
        int year,
        List<CapitalRowView> rows,
        CancellationToken ct
    )
    {
        var last = await db.CapitalPlanVersions.Where(v => v.ProvinceCode == province && v.Year == year).MaxAsync(v => (int?)v.Number, ct)
            ?? 0;
        var version = new CapitalPlanVersion
        {
            ProvinceCode = province,
            Year = year,
            Number = last + 1,
            ByUserName = access.User.UserName ?? "?",
            ByName = access.User.DisplayName,
            At = clock.GetUtcNow().UtcDateTime,
            Total = Totals(rows).Total,
            Rows = rows.Select(
                    (r, i) =>
                        new CapitalPlanRow
                        {
                            Position = i,
                            ProgrammeCode = r.Programme,
                            ComponentCode = r.Component,
                            Source = r.Source,
                            CommuneCode = r.CommuneCode,
                            Amount = r.Amount,
                        }
                )
                .ToList(),
        };
        db.CapitalPlanVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (null, Outcome.Conflict($"Có người vừa lưu kế hoạch vốn của tỉnh {province} năm {year}; tải lại rồi gửi lại."));
        }
        return (version.Number, Outcome.Done);
    }

    /// <summary>Every problem of the rows (field <c>rows[i].programme</c> …), and the rows as they will be stored.</summary>
    public async Task<(List<CapitalRowView> Rows, List<Problem> Problems)> CheckAsync(
        string province,
        int year,
        IReadOnlyList<CapitalRowInput?>? input,
        CancellationToken ct,
        IReadOnlyList<int>? rowNumbers = null
    )
    {
        // Rows are named 1, 2, … as sent, or by their row in a workbook.
        int No(int i) => rowNumbers is null ? i + 1 : rowNumbers[i];
        var problems = new List<Problem>();
        var rows = new List<CapitalRowView>();
        if (input is null)
            return (rows, [new Problem("rows", "Thiếu danh sách dòng kế hoạch vốn (rows); gửi [] để kế hoạch không còn dòng nào.")]);
        if (input.Count > MaxRows)
            return (rows, [new Problem("rows", $"Kế hoạch vốn có {input.Count:N0} dòng; tối đa {MaxRows:N0} dòng.")]);
        var catalogue = await programmes.CatalogueAsync(ct);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var communeCodes = input.Select(r => r?.CommuneCode?.Trim()).Where(c => !string.IsNullOrEmpty(c)).Distinct().ToList();
        var communes = (
            await db
                .Units.AsNoTracking()
                .Where(u => communeCodes.Contains(u.Code) && u.Level == UnitLevel.Commune && u.ProvinceCode == province)
                .Where(u => (u.ValidFrom == null || u.ValidFrom <= last) && (u.ValidTo == null || u.ValidTo >= first))
                .Select(u => u.Code)
                .ToListAsync(ct)
        ).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<(string, string?, string, string?), int>();
        for (var i = 0; i < input.Count; i++)
        {
            var at = $"rows[{i}]";
            if (input[i] is not { } row)
            {
                problems.Add(new(at, $"Dòng {No(i)}: trống."));
                continue;
            }
            var before = problems.Count;
            var code = row.Programme?.Trim() ?? "";
            var component = string.IsNullOrWhiteSpace(row.Component) ? null : row.Component.Trim();
            var commune = string.IsNullOrWhiteSpace(row.CommuneCode) ? null : row.CommuneCode.Trim();
            var source = CapitalSource.Parse(row.Source);
            if (code.Length == 0)
                problems.Add(new($"{at}.programme", $"Dòng {No(i)}: thiếu mã chương trình."));
            else if (!catalogue.TryGetValue(code, out var programme))
                problems.Add(new($"{at}.programme", $"Dòng {No(i)}: không có chương trình mã \"{code}\"."));
            else if (!programme.Programme.InForceIn(year))
                problems.Add(
                    new(
                        $"{at}.programme",
                        $"Dòng {No(i)}: chương trình {code} có hiệu lực {programme.Programme.ValidFrom.Year}–{programme.Programme.ValidTo.Year}, không có trong năm {year}."
                    )
                );
            else if (component is not null && !programme.Components.Contains(component))
                problems.Add(
                    new(
                        $"{at}.component",
                        $"Dòng {No(i)}: chương trình {code} không có nội dung thành phần \"{component}\""
                            + (
                                programme.Components.Count == 0
                                    ? " (chương trình chưa có nội dung thành phần nào)."
                                    : $" (có: {string.Join(", ", programme.Components.OrderBy(c => c.Length).ThenBy(c => c, StringComparer.Ordinal))})."
                            )
                    )
                );
            if (source is null)
                problems.Add(
                    new(
                        $"{at}.source",
                        $"Dòng {No(i)}: nguồn vốn \"{row.Source}\" không có; dùng một trong: {string.Join(", ", CapitalSource.All.Select(s => s.Code))}."
                    )
                );
            if (commune is not null && !communes.Contains(commune))
                problems.Add(new($"{at}.communeCode", $"Dòng {No(i)}: xã mã \"{commune}\" không thuộc tỉnh {province} trong năm {year}."));
            if (row.Amount is not { } amount)
                problems.Add(new($"{at}.amount", $"Dòng {No(i)}: thiếu số tiền (đồng, số nguyên không âm)."));
            else if (amount < 0)
                problems.Add(new($"{at}.amount", $"Dòng {No(i)}: số tiền {amount} âm; số tiền là số đồng, không âm."));
            else if (amount > MaxAmount)
                problems.Add(new($"{at}.amount", $"Dòng {No(i)}: số tiền {amount} đồng vượt mức tối đa {MaxAmount} đồng của một dòng."));
            if (problems.Count > before)
                continue;
            if (seen.TryGetValue((code, component, source!, commune), out var earlier))
            {
                problems.Add(
                    new(
                        at,
                        $"Dòng {No(i)} trùng dòng {No(earlier)} (cùng chương trình, nội dung, nguồn vốn và xã); gộp số tiền vào một dòng."
                    )
                );
                continue;
            }
            seen[(code, component, source!, commune)] = i;
            rows.Add(new CapitalRowView(code, component, source!, commune, row.Amount!.Value));
        }
        return (rows, problems);
    }
}
