using Mtqg.Domain.Common;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Recognition.Titles;

/// <summary>The titles workbook (titles granted before the system): one path for the API and the page, through the upload gate.</summary>
public sealed partial class TitleService
{
    /// <summary>
    /// Reads an uploaded titles workbook already received by the gate (permission and bytes asked before): its structure is
    /// scanned against the gate's bounds, read under its parse time limit, then every row is checked; all rows are recorded or none.
    /// </summary>
    public async Task<(int Recorded, IReadOnlyList<Problem> Problems, UploadRefusal? Refusal)> UploadAsync(
        Stream file,
        UploadGate gate,
        CancellationToken ct
    )
    {
        if (file.Length == 0)
            return (0, [new Problem("file", "Chưa có tệp: chọn tệp .xlsx theo mẫu.")], null);
        if (gate.Scan(file, false, ct) is { } outside)
            return (0, [], outside);
        file.Position = 0;
        IReadOnlyList<(int Row, BaselineTitleRequest Request)> rows;
        IReadOnlyList<Problem> problems;
        using (var budget = gate.StartParse(ct))
        {
            try
            {
                (rows, problems) = TitleWorkbook.Read(file, budget.Token);
            }
            catch (OperationCanceledException) when (budget.Token.IsCancellationRequested && budget.Refusal is { } stopped)
            {
                return (0, [], stopped);
            }
        }
        // A sheet whose header is wrong is not read further; otherwise every row is checked, the unreadable ones included.
        if (problems.Any(p => p.Field is "file" or "dòng 1"))
            return (0, problems, null);
        var (recorded, all) = await RecordBaselinesAsync(rows, problems, ct);
        return (recorded, all, null);
    }

    /// <summary>
    /// Titles granted before the system, loaded from a workbook: every row is checked as the API checks one, every problem
    /// is named by its row, and nothing is written unless every row is right (one SaveChanges).
    /// </summary>
    public async Task<(int Recorded, IReadOnlyList<Problem> Problems)> RecordBaselinesAsync(
        IReadOnlyList<(int Row, BaselineTitleRequest Request)> rows,
        IReadOnlyList<Problem> unreadable,
        CancellationToken ct
    )
    {
        var problems = new List<Problem>(unreadable);
        foreach (var (row, request) in rows)
        {
            var (_, outcome) = await BaselineAsync(request, false, ct);
            if (outcome.IsDone)
                continue;
            if (outcome.Problems.Count == 0)
                problems.Add(new($"dòng {row}", $"Dòng {row}: {outcome.Message}"));
            problems.AddRange(outcome.Problems.Select(p => new Problem($"dòng {row}", $"Dòng {row}, {p.Field}: {p.Message}")));
        }
        if (rows.Count == 0 && unreadable.Count == 0)
            problems.Add(new("file", "Tệp không có dòng danh hiệu nào (từ dòng 2 của trang «Danh hiệu»)."));
        if (problems.Count > 0)
        {
            db.ChangeTracker.Clear();
            return (0, problems);
        }
        await db.SaveChangesAsync(ct);
        return (rows.Count, []);
    }
}
