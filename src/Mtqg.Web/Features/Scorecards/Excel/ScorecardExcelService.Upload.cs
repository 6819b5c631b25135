using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data.Units;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Scorecards.Evaluation;
using Mtqg.Web.Features.Scorecards.Values;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Scorecards.Excel;

/// <summary>Uploading a values workbook: permission and bounds first, then every cell checked, then all values written in one transaction.</summary>
public sealed partial class ScorecardExcelService
{
    /// <summary>The byte limit of a values file (<c>Mtqg:Uploads:WorkbookMegabytes</c>).</summary>
    public long MaxBytes => gate.WorkbookBytes;

    /// <summary>
    /// Before a values file is read: the province and set exist (else the outcome), and the account may enter values for
    /// some commune of the province (else the 403 refusal).
    /// </summary>
    public async Task<(UploadRefusal? Refusal, Outcome Outcome)> MayUploadAsync(
        string provinceCode,
        int year,
        string? setCode,
        CancellationToken ct
    )
    {
        var (set, province, outcome) = await ScopeAsync(provinceCode, year, setCode, ct);
        if (set is null || province is null)
            return (null, outcome);
        if (!await access.CanEnterValuesInProvinceAsync(province.Code, year, ct))
            return (UploadGate.Forbidden(NoRight(province, year)), outcome);
        return await closing.LockedAsync(province.Code, new DateOnly(year, 12, 31), year, Closing.ClosedPart.Values, ct) is { } locked
            ? (Closing.PeriodClosingService.Refusal(locked), outcome)
            : (null, Outcome.Done);
    }

