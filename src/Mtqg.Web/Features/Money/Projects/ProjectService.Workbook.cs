using Microsoft.EntityFrameworkCore;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Departments;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Web.Features.Money.Projects;

/// <summary>What an uploaded month sheet came to: the projects written, or every problem by cell (nothing written), or a refusal.</summary>
public sealed record MonthSheetUpload(int? Projects, Outcome Outcome, IReadOnlyList<ExcelProblem> Problems, UploadRefusal? Refusal = null);

public sealed partial class ProjectService
{
    /// <summary>Who may load a whole province's month: those who write its projects (the coordination office, finance, admin).</summary>
    public async Task<Outcome> MayLoadMonthAsync(string province, string month, CancellationToken ct)
    {
        if (ParseMonth(month) is not var (year, m))
            return Outcome.Invalid("Tháng không hợp lệ.", [new("month", $"Tháng \"{month}\" phải có dạng yyyy-MM (ví dụ 2025-03).")]);
        var today = Today;
        if (year > today.Year || year == today.Year && m > today.Month)
            return Outcome.Invalid(
                "Tháng chưa đến.",
                [new("month", $"Tháng {m:00}/{year} chưa đến (hôm nay {VietnamTime.Format(today)}); chỉ nhập giải ngân đến tháng này.")]
            );
        if (!await IsProvinceAsync(province, ct))
            return Outcome.NotFound($"Không có tỉnh, thành phố mã \"{province}\" đang có hiệu lực.");
        if (!access.CanWriteProjects(province))
            return Outcome.Forbidden(
                $"Chỉ Văn phòng Điều phối và Sở Tài chính của tỉnh {province} (và quản trị viên) nhập giải ngân cả tỉnh bằng tệp Excel."
            );
        return await closing.LockedAsync(province, year, Closing.ClosedPart.Money, ct) ?? Outcome.Done;
    }

