using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Visits;
using Mtqg.Domain.Common;
using Mtqg.Domain.Visits;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Departments;
using Mtqg.Web.Features.Plans;

namespace Mtqg.Web.Features.Visits.Recommendations;

/// <summary>The recommendations raised during visits, tracked to closure by the party responsible for them.</summary>
public sealed class RecommendationService(AppDbContext db, Agencies agencies, AccessPolicy access, VisitScope reads, TimeProvider clock)
{
    /// <summary>At most this many recommendations are listed (the oldest).</summary>
    public const int ListLimit = 2000;

    /// <summary>Recommendations of a commune, agency or province; open ones only by default, oldest first, each with its overdue mark.</summary>
    public async Task<(IReadOnlyList<RecommendationLine>? Items, Outcome Outcome)> RecommendationsAsync(
        RecommendationFilter filter,
        CancellationToken ct
    )
    {
        var (query, outcome) = await reads.ScopeAsync(
            db.Recommendations.AsNoTracking(),
            filter.Province,
            filter.Commune,
            filter.Agency,
            ct
        );
        if (query is null)
            return (null, outcome);
        if (filter.OpenOnly)
            query = query.Where(r => r.Status == RecommendationStatus.Open || r.Status == RecommendationStatus.InProgress);
        if (filter.RaisedFrom is { } from)
            query = query.Where(r => r.RaisedOn >= from);
        if (filter.RaisedTo is { } to)
            query = query.Where(r => r.RaisedOn <= to);
        var rows = await query.OrderBy(r => r.RaisedOn).ThenBy(r => r.Id).Take(ListLimit).ToListAsync(ct);
        var names = await agencies.NamesAsync(rows.Select(r => r.CommuneCode), reads.Today, ct);
        var today = reads.Today;
        var departments = await DepartmentService.NamesAsync(db, filter.Province, ct);
        // Domain order: oldest raised first, then the earliest due date, undated last.
        return (
            [
                .. rows.OrderBy(r => r.RaisedOn)
                    .ThenBy(r => r.DueDate ?? DateOnly.MaxValue)
                    .ThenBy(r => r.Id)
                    .Select(r => Line(r, names.GetValueOrDefault(r.CommuneCode, r.CommuneCode), today, departments)),
            ],
            Outcome.Done
        );
    }

