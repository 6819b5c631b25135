using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Closing;
using Mtqg.Domain.Common;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Reports;

namespace Mtqg.Web.Features.Closing;

/// <summary>POST …/report-calendar: a report the province owes (a catalog code), the half for a six-monthly one, the due day.</summary>
public sealed record DeadlineInput(string? Report, int? Half, DateOnly? DueOn, string? Note);

/// <summary>POST /api/v1/report-calendar/{id}/sent: the day it was sent (today when absent) and a note (the document number…).</summary>
public sealed record SentInput(DateOnly? SentOn, string? Note);

/// <summary>One report owed: status sent | overdue | due-soon (within <see cref="ReportCalendarService.SoonDays"/> days) | upcoming.</summary>
public sealed record DeadlineView(
    int Id,
    string Report,
    string Title,
    int Year,
    int? Half,
    string Period,
    DateOnly DueOn,
    DateOnly? SentOn,
    string? SentBy,
    string? Note,
    string Status,
    int DaysLeft
);

public sealed record ReportCalendarView(
    string Province,
    string ProvinceName,
    int Year,
    bool CanChange,
    IReadOnlyList<DeadlineView> Deadlines
);

/// <summary>
/// The reports a province owes and when (issue 16 item 3): the coordination office enters each due day (no official deadline
/// is invented, see <see cref="ReportDeadline"/>) and marks each report sent; what is overdue or due within a week shows on
/// its "Việc chờ tôi". Read by those who read the province's detailed data.
/// </summary>
public sealed class ReportCalendarService(AppDbContext db, AccessPolicy access, PeriodClosingService closing, TimeProvider clock)
{
    public const int SoonDays = 7;

    public async Task<(ReportCalendarView? View, Outcome Outcome)> CalendarAsync(string province, int year, CancellationToken ct)
    {
        var (state, may) = await closing.StateAsync(province, year, ct);
        if (state is null)
            return (null, may);
        var rows = await db.ReportDeadlines.AsNoTracking().Where(d => d.ProvinceCode == province && d.Year == year).ToListAsync(ct);
        return (
            new ReportCalendarView(
                province,
                state.ProvinceName,
                year,
                state.CanChange,
                [.. rows.Select(View).OrderBy(d => d.DueOn).ThenBy(d => d.Report, StringComparer.Ordinal)]
            ),
            Outcome.Done
        );
    }

    /// <summary>The province's reports not yet sent whose day has passed or comes within a week, the most overdue first.</summary>
    public async Task<IReadOnlyList<(string Province, DeadlineView Deadline)>> PendingAsync(string province, CancellationToken ct)
    {
        var horizon = VietnamTime.Today(clock).AddDays(SoonDays);
        var rows = await db
            .ReportDeadlines.AsNoTracking()
            .Where(d => d.ProvinceCode == province && d.SentOn == null && d.DueOn <= horizon)
            .OrderBy(d => d.DueOn)
            .ToListAsync(ct);
        return [.. rows.Select(r => (r.ProvinceCode, View(r)))];
    }