    /// <summary>
    /// Reads the file, checks every cell and every commune row, then (only when all is clean and the
    /// account may enter values for every commune in it) writes the cells that change in one transaction:
    /// a set-based delete, then one bulk insert. A <paramref name="preview"/> runs every check and
    /// computes the changes against the stored values, and writes nothing.
    /// </summary>
    public async Task<UploadOutcome> UploadAsync(
        string provinceCode,
        int year,
        string? setCode,
        Stream file,
        string fileName,
        CancellationToken ct,
        bool preview = false
    )
    {
        var watch = Stopwatch.StartNew();
        var (set, province, outcome) = await ScopeAsync(provinceCode, year, setCode, ct);
        if (set is null || province is null)
            return UploadOutcome.Refused(outcome);
        // The upload gate (decision 0018): permission, bytes, the file's structure, then a time-bounded parse.
        if (!await access.CanEnterValuesInProvinceAsync(province.Code, year, ct))
            return UploadOutcome.Refused(UploadGate.Forbidden(NoRight(province, year)));
        if (await closing.LockedAsync(province.Code, new DateOnly(year, 12, 31), year, Closing.ClosedPart.Values, ct) is { } locked)
            return UploadOutcome.Refused(Closing.PeriodClosingService.Refusal(locked));
        if (!file.CanSeek)
        {
            // The gate measures the file before the parse reads it: a stream read once is kept (bounded) to be read twice.
            var kept = new MemoryStream();
            try
            {
                await new BoundedStream(
                    file,
                    gate.WorkbookBytes,
                    UploadGate.TooLarge(gate.WorkbookBytes, UploadGate.WorkbookSetting)
                ).CopyToAsync(kept, ct);
            }
            catch (UploadRefusedException e)
            {
                return UploadOutcome.Refused(e.Refusal);
            }
            kept.Position = 0;
            file = kept;
        }
        if (file.Length > gate.WorkbookBytes)
            return UploadOutcome.Refused(UploadGate.TooLarge(gate.WorkbookBytes, UploadGate.WorkbookSetting));
        if (file.Length == 0)
        {
            const string empty = "Tệp rỗng: chọn tệp .xlsx hoặc .csv có số liệu.";
            return UploadOutcome.Refused(Outcome.Invalid(empty, [new Problem("file", empty)]));
        }
        var format = Format(fileName, file);
        if (format is null)
        {
            const string message = "Tệp phải là Excel (.xlsx) hoặc CSV (.csv). Tệp Excel 97–2003 (.xls) hãy lưu lại thành .xlsx.";
            return UploadOutcome.Refused(Outcome.Invalid(message, [new Problem("file", message)]));
        }
        if (gate.Scan(file, format == UploadFormat.Csv, ct) is { } outside)
            return UploadOutcome.Refused(outside);

        ParsedFile parsed;
        using (var budget = gate.StartParse(ct))
        {
            try
            {
                parsed = ValuesSheetReader.Read(file, format.Value, Path.GetFileName(fileName), set.Indicators, budget.Token);
            }
            catch (OperationCanceledException) when (budget.Token.IsCancellationRequested && budget.Refusal is { } stopped)
            {
                return UploadOutcome.Refused(stopped);
            }
        }
        if (set.Sourced.Count > 0)
        {
            // A value that follows the approved poverty result is never uploaded: a filled cell refuses the whole file; an empty
            // one (the column of a downloaded template) is left out rather than clearing anything.
            var typed = parsed.Rows.SelectMany(r => r.Cells).Where(c => c.Indicator.Source is not null && c.Value is not null).ToList();
            if (typed.Count > 0)
                return UploadOutcome.Refused(PovertySource.Refusal(typed.Select(c => c.Indicator)));
            parsed = parsed with
            {
                Rows = [.. parsed.Rows.Select(r => r with { Cells = [.. r.Cells.Where(c => c.Indicator.Source is null)] })],
            };
        }
        var problems = parsed.Problems.ToList();
        if (parsed.Stamp is { } stamp)
            problems.AddRange(StampProblems(stamp, province.Code, year, set.Code));

        var byCode = new Dictionary<string, AdministrativeUnit>();
        // In chunks: a province has a few hundred communes, but a wrong file may name thousands of codes.
        foreach (var codes in parsed.Rows.Select(r => r.CommuneCode).Distinct().Chunk(1000))
        foreach (
            var unit in await UnitService
                .InForce(db.Units.AsNoTracking(), ScorecardService.YearEnd(year))
                .Where(u => u.Level == UnitLevel.Commune && codes.Contains(u.Code))
                .ToListAsync(ct)
        )
            byCode[unit.Code] = unit;
        var writable = new List<(ParsedRow Row, AdministrativeUnit Commune)>();
        foreach (var row in parsed.Rows)
        {
            string? reason =
                !byCode.TryGetValue(row.CommuneCode, out var unit) ? $"Không có xã mã \"{row.CommuneCode}\" có hiệu lực ngày 31/12/{year}."
                : unit.ProvinceCode != province.Code ? $"{unit.FullName} ({unit.Code}) không thuộc {province.Name} ngày 31/12/{year}."
                : !unit.Kind.IsRural()
                    ? $"{unit.FullName} ({unit.Code}) là {unit.Kind.Label().ToLowerInvariant()}: bộ tiêu chí nông thôn mới chỉ áp dụng cho xã và đặc khu."
                : null;
            if (reason is null)
                writable.Add((row, unit!));
            else
                problems.Add(new ExcelProblem(parsed.Sheet, row.Row, ValuesWorkbook.CodeHeader, row.CodeCell, reason));
        }

        var forbidden = new List<UnitRef>();
        foreach (var (_, commune) in writable)
            if (!await scorecards.CanEnterValuesAsync(commune))
                forbidden.Add(new UnitRef(commune.Code, commune.FullName));
        if (forbidden.Count > 0)
        {
            var named =
                string.Join(", ", forbidden.Take(10).Select(c => $"{c.Name} ({c.Code})"))
                + (forbidden.Count > 10 ? $" và {forbidden.Count - 10} xã khác" : "");
            return new UploadOutcome(
                null,
                Outcome.Forbidden(
                    $"Tài khoản không có quyền nhập số liệu của {forbidden.Count} xã trong tệp: {named}. Chưa có gì được ghi."
                ),
                [],
                forbidden
            );
        }
        if (problems.Count == 0 && parsed.Rows.Count == 0)
            problems.Add(
                new ExcelProblem(parsed.Sheet, null, null, null, "Tệp không có dòng số liệu nào (mỗi dòng một xã, cột \"Mã xã\" bắt buộc).")
            );
        if (problems.Count > 0)
        {
            var ordered = problems.OrderBy(p => p.Row ?? 0).ThenBy(p => ColumnOrder(p.Cell)).ToList();
            var listed = ordered.Take(MaxProblemsListed).ToList();
            var message =
                $"Có {ordered.Count.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))} lỗi trong tệp; chưa có gì được ghi."
                + (ordered.Count > listed.Count ? $" Liệt kê {MaxProblemsListed} lỗi đầu tiên." : "");
            return new UploadOutcome(
                null,
                Outcome.Invalid(message, listed.Select(p => new Problem(p.Field, Describe(p))).ToList()),
                listed,
                []
            );
        }

        var changes = await ChangesAsync(year, writable, write: !preview, set.Code, ct);
        return new UploadOutcome(
            Report(province.Code, year, set.Code, parsed.Rows.Count, writable, changes, !preview, watch.Elapsed),
            Outcome.Done,
            [],
            []
        );
    }
}
