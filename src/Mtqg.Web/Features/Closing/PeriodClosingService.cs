using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Closing;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Closing;

/// <summary>POST …/close: the parts to close and an optional note.</summary>
public sealed record CloseInput(List<string?>? Parts, string? Note);

/// <summary>POST …/reopen: the parts to reopen and why (required).</summary>
public sealed record ReopenPeriodInput(List<string?>? Parts, string? Reason);

/// <summary>One part of a province-year: whether it is closed, by whom and when, and the last reopening.</summary>
public sealed record ClosedPartView(
    string Part,
    string Label,
    bool Closed,
    DateTime? ClosedAt,
    string? ClosedBy,
    string? Note,
    DateTime? ReopenedAt,
    string? ReopenedBy,
    string? ReopenReason
);

/// <summary>GET …/close: every part of the province-year, and whether the account may close or reopen them.</summary>
public sealed record ClosingView(string Province, string ProvinceName, int Year, bool CanChange, IReadOnlyList<ClosedPartView> Parts);

/// <summary>
/// Closing a province-year's values, poverty results or money after they were reported (DESIGN §13): the province's
/// coordination office closes and reopens (a reopening needs a reason), every write to a closed part is refused with
/// 423 naming who closed it and when; the rows are audited, so the trail holds each step.
/// </summary>
public sealed class PeriodClosingService(AppDbContext db, AccessPolicy access, ProvinceLineage lineage, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Parts = [ClosedPeriod.Values, ClosedPeriod.Poverty, ClosedPeriod.Money];

    public static string Label(string part) => ClosedPeriod.Label(part);

    public async Task<(ClosingView? View, Outcome Outcome)> StateAsync(string province, int year, CancellationToken ct)
    {
        var may = await MayAsync(province, year, write: false, ct);
        if (!may.IsDone)
            return (null, may);
        var rows = await db.ClosedPeriods.AsNoTracking().Where(p => p.ProvinceCode == province && p.Year == year).ToListAsync(ct);
        var name = await db
            .Units.Where(u => u.Code == province && u.Level == UnitLevel.Province && u.ValidTo == null)
            .Select(u => u.Name)
            .FirstAsync(ct);
        return (
            new ClosingView(
                province,
                name,
                year,
                access.CanManageProvince(province),
                Parts.Select(part => View(part, rows.FirstOrDefault(r => r.Part == part))).ToList()
            ),
            Outcome.Done
        );
    }

    /// <summary>Whether the account may read the closing state of the province-year (all who read the province).</summary>
    public async Task<Outcome> MayAsync(string province, int year, bool write, CancellationToken ct)
    {
        if (!InputRange.IsYear(year))
            return Outcome.Invalid(InputRange.YearMessage("Năm", year), [new Problem("year", InputRange.YearMessage("Năm", year))]);
        if (!await Units.UnitService.IsProvinceNowAsync(db.Units, province, ct))
            return Outcome.NotFound($"Không có tỉnh mã \"{province}\" đang có hiệu lực.");
        if (write && !access.CanManageProvince(province))
            return Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {province} (và quản trị viên) khóa sổ, mở lại số liệu của tỉnh.");
        if (!write && !await access.CanReadProvinceAsync(province, year))
            return Outcome.Forbidden($"Tài khoản không có quyền xem số liệu của tỉnh {province}.");
        return Outcome.Done;
    }

    public async Task<(ClosingView? View, Outcome Outcome)> CloseAsync(string province, int year, CloseInput? input, CancellationToken ct)
    {
        var may = await MayAsync(province, year, write: true, ct);
        if (!may.IsDone)
            return (null, may);
        var (parts, problems) = Check(input?.Parts);
        var note = input?.Note?.Trim();
        if (note is { Length: > 1000 })
            problems.Add(new Problem("note", "Ghi chú: tối đa 1000 ký tự."));
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Yêu cầu khóa sổ không hợp lệ; chưa có gì được ghi.", problems));
        var rows = await RowsAsync(province, year, parts, ct);
        var already = rows.Where(r => r.IsClosed).Select(r => Label(r.Part)).ToList();
        if (already.Count > 0)
            return (null, Outcome.Conflict($"{string.Join(", ", already)} năm {year} đã khóa sổ; chưa có gì được ghi."));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
            (row.IsClosed, row.ClosedAt, row.ClosedBy, row.Note) = (
                true,
                now,
                access.User.DisplayName,
                InputText.IsBlank(note) ? null : note
            );
        if (await SavedAsync(ct) is { } lost)
            return (null, lost);
        return await StateAsync(province, year, ct);
    }

    public async Task<(ClosingView? View, Outcome Outcome)> ReopenAsync(
        string province,
        int year,
        ReopenPeriodInput? input,
        CancellationToken ct
    )
    {
        var may = await MayAsync(province, year, write: true, ct);
        if (!may.IsDone)
            return (null, may);
        var (parts, problems) = Check(input?.Parts);
        var reason = input?.Reason?.Trim();
        if (InputText.IsBlank(reason))
            problems.Add(new Problem("reason", "Lý do mở lại: bắt buộc."));
        else if (reason.Length > 1000)
            problems.Add(new Problem("reason", "Lý do mở lại: tối đa 1000 ký tự."));
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Yêu cầu mở lại không hợp lệ; chưa có gì được ghi.", problems));
        var rows = await RowsAsync(province, year, parts, ct);
        var open = rows.Where(r => !r.IsClosed).Select(r => Label(r.Part)).ToList();
        if (open.Count > 0)
            return (null, Outcome.Conflict($"{string.Join(", ", open)} năm {year} chưa khóa sổ; không cần mở lại."));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
            (row.IsClosed, row.ReopenedAt, row.ReopenedBy, row.ReopenReason) = (false, now, access.User.DisplayName, reason);
        if (await SavedAsync(ct) is { } lost)
            return (null, lost);
        return await StateAsync(province, year, ct);
    }

    /// <summary>
    /// The refusal of a write to <paramref name="part"/> of a unit's year when that part is closed, else null. The province
    /// is the unit's province as it was (a pre-reform one is read as the province it went into).
    /// </summary>
    public async Task<Outcome?> LockedAsync(string provinceCode, DateOnly? validTo, int year, string part, CancellationToken ct) =>
        await LockedAsync(await lineage.ProvinceNowAsync(provinceCode, validTo), year, part, ct);

    /// <summary>The refusal of a write to <paramref name="part"/> of a province-year (province in force now) when closed, else null.</summary>
    public async Task<Outcome?> LockedAsync(string provinceNow, int year, string part, CancellationToken ct)
    {
        var row = await db
            .ClosedPeriods.AsNoTracking()
            .FirstOrDefaultAsync(p => p.ProvinceCode == provinceNow && p.Year == year && p.Part == part && p.IsClosed, ct);
        if (row is null)
            return null;
        var name = await db
            .Units.Where(u => u.Code == provinceNow && u.Level == UnitLevel.Province && u.ValidTo == null)
            .Select(u => u.FullName)
            .FirstOrDefaultAsync(ct);
        return Outcome.Locked(Message(row, name));
    }

    /// <summary>The same refusal for an upload (423, before the file is read).</summary>
    public static UploadRefusal Refusal(Outcome locked) => new(StatusCodes.Status423Locked, "closed", locked.Message!);

    public static string Message(ClosedPeriod row, string? provinceName) =>
        $"{Label(row.Part)} năm {row.Year} của {provinceName ?? $"tỉnh {row.ProvinceCode}"} đã khóa sổ lúc {When(row.ClosedAt)} bởi {row.ClosedBy}; "
        + "không ghi được. Văn phòng Điều phối của tỉnh mở lại (kèm lý do) nếu cần sửa.";

    public static string When(DateTime? utc) =>
        utc is { } at ? VietnamTime.ToLocal(at).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture) : "";

    /// <summary>Saves; two offices closing the same new part at once: the second is told, nothing half-written.</summary>
    private async Task<Outcome?> SavedAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict("Vừa có người khác khóa sổ hoặc mở lại cùng lúc; chưa có gì được ghi. Tải lại rồi thử lại.");
        }
    }

    private static (List<string> Parts, List<Problem> Problems) Check(List<string?>? sent)
    {
        var problems = new List<Problem>();
        var parts = new List<string>();
        if (sent is null || sent.Count == 0)
            problems.Add(new Problem("parts", "Cần chọn ít nhất một phần số liệu: values, poverty, money."));
        foreach (var (part, i) in (sent ?? []).Select((p, i) => (p, i)))
        {
            if (part is null || !Parts.Contains(part))
                problems.Add(new Problem($"parts[{i}]", $"Không có phần số liệu \"{part}\"; chỉ có values, poverty, money."));
            else if (!parts.Contains(part))
                parts.Add(part);
        }
        return (parts, problems);
    }

    private async Task<List<ClosedPeriod>> RowsAsync(string province, int year, List<string> parts, CancellationToken ct)
    {
        var rows = await db
            .ClosedPeriods.Where(p => p.ProvinceCode == province && p.Year == year && parts.Contains(p.Part))
            .ToListAsync(ct);
        foreach (var part in parts.Where(part => rows.All(r => r.Part != part)))
            rows.Add(
                db.ClosedPeriods.Add(
                    new ClosedPeriod
                    {
                        ProvinceCode = province,
                        Year = year,
                        Part = part,
                    }
                ).Entity
            );
        return rows;
    }

    private static ClosedPartView View(string part, ClosedPeriod? row) =>
        new(
            part,
            Label(part),
            row?.IsClosed ?? false,
            row?.ClosedAt,
            row?.ClosedBy,
            row?.Note,
            row?.ReopenedAt,
            row?.ReopenedBy,
            row?.ReopenReason
        );
}

/// <summary>The parts of a province-year that close (the stored names).</summary>
public static class ClosedPart
{
    public const string Values = ClosedPeriod.Values,
        Poverty = ClosedPeriod.Poverty,
        Money = ClosedPeriod.Money;
}
