using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Units;
using Mtqg.Domain.Common;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Audit;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Scorecards.Evaluation;
using Mtqg.Web.Features.Scorecards.Values;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Scorecards.Excel;

public sealed record ExcelFile(string FileName, byte[] Content);

/// <summary>
/// What an upload changed (or, in a preview, would change): the data rows read, the communes with cells, the cells whose
/// value is new or different (<see cref="ValuesChanged"/>), the stored values removed with the clear word
/// (<see cref="ValuesCleared"/>), the cells equal to what is stored (<see cref="ValuesUnchanged"/>); per commune, and the
/// first <see cref="ScorecardExcelService.MaxChangesListed"/> changed or cleared cells (old → new) of <see cref="ChangesTotal"/>.
/// <see cref="Written"/> is false for a preview (nothing written).
/// </summary>
public sealed record UploadReport(
    string Province,
    int Year,
    string Set,
    int Rows,
    int Communes,
    int ValuesChanged,
    int ValuesCleared,
    int ValuesUnchanged,
    bool Written,
    double Seconds,
    IReadOnlyList<CommuneChanges> ByCommune,
    IReadOnlyList<CellChange> Changes,
    int ChangesTotal
);

/// <summary>One commune's counts in an upload.</summary>
public sealed record CommuneChanges(string Code, string Name, int Changed, int Cleared, int Unchanged);

/// <summary>One changed or cleared cell: the value stored before and the value of the file (null: none), as numbers and as shown.</summary>
public sealed record CellChange(
    string Commune,
    string CommuneName,
    string Indicator,
    string Cell,
    decimal? Old,
    decimal? New,
    string OldText,
    string NewText
);

/// <summary>
/// The result of an upload: a report, or every problem found (nothing written), or the communes the
/// account may not enter values for, or another refusal (unknown province or set).
/// </summary>
public sealed record UploadOutcome(
    UploadReport? Report,
    Outcome Outcome,
    IReadOnlyList<ExcelProblem> Problems,
    IReadOnlyList<UnitRef> Forbidden,
    UploadRefusal? Refusal = null
)
{
    public static UploadOutcome Refused(Outcome outcome) => new(null, outcome, [], []);

    /// <summary>Refused by the upload gate (permission, bytes, a bound of the file's structure, the time limit): nothing read further.</summary>
    public static UploadOutcome Refused(UploadRefusal refusal) =>
        new(
            null,
            refusal.Status == StatusCodes.Status403Forbidden
                ? Outcome.Forbidden(refusal.Message)
                : Outcome.Invalid(refusal.Message, [new Problem("file", refusal.Message)]),
            [],
            [],
            refusal
        );
}

