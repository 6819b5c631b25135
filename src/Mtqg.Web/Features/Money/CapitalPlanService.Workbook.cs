using Mtqg.Domain.Common;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Web.Features.Money;

/// <summary>What an uploaded plan came to: the version written, or every problem by cell (nothing written), or a refusal.</summary>
public sealed record CapitalUpload(int? Version, Outcome Outcome, IReadOnlyList<ExcelProblem> Problems, UploadRefusal? Refusal = null);

public sealed partial class CapitalPlanService
{
    /// <summary>The plan (newest version) as a workbook; null with the refusal when the account may not read it.</summary>
    public async Task<(byte[]? Workbook, Outcome Outcome)> WorkbookAsync(string province, int year, CancellationToken ct)
    {
        var (plan, outcome) = await GetAsync(province, year, null, ct);
        return plan is null ? (null, outcome) : (CapitalWorkbook.Build(plan, await programmes.ListAsync(year, ct)), Outcome.Done);
    }

    /// <summary>
    /// Replaces the plan from a workbook the gate has received (permission was asked before): its structure is measured,
    /// it is read under the parse time limit, and every problem — of reading and of the plan's checks — is named by sheet,
    /// row and column; nothing is written when there is one.
    /// </summary>
    public async Task<CapitalUpload> UploadAsync(string province, int year, Stream file, UploadGate gate, CancellationToken ct)
    {
        var may = await MayAsync(province, year, true, ct);
        if (!may.IsDone)
            return new(null, may, []);
        if (file.Length == 0)
            return new(null, Outcome.Invalid("Tệp rỗng.", [new Problem("file", "Tệp rỗng: chọn tệp .xlsx của kế hoạch vốn.")]), []);
        if (gate.Scan(file, false, ct) is { } outside)
            return new(null, Outcome.Rejected(outside.Message), [], outside);
        file.Position = 0;
        CapitalWorkbook.ReadResult read;
        using (var budget = gate.StartParse(ct))
        {
            try
            {
                read = CapitalWorkbook.Read(file, budget.Token);
            }
            catch (OperationCanceledException) when (budget.Token.IsCancellationRequested && budget.Refusal is { } stopped)
            {
                return new(null, Outcome.Rejected(stopped.Message), [], stopped);
            }
        }
        var problems = read.Problems.ToList();
        if (read.Header.Length > 0 && problems.All(p => p.Row != 1))
        {
            var (_, checks) = await CheckAsync(
                province,
                year,
                read.Rows.Select(r => (CapitalRowInput?)r.Input).ToList(),
                ct,
                [.. read.Rows.Select(r => r.Row)]
            );
            // A cell the reader already refused is named once.
            problems.AddRange(
                checks.Select(p => CapitalWorkbook.Locate(read, p)).Where(p => !problems.Any(q => q.Cell is not null && q.Cell == p.Cell))
            );
        }
        if (problems.Count > 0)
            return new(null, Outcome.Invalid($"Tệp kế hoạch vốn có {problems.Count} lỗi; chưa có gì được ghi.", []), problems);
        var (rows, _) = await CheckAsync(province, year, read.Rows.Select(r => (CapitalRowInput?)r.Input).ToList(), ct);
        var (version, written) = await WriteAsync(province, year, rows, ct);
        return new(version, written, []);
    }
}
