using Microsoft.EntityFrameworkCore;
using Mtqg.Data.Poverty;
using Mtqg.Data.Units;
using Mtqg.Domain.Common;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Web.Features.Poverty;

/// <summary>What a province's workbook came to: how many results were written, left as they were (the same counts) and
/// rows left empty; or every problem by cell (nothing written); or the gate's refusal.</summary>
public sealed record PovertyUpload(
    PovertyUploadView? Done,
    Outcome Outcome,
    IReadOnlyList<ExcelProblem> Problems,
    UploadRefusal? Refusal = null
);

/// <summary>The answer to a province's workbook: results written (drafts), results with the same counts left alone, communes left empty.</summary>
public sealed record PovertyUploadView(int Written, int Unchanged, int Empty, string Message);

/// <summary>The whole province's review results loaded from Excel by its coordination office (issue 15 item 2).</summary>
public sealed partial class PovertyService
{
    /// <summary>The province of the code that year and its communes, if the account is its coordination office (or an administrator).</summary>
    public async Task<(AdministrativeUnit? Province, List<AdministrativeUnit> Communes, Outcome Outcome)> MayLoadAsync(
        string code,
        int year,
        CancellationToken ct
    )
    {
        if (!InputRange.IsYear(year))
            return (
                null,
                [],
                Outcome.Invalid(InputRange.YearMessage("Năm", year), [new Problem("year", InputRange.YearMessage("Năm", year))])
            );
        var (province, communes) = await ProvinceCommunesAsync(code, year, false, ct);
        if (province is null)
            return (null, [], Outcome.NotFound($"Không có tỉnh mã \"{code}\" có hiệu lực năm {year}."));
        if (!access.CanManageProvince(code))
            return (
                province,
                communes,
                Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {code} (và quản trị viên) nạp kết quả rà soát hộ nghèo của cả tỉnh.")
            );
        if (await closing.LockedAsync(province.Code, province.ValidTo, year, Closing.ClosedPart.Poverty, ct) is { } locked)
            return (province, communes, locked);
        return (province, communes, Outcome.Done);
    }