/// <summary>
/// Excel in and out for province-year indicator values: the values workbook, the evaluated results,
/// and the upload that checks every cell before writing anything, then writes in one transaction.
/// </summary>
public sealed partial class ScorecardExcelService(
    AppDbContext db,
    ScorecardService scorecards,
    EvaluationService evaluations,
    TimeProvider clock,
    AuditActor actor,
    CurrentUser user,
    AccessPolicy access,
    UploadGate gate,
    Closing.PeriodClosingService closing
)
{
    /// <summary>More problems than this are counted but not listed: a wrong file would otherwise list every cell.</summary>
    public const int MaxProblemsListed = 1000;

    /// <summary>A preview lists this many changed cells (old → new) and counts the rest.</summary>
    public const int MaxChangesListed = 200;

    public async Task<(ExcelFile? File, Outcome Outcome)> ValuesWorkbookAsync(
        string provinceCode,
        int year,
        string? setCode,
        CancellationToken ct
    )
    {
        var (set, province, outcome) = await ScopeAsync(provinceCode, year, setCode, ct);
        if (set is null || province is null)
            return (null, outcome);
        var communes = Communes(provinceCode, year);
        var rows = await communes
            .OrderBy(u => u.Code)
            .Select(u => new
            {
                u.Id,
                u.Code,
                u.FullName,
            })
            .ToListAsync(ct);
        // By commune through the (UnitId, Year, IndicatorId) index: the province's own rows, not the country's year.
        var ids = rows.Select(r => r.Id).ToList();
        var values = (
            await db
                .IndicatorValues.AsNoTracking()
                .Where(v => EF.Parameter(ids).Contains(v.UnitId) && v.Year == year)
                .Select(v => new
                {
                    v.UnitId,
                    v.IndicatorId,
                    v.Value,
                })
                .ToListAsync(ct)
        ).Where(v => set.IndicatorsById.ContainsKey(v.IndicatorId)).ToLookup(v => v.UnitId);
        var groups = await db
            .GroupAssignments.AsNoTracking()
            .Where(a => a.CriteriaSetId == set.Id && EF.Parameter(ids).Contains(a.UnitId))
            .ToDictionaryAsync(a => a.UnitId, a => a.GroupId, ct);
        var model = new ValuesWorkbookModel(
            province.Code,
            province.Name,
            year,
            set.Code,
            set.Name,
            set.Evaluation,
            set.GroupIds.Keys.Order(StringComparer.Ordinal).ToList(),
            rows.Select(c => new WorkbookCommune(
                    c.Code,
                    c.FullName,
                    groups.TryGetValue(c.Id, out var g) ? set.GroupCodes[g] : null,
                    values[c.Id].ToDictionary(v => set.IndicatorsById[v.IndicatorId].Code, v => v.Value)
                ))
                .ToList()
        );
        return (new ExcelFile(ValuesWorkbook.FileName(province.Code, year, set.Code), ValuesWorkbook.Build(model)), Outcome.Done);
    }

    public async Task<(ExcelFile? File, Outcome Outcome)> ResultsWorkbookAsync(
        string provinceCode,
        int year,
        string? setCode,
        CancellationToken ct
    )
    {
        var (set, province, outcome) = await ScopeAsync(provinceCode, year, setCode, ct);
        if (set is null || province is null)
            return (null, outcome);
        var results = await evaluations.EvaluateAsync(set, year, province.Code, ct);
        var model = new ResultsWorkbookModel(
            province.Code,
            province.Name,
            year,
            set.Code,
            set.Name,
            set.Evaluation,
            clock.GetUtcNow().UtcDateTime,
            results.Select(r => new EvaluatedCommune(r.Commune.Code, r.Commune.Name, r.Card)).ToList()
        );
        return (
            new ExcelFile(ValuesWorkbook.FileName(province.Code, year, set.Code, "ket-qua"), ResultsWorkbook.Build(model)),
            Outcome.Done
        );
    }

    /// <summary>
    /// The national commune × criterion matrix: every rural commune in force on 31 December of the year
    /// (the 63 provinces' communes before the reform, the 34 provinces' after), evaluated in one pass.
    /// </summary>
    public async Task<(ExcelFile? File, Outcome Outcome)> NationalResultsWorkbookAsync(int year, string? setCode, CancellationToken ct)
    {
        var (set, outcome) = await scorecards.SetForAsync(setCode, year, ct);
        if (set is null)
            return (null, outcome);
        var provinces = await UnitService
            .InForce(db.Units.AsNoTracking(), ScorecardService.YearEnd(year))
            .Where(u => u.Level == UnitLevel.Province)
            .OrderBy(u => u.Code)
            .Select(u => new { u.Code, u.FullName })
            .ToListAsync(ct);
        // Province by province, keeping of each scorecard only what the sheet shows (criterion statuses, not
        // the indicator rows): the whole country's full scorecards at once would be most of the process's memory.
        // A criterion with a status is one object for every commune that has it (they differ only by status), so a
        // commune keeps an array of references, not a copy of each criterion (7,692 communes × 19 criteria in 2024).
        var shared = new Dictionary<(int Number, EvaluationStatus Status), CriterionResult>();
        CriterionResult Shared(CriterionResult c) =>
            shared.TryGetValue((c.Number, c.Status), out var one) ? one : shared[(c.Number, c.Status)] = c with { Indicators = [] };
        var communes = new List<EvaluatedCommune>();
        foreach (var province in provinces)
        foreach (var (commune, card, _) in await evaluations.EvaluateAsync(set, year, province.Code, ct))
            communes.Add(
                new EvaluatedCommune(
                    commune.Code,
                    commune.Name,
                    card with
                    {
                        Criteria = [.. card.Criteria.Select(Shared)],
                    },
                    province.FullName
                )
            );
        communes.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        var model = new ResultsWorkbookModel(
            NationalCode,
            "Toàn quốc",
            year,
            set.Code,
            set.Name,
            set.Evaluation,
            clock.GetUtcNow().UtcDateTime,
            communes
        );
        return (
            new ExcelFile(ValuesWorkbook.FileName(NationalCode, year, set.Code, "ket-qua"), ResultsWorkbook.Build(model)),
            Outcome.Done
        );
    }

    /// <summary>Stands for the whole country where a province code goes (file name, notes).</summary>
    public const string NationalCode = "toan-quoc";

    /// <summary>The set (named, or the default for the year) and the province in force on 31 December of the year.</summary>
    public async Task<(LoadedSet? Set, UnitRef? Province, Outcome Outcome)> ScopeAsync(
        string provinceCode,
        int year,
        string? setCode,
        CancellationToken ct
    )
    {
        var (set, outcome) = await scorecards.SetForAsync(setCode, year, provinceCode, ct);
        if (set is null)
            return (null, null, outcome);
        var province = await UnitService
            .InForce(db.Units.AsNoTracking(), ScorecardService.YearEnd(year))
            .Where(u => u.Code == provinceCode && u.Level == UnitLevel.Province)
            .Select(u => new UnitRef(u.Code, u.FullName))
            .FirstOrDefaultAsync(ct);
        return province is null
            ? (set, null, Outcome.NotFound($"Không có tỉnh, thành phố mã \"{provinceCode}\" có hiệu lực ngày 31/12/{year}."))
            : (set, province, Outcome.Done);
    }

    private static string NoRight(UnitRef province, int year) =>
        $"Tài khoản không có quyền nhập số liệu của xã nào thuộc {province.Name} năm {year}; tệp không được đọc, chưa có gì được ghi.";

    /// <summary>The rural communes (xã, đặc khu) of the province in force on 31 December of the year.</summary>
    private IQueryable<AdministrativeUnit> Communes(string provinceCode, int year) =>
        UnitService
            .InForce(db.Units.AsNoTracking(), ScorecardService.YearEnd(year))
            .Where(u =>
                u.Level == UnitLevel.Commune && u.ProvinceCode == provinceCode && (u.Kind == UnitKind.Xa || u.Kind == UnitKind.DacKhu)
            );

    private static UploadFormat? Format(string fileName, Stream file)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".csv")
            return UploadFormat.Csv;
        if (extension == ".xls")
            return null;
        if (!file.CanSeek)
            return extension == ".xlsx" ? UploadFormat.Xlsx : null;
        // An .xlsx is a zip package: "PK".
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        var zip = read == 2 && magic[0] == (byte)'P' && magic[1] == (byte)'K';
        return zip ? UploadFormat.Xlsx
            : extension == ".xlsx" ? UploadFormat.Xlsx
            : null;
    }

    private static IEnumerable<ExcelProblem> StampProblems(WorkbookStamp stamp, string provinceCode, int year, string setCode)
    {
        var guide = ValuesWorkbook.GuideSheet;
        const string fix = "Hãy tải tệp mẫu đúng tỉnh, năm, bộ tiêu chí (hoặc xóa trang Hướng dẫn nếu cố ý dùng tệp này).";
        if (stamp.SetCode is { Length: > 0 } s && !s.Equals(setCode, StringComparison.OrdinalIgnoreCase))
            yield return new ExcelProblem(
                guide,
                null,
                ValuesWorkbook.SetLabel,
                null,
                $"Tệp được tải cho bộ tiêu chí {s}, không phải {setCode}: mã chỉ tiêu của hai bộ có thể trùng nhưng khác nghĩa. {fix}"
            );
        if (stamp.ProvinceCode is { Length: > 0 } p && p != provinceCode)
            yield return new ExcelProblem(
                guide,
                null,
                ValuesWorkbook.ProvinceLabel,
                null,
                $"Tệp được tải cho tỉnh mã {p}, không phải {provinceCode}. {fix}"
            );
        if (stamp.Year is { Length: > 0 } y && y != year.ToString(CultureInfo.InvariantCulture))
            yield return new ExcelProblem(
                guide,
                null,
                ValuesWorkbook.YearLabel,
                null,
                $"Tệp được tải cho năm {y}, không phải {year}. {fix}"
            );
    }

    /// <summary>"Dòng 7, cột 1.2 (D7): …" — the whole location in one sentence, for the errors map.</summary>
    public static string Describe(ExcelProblem p) =>
        (p.Row, p.Column) switch
        {
            (int row, string column) => $"Dòng {row}, cột {column}{(p.Cell is null ? "" : $" ({p.Cell})")}: {p.Message}",
            (int row, null) => $"Dòng {row}: {p.Message}",
            (null, string column) => $"{column}: {p.Message}",
            _ => p.Message,
        };

    private static (int, string) ColumnOrder(string? cell)
    {
        var letters = new string((cell ?? "").TakeWhile(char.IsAsciiLetter).ToArray());
        return (letters.Length, letters);
    }
}