    /// <summary>The month sheet of all the province's projects allocated that year; null with the refusal when not allowed.</summary>
    public async Task<(byte[]? Workbook, Outcome Outcome)> MonthSheetAsync(string province, string month, CancellationToken ct)
    {
        var may = await MayLoadMonthAsync(province, month, ct);
        if (!may.IsDone)
            return (null, may);
        var (year, m) = ParseMonth(month)!.Value;
        var projects = await db
            .Projects.AsNoTracking()
            .Where(p => p.ProvinceCode == province && p.StartYear <= year && p.EndYear >= year)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.InvestorDepartmentCode,
                p.InvestorCommuneCode,
            })
            .ToListAsync(ct);
        var ids = projects.Select(p => p.Id).ToList();
        var allocations = await db
            .ProjectAllocations.AsNoTracking()
            .Where(a => a.Year == year && ids.Contains(a.ProjectId))
            .Select(a => new
            {
                a.ProjectId,
                a.Source,
                a.Amount,
            })
            .ToListAsync(ct);
        var reported = await db
            .ProjectDisbursements.AsNoTracking()
            .Where(d => d.Year == year && d.Month <= m && ids.Contains(d.ProjectId))
            .Select(d => new
            {
                d.ProjectId,
                d.Source,
                d.Month,
                d.Cumulative,
            })
            .ToListAsync(ct);
        var departmentNames = await departments.NamesAsync(province, ct);
        var communeCodes = projects.Select(p => p.InvestorCommuneCode).OfType<string>().Distinct().ToList();
        var communes = await db
            .Units.AsNoTracking()
            .Where(u => communeCodes.Contains(u.Code) && u.ValidTo == null)
            .ToDictionaryAsync(u => u.Code, u => u.FullName, ct);
        var rows = (
            from p in projects
            join a in allocations on p.Id equals a.ProjectId
            let ofSource = reported.Where(r => r.ProjectId == p.Id && r.Source == a.Source).ToList()
            orderby p.Name, p.Id, SourceOrder(a.Source)
            select new MonthSheetRow(
                p.Id,
                p.Name,
                p.InvestorDepartmentCode is { } d
                    ? DepartmentService.Show(departmentNames, d)
                    : communes.GetValueOrDefault(p.InvestorCommuneCode ?? "") ?? p.InvestorCommuneCode ?? "",
                a.Source,
                a.Amount,
                ofSource.Where(r => r.Month < m).MaxBy(r => r.Month)?.Cumulative,
                ofSource.FirstOrDefault(r => r.Month == m)?.Cumulative
            )
        ).ToList();
        var name = await db
            .Units.AsNoTracking()
            .Where(u => u.Code == province && u.Level == UnitLevel.Province && u.ValidTo == null)
            .Select(u => u.FullName)
            .FirstAsync(ct);
        return (DisbursementWorkbook.Build(province, name, year, m, rows), Outcome.Done);
    }

    /// <summary>
    /// Records a province's month from its sheet (the gate received it; permission was asked first): its structure is
    /// measured, it is read under the parse time limit, each project's rows go through the same checks as the page and the
    /// API, and every problem is named by cell. All projects are written or none.
    /// </summary>
    public async Task<MonthSheetUpload> UploadMonthAsync(string province, string month, Stream file, UploadGate gate, CancellationToken ct)
    {
        var may = await MayLoadMonthAsync(province, month, ct);
        if (!may.IsDone)
            return new(null, may, []);
        if (file.Length == 0)
            return new(null, Outcome.Invalid("Tệp rỗng.", [new Problem("file", "Tệp rỗng: chọn tệp .xlsx giải ngân của tháng.")]), []);
        if (gate.Scan(file, false, ct) is { } outside)
            return new(null, Outcome.Rejected(outside.Message), [], outside);
        file.Position = 0;
        DisbursementWorkbook.ReadResult read;
        using (var budget = gate.StartParse(ct))
        {
            try
            {
                read = DisbursementWorkbook.Read(file, budget.Token);
            }
            catch (OperationCanceledException) when (budget.Token.IsCancellationRequested && budget.Refusal is { } stopped)
            {
                return new(null, Outcome.Rejected(stopped.Message), [], stopped);
            }
        }
        var problems = read.Problems.ToList();
        if (read.Header.Length == 0 || problems.Any(p => p.Row == 1))
            return Refused(problems);
        var entries = read.Entries.Where(e => e.ProjectId is not null && e.Source is not null && e.Cumulative is not null).ToList();
        if (read.Entries.Count == 0)
            problems.Add(
                new(DisbursementWorkbook.Sheet, null, null, null, $"Không có dòng nào ghi «{DisbursementWorkbook.CumulativeColumn}».")
            );
        var ids = entries.Select(e => e.ProjectId!.Value).Distinct().ToList();
        var ofProvince = await db
            .Projects.AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.ProvinceCode == province)
            .Select(p => p.Id)
            .ToListAsync(ct);
        foreach (var e in entries.Where(e => !ofProvince.Contains(e.ProjectId!.Value)))
            problems.Add(
                DisbursementWorkbook.Problem(
                    read.Header,
                    e.Row,
                    DisbursementWorkbook.ProjectColumn,
                    $"Tỉnh {province} không có dự án mã {e.ProjectId}."
                )
            );
        foreach (var twice in entries.GroupBy(e => (e.ProjectId, e.Source)).Where(g => g.Count() > 1))
            problems.AddRange(
                twice
                    .Skip(1)
                    .Select(e =>
                        DisbursementWorkbook.Problem(
                            read.Header,
                            e.Row,
                            DisbursementWorkbook.SourceColumn,
                            $"Dự án mã {e.ProjectId} đã có dòng nguồn này ở dòng {twice.First().Row}."
                        )
                    )
            );
        if (problems.Count > 0)
            return Refused(problems);

        // One transaction: each project is checked by DisburseAsync as on the page; any problem rolls all back.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var project in entries.GroupBy(e => e.ProjectId!.Value))
        {
            var rows = project.ToList();
            var reason = rows.Select(r => r.Correction).FirstOrDefault(r => r is not null);
            var outcome = await DisburseAsync(
                project.Key,
                month,
                new DisbursementInput([.. rows.Select(r => new SourceAmountInput(r.Source, r.Cumulative))], reason),
                ct
            );
            if (outcome.IsDone)
                continue;
            if (outcome.Problems.Count == 0)
                problems.Add(
                    new(DisbursementWorkbook.Sheet, rows[0].Row, null, null, outcome.Message ?? "Không ghi được giải ngân của dự án.")
                );
            foreach (var p in outcome.Problems)
                problems.Add(Locate(read.Header, rows, p));
        }
        if (problems.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Refused(problems);
        }
        await transaction.CommitAsync(ct);
        return new(ids.Count, Outcome.Done, []);
    }

    private static MonthSheetUpload Refused(List<ExcelProblem> problems) =>
        new(null, Outcome.Invalid($"Tệp giải ngân có {problems.Count} lỗi; chưa có gì được ghi.", []), problems);

    /// <summary>A problem of DisburseAsync (disbursed[i].amount, correction, month) placed on the row and column it came from.</summary>
    private static ExcelProblem Locate(string[] header, List<MonthSheetEntry> rows, Problem problem)
    {
        var match = System.Text.RegularExpressions.Regex.Match(problem.Field, @"^disbursed\[(\d+)\]");
        if (match.Success && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < rows.Count)
            return DisbursementWorkbook.Problem(header, rows[i].Row, DisbursementWorkbook.CumulativeColumn, problem.Message);
        var first = rows.FirstOrDefault(r => r.Correction is not null) ?? rows[0];
        return problem.Field == "correction"
            ? DisbursementWorkbook.Problem(header, first.Row, DisbursementWorkbook.ReasonColumn, problem.Message)
            : new(DisbursementWorkbook.Sheet, rows[0].Row, null, null, problem.Message);
    }
}