    /// <summary>The province's results of the year as a workbook (readers of the province); null with the refusal otherwise.</summary>
    public async Task<(byte[]? Workbook, Outcome Outcome)> WorkbookAsync(string code, int year, CancellationToken ct)
    {
        var (summary, outcome) = await ProvinceAsync(code, year, ct);
        if (summary is null)
            return (null, outcome);
        var (_, communes) = await ProvinceCommunesAsync(code, year, false, ct);
        var ids = communes.Select(c => c.Id).ToList();
        var results = await db
            .PovertyResults.AsNoTracking()
            .Where(r => r.Year == year && ids.Contains(r.UnitId))
            .ToDictionaryAsync(r => r.UnitId, ct);
        var lines = communes
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new PovertyWorkbook.Line(c.Code, c.FullName, results.TryGetValue(c.Id, out var r) ? View(r, c) : null))
            .ToList();
        return (PovertyWorkbook.Build(summary.ProvinceName, year, standards.Of(year), lines), Outcome.Done);
    }

    /// <summary>
    /// Enters the drafts of a whole province from a workbook the gate has received: read under the parse time limit, every
    /// row checked as PUT checks it, a commune not of the province, twice in the file or approved and changed named by
    /// cell; all or nothing.
    /// </summary>
    public async Task<PovertyUpload> UploadAsync(string code, int year, Stream file, UploadGate gate, CancellationToken ct)
    {
        var (_, communes, may) = await MayLoadAsync(code, year, ct);
        if (!may.IsDone)
            return new(null, may, []);
        if (file.Length == 0)
            return new(null, Outcome.Invalid("Tệp rỗng.", [new Problem("file", "Tệp rỗng: chọn tệp .xlsx kết quả rà soát hộ nghèo.")]), []);
        if (gate.Scan(file, false, ct) is { } outside)
            return new(null, Outcome.Rejected(outside.Message), [], outside);
        file.Position = 0;
        PovertyWorkbook.ReadResult read;
        using (var budget = gate.StartParse(ct))
        {
            try
            {
                read = PovertyWorkbook.Read(file, budget.Token);
            }
            catch (OperationCanceledException) when (budget.Token.IsCancellationRequested && budget.Refusal is { } stopped)
            {
                return new(null, Outcome.Rejected(stopped.Message), [], stopped);
            }
        }
        var problems = read.Problems.ToList();
        var standard = standards.Of(year);
        var byCode = communes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var ids = communes.Select(c => c.Id).ToList();
        var existing = await db.PovertyResults.Where(r => r.Year == year && ids.Contains(r.UnitId)).ToDictionaryAsync(r => r.UnitId, ct);
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        var staged = new List<(AdministrativeUnit Commune, Counts Counts)>();
        var unchanged = 0;
        foreach (var (row, commune, input) in read.Rows)
        {
            if (!byCode.TryGetValue(commune, out var unit))
            {
                problems.Add(
                    PovertyWorkbook.Problem(
                        read.Header,
                        row,
                        PovertyWorkbook.CodeColumn,
                        $"Xã mã \"{commune}\" không thuộc tỉnh {code} ngày 31/12/{year}."
                    )
                );
                continue;
            }
            if (!firstRow.TryAdd(commune, row))
            {
                problems.Add(
                    PovertyWorkbook.Problem(
                        read.Header,
                        row,
                        PovertyWorkbook.CodeColumn,
                        $"{unit.FullName} có hai dòng (dòng {firstRow[commune]} và dòng {row}); mỗi xã một dòng."
                    )
                );
                continue;
            }
            var (counts, checks) = Check(input, year, standard);
            if (checks.Count > 0)
            {
                problems.AddRange(checks.DistinctBy(p => (p.Field, p.Message)).Select(p => PovertyWorkbook.Locate(read.Header, row, p)));
                continue;
            }
            var stored = existing.GetValueOrDefault(unit.Id);
            if (stored is not null && Same(stored, counts))
            {
                unchanged++;
                continue;
            }
            if (stored is { Status: PovertyResult.Approved })
            {
                problems.Add(
                    PovertyWorkbook.Problem(
                        read.Header,
                        row,
                        PovertyWorkbook.CodeColumn,
                        $"Kết quả năm {year} của {unit.FullName} đã được phê duyệt; Văn phòng Điều phối mở lại (kèm lý do) rồi mới sửa được."
                    )
                );
                continue;
            }
            staged.Add((unit, counts));
        }
        if (problems.Count > 0)
            return new(null, Outcome.Invalid($"Tệp kết quả rà soát có {problems.Count} lỗi; chưa có gì được ghi.", []), problems);
        foreach (var (unit, counts) in staged)
        {
            if (!existing.TryGetValue(unit.Id, out var row))
                row = db.PovertyResults.Add(New(unit, year, standard!.Code)).Entity;
            Apply(row, counts, standard!.Code);
        }
        await db.SaveChangesAsync(ct);
        var message =
            $"Đã ghi kết quả rà soát hộ nghèo năm {year} của {staged.Count} xã (chờ phê duyệt)"
            + (unchanged > 0 ? $"; {unchanged} xã không đổi" : "")
            + (read.Empty > 0 ? $"; {read.Empty} xã để trống chưa nhập" : "")
            + ".";
        return new(new(staged.Count, unchanged, read.Empty, message), Outcome.Done, []);
    }

    private static PovertyResult New(AdministrativeUnit commune, int year, string standard) =>
        new()
        {
            UnitId = commune.Id,
            CommuneCode = commune.Code,
            ProvinceCode = commune.ProvinceCode,
            Year = year,
            StandardCode = standard,
            Status = PovertyResult.Draft,
        };

    /// <summary>Writes checked counts into a draft and stamps it.</summary>
    private void Apply(PovertyResult row, Counts counts, string standard)
    {
        row.StandardCode = standard;
        row.Households = counts.Households;
        row.Poor = counts.Poor;
        row.NearPoor = counts.NearPoor;
        row.PoorEthnicMinority = counts.PoorEthnicMinority;
        row.NearPoorEthnicMinority = counts.NearPoorEthnicMinority;
        row.EscapedPoverty = counts.EscapedPoverty;
        row.NewlyPoor = counts.NewlyPoor;
        row.Deprivations = Join(counts.Deprivations);
        Stamp(row);
    }

    private static bool Same(PovertyResult r, Counts c) =>
        r.Households == c.Households
        && r.Poor == c.Poor
        && r.NearPoor == c.NearPoor
        && r.PoorEthnicMinority == c.PoorEthnicMinority
        && r.NearPoorEthnicMinority == c.NearPoorEthnicMinority
        && r.EscapedPoverty == c.EscapedPoverty
        && r.NewlyPoor == c.NewlyPoor
        && r.Deprivations == Join(c.Deprivations);
}