    public async Task<(RecommendationView? Item, Outcome Outcome)> RecommendationAsync(int id, CancellationToken ct)
    {
        var record = await db.Recommendations.AsNoTracking().Include(r => r.Events).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null)
            return (null, Outcome.NotFound($"Không có kiến nghị số {id}."));
        var visitDate = await db.Visits.Where(v => v.Id == record.VisitId).Select(v => v.Date).FirstAsync(ct);
        var commune = await reads.CommuneAtAsync(record.CommuneCode, visitDate, ct);
        var party = access.PartyFor(record.ProvinceCode, record.CommuneCode, Responsible(record));
        if (commune is null || party is null && !await access.CanReadVisitAsync(commune, record.AgencyId, ct))
            return (null, Outcome.Forbidden("Tài khoản không có quyền xem kiến nghị này."));
        var history = record
            .Events.OrderBy(e => e.AtUtc)
            .ThenBy(e => e.Id)
            .Select(e => new RecommendationEventView(
                e.AtUtc,
                e.Actor,
                e.Action.ToString(),
                ActionName(e.Action),
                StatusCode(e.From),
                StatusCode(e.To),
                e.Text
            ))
            .ToList();
        var canAnswer = record.Status is RecommendationStatus.Open or RecommendationStatus.InProgress && party == Responsible(record);
        var canReopen =
            record.Status == RecommendationStatus.Closed && await access.CanReopenAsync(record.ProvinceCode, record.AgencyId, ct);
        var departments = await DepartmentService.NamesAsync(db, record.ProvinceCode, ct);
        return (
            new RecommendationView(Line(record, commune.FullName, reads.Today, departments), history, canAnswer, canReopen),
            Outcome.Done
        );
    }

    public Task<Outcome> RespondAsync(int id, string? text, CancellationToken ct) =>
        TooLong((RecommendationRecord r) => r.Response, text)
        ?? TransitionAsync(id, ct, (r, party, actor, now) => r.Respond(party, actor, text ?? "", now));

    public Task<Outcome> CloseAsync(int id, string? text, CancellationToken ct) =>
        TooLong((RecommendationRecord r) => r.Response, text)
        ?? TransitionAsync(id, ct, (r, party, actor, now) => r.Close(party, actor, text ?? "", now));

    public Task<Outcome> RejectAsync(int id, string? reason, CancellationToken ct) =>
        TooLong((RecommendationRecord r) => r.RejectionReason, reason)
        ?? TransitionAsync(id, ct, (r, party, actor, now) => r.RejectAsNotApplicable(party, actor, reason ?? "", now));

    public Task<Outcome> ReopenAsync(int id, string? reason, CancellationToken ct) =>
        TooLong((RecommendationEventRecord e) => e.Text, reason)
        ?? TransitionAsync(id, ct, (r, _, actor, now) => r.Reopen(actor, reason ?? "", now), reopen: true);

    /// <summary>An answer, result or reason longer than its column (and the recommendation's history) holds.</summary>
    private Task<Outcome>? TooLong<T>(Expression<Func<T, string?>> column, string? text) =>
        db.TooLong(column, text?.Trim(), "text", "Nội dung") is { } problem
            ? Task.FromResult(Outcome.Invalid("Nội dung quá dài.", [problem]))
            : null;

    private async Task<Outcome> TransitionAsync(
        int id,
        CancellationToken ct,
        Func<Recommendation, ResponsibleParty, string, DateTime, Outcome> act,
        bool reopen = false
    )
    {
        var record = await db.Recommendations.Include(r => r.Events).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null)
            return Outcome.NotFound($"Không có kiến nghị số {id}.");
        var responsible = Responsible(record);
        var party = access.PartyFor(record.ProvinceCode, record.CommuneCode, Responsible(record));
        if (reopen)
        {
            if (!await access.CanReopenAsync(record.ProvinceCode, record.AgencyId, ct))
                return Outcome.Forbidden("Chỉ đơn vị đã nêu kiến nghị hoặc Văn phòng Điều phối của tỉnh mới mở lại được kiến nghị.");
        }
        else if (party != responsible)
        {
            var name =
                responsible.Kind == PartyKind.Department
                    ? DepartmentService.Show(await DepartmentService.NamesAsync(db, record.ProvinceCode, ct), record.ResponsibleSector)
                    : responsible.DisplayName;
            return Outcome.Forbidden($"Chỉ {name} mới xử lý được kiến nghị này.");
        }
        var recommendation = Restore(record);
        var before = recommendation.History.Count;
        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = act(recommendation, responsible, access.User.UserName ?? "", now);
        if (!outcome.IsDone)
            return outcome;
        (record.Status, record.Response, record.RespondedAt, record.ClosedBy, record.ClosedAt, record.RejectionReason) = (
            recommendation.Status,
            recommendation.Response,
            recommendation.RespondedAt,
            recommendation.ClosedBy,
            recommendation.ClosedAt,
            recommendation.RejectionReason
        );
        record.UpdatedAt = now;
        record.Events.AddRange(recommendation.History.Skip(before).Select(Event));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Conflict("Kiến nghị vừa được người khác xử lý; tải lại để xem trạng thái mới.");
        }
        return Outcome.Done;
    }

    /// <summary>The party that must answer a recommendation, as its line names it (the pages ask AccessPolicy.CanAnswer with it).</summary>
    public static ResponsibleParty ResponsibleOf(RecommendationLine line) =>
        line.Responsible switch
        {
            "department" => ResponsibleParty.Department(line.Sector ?? "?"),
            "commune" => ResponsibleParty.Commune,
            _ => ResponsibleParty.Province,
        };

    private static ResponsibleParty Responsible(RecommendationRecord r) =>
        r.ResponsibleKind switch
        {
            PartyKind.Department => ResponsibleParty.Department(r.ResponsibleSector ?? "?"),
            PartyKind.Commune => ResponsibleParty.Commune,
            _ => ResponsibleParty.Province,
        };

    private static Recommendation Restore(RecommendationRecord r) =>
        Recommendation.Restore(
            r.Text,
            r.RaisedOn,
            r.RaisedBy,
            r.CommuneCode,
            Responsible(r),
            r.DueDate,
            r.Status,
            r.Response,
            r.RespondedAt,
            r.ClosedBy,
            r.ClosedAt,
            r.RejectionReason,
            r.Events.OrderBy(e => e.AtUtc)
                .ThenBy(e => e.Id)
                .Select(e => new RecommendationEvent(e.AtUtc, e.Actor, e.Action, e.From, e.To, e.Text))
        );

    internal static RecommendationEventRecord Event(RecommendationEvent e) =>
        new()
        {
            AtUtc = e.AtUtc,
            Actor = e.Actor,
            Action = e.Action,
            From = e.From,
            To = e.To,
            Text = e.Text,
        };

    /// <summary>One recommendation as listed; <paramref name="departments"/> names the addressed department (code → name).</summary>
    public static RecommendationLine Line(
        RecommendationRecord r,
        string communeName,
        DateOnly today,
        IReadOnlyDictionary<string, string> departments
    )
    {
        var domain = Restore(r);
        var responsible = Responsible(r);
        return new(
            r.Id,
            r.VisitId,
            r.Text,
            r.RaisedOn,
            r.RaisedBy,
            r.AgencyId,
            r.ProvinceCode,
            r.CommuneCode,
            communeName,
            responsible.Kind switch
            {
                PartyKind.Department => "department",
                PartyKind.Commune => "commune",
                _ => "province",
            },
            r.ResponsibleSector,
            responsible.Kind == PartyKind.Department ? DepartmentService.Show(departments, r.ResponsibleSector) : responsible.DisplayName,
            r.DueDate,
            StatusCode(r.Status),
            Recommendation.StatusName(r.Status),
            domain.IsOverdue(today),
            domain.DaysOpen(today),
            r.Response,
            r.RespondedAt,
            r.ClosedBy,
            r.ClosedAt,
            r.RejectionReason
        );
    }

    public static ResponsibleParty? Party(string? kind, string? sector) =>
        kind?.Trim() switch
        {
            "department" when !InputText.IsBlank(sector) => ResponsibleParty.Department(sector),
            "commune" => ResponsibleParty.Commune,
            "province" => ResponsibleParty.Province,
            _ => null,
        };

    public static string StatusCode(RecommendationStatus status) =>
        status switch
        {
            RecommendationStatus.Open => "open",
            RecommendationStatus.InProgress => "inProgress",
            RecommendationStatus.Closed => "closed",
            _ => "notApplicable",
        };

    public static string ActionName(RecommendationAction action) =>
        action switch
        {
            RecommendationAction.Raised => "Nêu kiến nghị",
            RecommendationAction.Responded => "Trả lời",
            RecommendationAction.Closed => "Đóng",
            RecommendationAction.RejectedAsNotApplicable => "Không thuộc phạm vi xử lý",
            _ => "Mở lại",
        };
}