    public async Task<(int? Id, Outcome Outcome)> AddAsync(string province, int year, DeadlineInput? input, CancellationToken ct)
    {
        var may = await closing.MayAsync(province, year, write: true, ct);
        if (!may.IsDone)
            return (null, may);
        var problems = new List<Problem>();
        var kind = ReportCatalog.Find(input?.Report);
        if (kind is null)
            problems.Add(
                new(
                    "report",
                    $"Báo cáo: không có mã \"{input?.Report}\"; chọn một trong: {string.Join(", ", ReportCatalog.All.Select(k => k.Code))}."
                )
            );
        else if (kind.HalfYear && input!.Half is not (null or 1 or 2))
            problems.Add(new("half", "Kỳ: 1 (6 tháng đầu năm), 2 (6 tháng cuối năm) hoặc bỏ trống (cả năm)."));
        else if (!kind.HalfYear && input!.Half is not null)
            problems.Add(new("half", $"Báo cáo \"{kind.Code}\" là báo cáo năm, không chia kỳ 6 tháng."));
        if (input?.DueOn is not { } due)
            problems.Add(new("dueOn", "Hạn gửi: bắt buộc (ngày, dạng yyyy-MM-dd)."));
        else if (due.Year < year || due.Year > year + 1)
            problems.Add(new("dueOn", $"Hạn gửi ({VietnamTime.Format(due)}) phải trong năm {year} hoặc năm {year + 1}."));
        var note = input?.Note?.Trim();
        if (note is { Length: > 1000 })
            problems.Add(new("note", "Ghi chú: tối đa 1000 ký tự."));
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Lịch báo cáo chưa hợp lệ; chưa có gì được ghi.", problems));
        var half = kind!.HalfYear ? input!.Half ?? 0 : 0;
        if (
            await db.ReportDeadlines.AnyAsync(
                d => d.ProvinceCode == province && d.Year == year && d.ReportCode == kind.Code && d.Half == half,
                ct
            )
        )
            return (null, Outcome.Conflict($"Lịch đã có báo cáo \"{kind.Title}\" {Period(year, half).ToLowerInvariant()}."));
        var row = db
            .ReportDeadlines.Add(
                new ReportDeadline
                {
                    ProvinceCode = province,
                    Year = year,
                    Half = half,
                    ReportCode = kind.Code,
                    DueOn = input!.DueOn!.Value,
                    Note = InputText.IsBlank(note) ? null : note,
                    UpdatedAt = clock.GetUtcNow().UtcDateTime,
                }
            )
            .Entity;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (null, Outcome.Conflict("Vừa có người thêm cùng báo cáo này vào lịch; tải lại để xem."));
        }
        return (row.Id, Outcome.Done);
    }

    public async Task<Outcome> MarkSentAsync(int id, SentInput? input, CancellationToken ct)
    {
        var (row, may) = await FindAsync(id, ct);
        if (row is null)
            return may;
        var today = VietnamTime.Today(clock);
        var sent = input?.SentOn ?? today;
        var problems = new List<Problem>();
        if (sent > today)
            problems.Add(new("sentOn", $"Ngày gửi ({VietnamTime.Format(sent)}) không được sau hôm nay ({VietnamTime.Format(today)})."));
        else if (sent.Year < row.Year)
            problems.Add(new("sentOn", $"Ngày gửi ({VietnamTime.Format(sent)}) phải từ năm {row.Year}."));
        var note = input?.Note?.Trim();
        if (note is { Length: > 1000 })
            problems.Add(new("note", "Ghi chú: tối đa 1000 ký tự."));
        if (problems.Count > 0)
            return Outcome.Invalid("Chưa ghi được: ngày gửi không hợp lệ.", problems);
        if (row.SentOn is not null)
            return Outcome.Conflict($"Báo cáo này đã ghi gửi ngày {VietnamTime.Format(row.SentOn.Value)}.");
        (row.SentOn, row.SentBy, row.UpdatedAt) = (sent, access.User.DisplayName, clock.GetUtcNow().UtcDateTime);
        if (!InputText.IsBlank(note))
            row.Note = note;
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    public async Task<Outcome> RemoveAsync(int id, CancellationToken ct)
    {
        var (row, may) = await FindAsync(id, ct);
        if (row is null)
            return may;
        if (row.SentOn is not null)
            return Outcome.Conflict("Báo cáo đã gửi thì không xóa khỏi lịch được.");
        db.ReportDeadlines.Remove(row);
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    private async Task<(ReportDeadline? Row, Outcome Outcome)> FindAsync(int id, CancellationToken ct)
    {
        var row = await db.ReportDeadlines.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (row is null)
            return (null, Outcome.NotFound($"Không có mục lịch báo cáo số {id}."));
        var may = await closing.MayAsync(row.ProvinceCode, row.Year, write: true, ct);
        return may.IsDone ? (row, may) : (null, may);
    }

    public static string Period(int year, int half) =>
        half switch
        {
            1 => $"6 tháng đầu năm {year}",
            2 => $"6 tháng cuối năm {year}",
            _ => $"Năm {year}",
        };

    private DeadlineView View(ReportDeadline d)
    {
        var today = VietnamTime.Today(clock);
        var left = d.DueOn.DayNumber - today.DayNumber;
        var status =
            d.SentOn is not null ? "sent"
            : left < 0 ? "overdue"
            : left <= SoonDays ? "due-soon"
            : "upcoming";
        return new(
            d.Id,
            d.ReportCode,
            ReportCatalog.Find(d.ReportCode)?.Title ?? d.ReportCode,
            d.Year,
            d.Half > 0 ? d.Half : null,
            Period(d.Year, d.Half),
            d.DueOn,
            d.SentOn,
            d.SentBy,
            d.Note,
            status,
            left
        );
    }
}
