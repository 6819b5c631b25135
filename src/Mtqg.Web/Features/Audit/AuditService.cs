using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Audit;
using Mtqg.Data.Scorecards;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Scorecards.Values;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Audit;

/// <summary>One recorded change as the API and pages show it; <see cref="At"/> is UTC.</summary>
public sealed record AuditRow(
    DateTime At,
    string? UserName,
    string? Client,
    string Action,
    string Entity,
    string? UnitCode,
    int? Year,
    string? SetCode,
    string? Key,
    string? OldValue,
    string? NewValue
);

/// <summary>A search of the trail: by exact user name, unit (a commune code, or a province code for all its units), Vietnam dates (inclusive), entity.</summary>
public sealed record AuditFilter(
    string? User = null,
    string? Unit = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Entity = null
);

public sealed record AuditPage(int Total, int Page, int PageSize, IReadOnlyList<AuditRow> Items);

/// <summary>
/// Reads the audit trail: a commune-year's history, and the search of administrators and coordination
/// offices. Read only — the application has no way to change or delete an entry.
/// </summary>
public sealed class AuditService(AppDbContext db, ScorecardService scorecards, ProvinceLineage lineage, AccessPolicy access)
{
    public const int PageSize = 50;

    /// <summary>An export holds at most this many rows (the newest); narrow the search for older ones.</summary>
    public const int MaxExportRows = 100_000;

    public static readonly IReadOnlyDictionary<string, string> Entities = new Dictionary<string, string>
    {
        [nameof(IndicatorValue)] = "Giá trị chỉ tiêu",
        [nameof(CommuneGroupAssignment)] = "Nhóm xã",
        [nameof(Mtqg.Data.Criteria.CriteriaSet)] = "Bộ tiêu chí",
        [nameof(Mtqg.Data.Accounts.AppUser)] = "Tài khoản",
        ["Agency"] = "Đơn vị giúp đỡ xã",
        ["CommuneList"] = "Danh sách xã",
        ["Plan"] = "Kế hoạch",
        ["PlanTarget"] = "Mục tiêu kế hoạch",
        ["TargetUpdate"] = "Tiến độ mục tiêu",
        ["Assignment"] = "Phân công giúp đỡ xã",
        ["AssignmentCommune"] = "Xã được phân công giúp đỡ",
        ["VisitRecord"] = "Buổi làm việc",
        ["VisitSupport"] = "Hỗ trợ trao tại buổi làm việc",
        ["RecommendationRecord"] = "Kiến nghị",
        ["DossierRecord"] = "Hồ sơ đề nghị công nhận",
        ["AppraisalRecord"] = "Thẩm định tiêu chí",
        ["EvidenceFile"] = "Minh chứng",
        ["DossierConditionRecord"] = "Điều kiện của mức (hồ sơ)",
        ["DecisionRecord"] = "Quyết định",
        ["CommuneTitle"] = "Danh hiệu của xã",
        ["Department"] = "Sở, ngành",
        ["Programme"] = "Chương trình",
        ["ProgrammeComponent"] = "Nội dung thành phần của chương trình",
        ["Project"] = "Dự án",
        ["PovertyResult"] = "Kết quả rà soát hộ nghèo",
        ["ProjectAllocation"] = "Vốn giao cho dự án",
        ["ProjectDisbursement"] = "Giải ngân của dự án",
        ["CommuneContribution"] = "Đóng góp của người dân",
        ["ConstructionDebt"] = "Nợ đọng xây dựng cơ bản",
        ["ClosedPeriod"] = "Khóa sổ số liệu",
        ["ReportDeadline"] = "Lịch báo cáo",
        ["CommuneBoundarySet"] = "Ranh giới các xã của tỉnh",
    };

    public static string EntityLabel(string entity) => Entities.GetValueOrDefault(entity, entity);

    public static string ActionLabel(string action) =>
        action switch
        {
            AuditEntry.Create => "Thêm",
            AuditEntry.Update => "Sửa",
            AuditEntry.Delete => "Xóa",
            _ => action,
        };

    /// <summary>
    /// The changes of a commune-year under a set, newest first: the values of the set's indicators for
    /// that year and the commune's group in the set. The commune is the unit in force on 31 December.
    /// </summary>
    public async Task<(IReadOnlyList<AuditRow>? Rows, Outcome Outcome)> HistoryAsync(
        string communeCode,
        int year,
        string? setCode,
        CancellationToken ct
    )
    {
        var commune = year is < 2000 or > 2100 ? null : await scorecards.CommuneAsync(communeCode, year, ct);
        var (set, outcome) = await scorecards.SetForAsync(setCode, year, commune?.ProvinceCode, ct);
        if (set is null)
            return (null, outcome);
        if (commune is null)
            return (null, Outcome.NotFound($"Không có xã mã \"{communeCode}\" có hiệu lực ngày 31/12/{year}."));
        if (!await access.CanReadCommuneAsync(commune, ct))
            return (null, Outcome.Forbidden($"Tài khoản không có quyền xem lịch sử số liệu của {commune.FullName}."));
        var rows = await Rows(
                db.AuditEntries.AsNoTracking()
                    .Where(e =>
                        e.UnitId == commune.Id
                        && e.SetCode == set.Code
                        && (e.Entity == nameof(IndicatorValue) && e.Year == year || e.Entity == nameof(CommuneGroupAssignment))
                    )
            )
            .ToListAsync(ct);
        return (rows.SelectMany(Expand).ToList(), Outcome.Done);
    }

    public async Task<(AuditPage? Page, Outcome Outcome)> SearchAsync(AuditFilter filter, int page, CancellationToken ct)
    {
        var (query, outcome) = await QueryAsync(filter);
        if (query is null)
            return (null, outcome);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await Rows(query).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return (new AuditPage(total, page, PageSize, rows.SelectMany(Expand).ToList()), Outcome.Done);
    }

    /// <summary>The filtered trail as a workbook (at most <see cref="MaxExportRows"/> rows, the newest).</summary>
    public async Task<(byte[]? Content, Outcome Outcome)> ExportAsync(AuditFilter filter, DateTime utcNow, CancellationToken ct)
    {
        var (query, outcome) = await QueryAsync(filter);
        if (query is null)
            return (null, outcome);
        var rows = await Rows(query).Take(MaxExportRows + 1).ToListAsync(ct);
        var truncated = rows.Count > MaxExportRows;
        if (truncated)
            rows.RemoveAt(rows.Count - 1);
        return (AuditWorkbook.Build(rows.SelectMany(Expand).ToList(), Describe(filter), utcNow, truncated), Outcome.Done);
    }

    /// <summary>The entries the account may see, filtered; null with the refusal when it may not search or the filter is wrong.</summary>
    private async Task<(IQueryable<AuditEntry>? Query, Outcome Outcome)> QueryAsync(AuditFilter filter)
    {
        if (!access.CanSearchAudit)
            return (null, Outcome.Forbidden("Chỉ quản trị hệ thống và Văn phòng Điều phối được tra cứu nhật ký thay đổi."));
        if (filter.From is { } f && filter.To is { } t && f > t)
            return (
                null,
                Outcome.Invalid("Khoảng ngày không hợp lệ.", [new Problem("to", $"Ngày kết thúc {Day(t)} trước ngày bắt đầu {Day(f)}.")])
            );
        if (filter.Entity is { Length: > 0 } entity && !Entities.ContainsKey(entity))
            return (
                null,
                Outcome.Invalid(
                    "Loại thay đổi không hợp lệ.",
                    [new Problem("entity", $"Không có loại \"{entity}\"; các loại: {string.Join(", ", Entities.Keys)}.")]
                )
            );

        var query = db.AuditEntries.AsNoTracking();
        if (access.OwnProvince is { } province)
            query = await InProvinceAsync(query, province);
        if (filter.User?.Trim() is { Length: > 0 } userName)
            query = query.Where(e => e.UserName == userName);
        if (filter.Unit?.Trim() is { Length: > 0 } unit)
            query = unit.Length <= 2 ? await InProvinceAsync(query, unit) : query.Where(e => e.UnitCode == unit);
        // Dates are Vietnam days (UTC+7), both ends included.
        if (filter.From is { } from)
        {
            var start = Utc(from);
            query = query.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = Utc(to.AddDays(1));
            query = query.Where(e => e.At < end);
        }
        if (filter.Entity is { Length: > 0 } kind)
            query = query.Where(e => e.Entity == kind);
        return (query, Outcome.Done);
    }

    /// <summary>
    /// Entries about units of a province of today: its communes now, the pre-reform communes of the
    /// provinces that merged into it (by unit version), and accounts whose unit is the province or one of its communes.
    /// </summary>
    private async Task<IQueryable<AuditEntry>> InProvinceAsync(IQueryable<AuditEntry> query, string province)
    {
        var old = (await lineage.OldProvincesOfAsync(province)).ToArray();
        var units = db
            .Units.AsNoTracking()
            .Where(u =>
                (u.ValidTo == null || u.ValidTo >= Reform.Day) && u.ProvinceCode == province
                || u.ValidTo < Reform.Day && old.Contains(u.ProvinceCode)
            );
        return query.Where(e =>
            e.UnitId != null && units.Any(u => u.Id == e.UnitId)
            || e.UnitId == null
                && e.UnitCode != null
                && (e.UnitCode == province || units.Any(u => u.ValidTo == null && u.Code == e.UnitCode))
        );
    }

    private static IQueryable<AuditRow> Rows(IQueryable<AuditEntry> query) =>
        query
            .OrderByDescending(e => e.At)
            .ThenByDescending(e => e.Id)
            .Select(e => new AuditRow(
                e.At,
                e.UserName,
                e.Client,
                e.Action,
                e.Entity,
                e.UnitCode,
                e.Year,
                e.SetCode,
                e.Key,
                e.OldValue,
                e.NewValue
            ));

    /// <summary>
    /// An entry as the rows people read: itself, or for an import (one entry per commune-year and file,
    /// see <see cref="AuditWriter.ValueChanges"/>) one row per changed value, created, updated or cleared.
    /// </summary>
    public static IEnumerable<AuditRow> Expand(AuditRow entry)
    {
        entry = Utc(entry);
        if (entry.Action != AuditEntry.Import)
        {
            yield return entry;
            yield break;
        }
        var before = Changes(entry.OldValue);
        foreach (var (code, now) in Changes(entry.NewValue))
        {
            var old = before.GetValueOrDefault(code);
            yield return entry with
            {
                Action =
                    old is null ? AuditEntry.Create
                    : now is null ? AuditEntry.Delete
                    : AuditEntry.Update,
                Key = code,
                OldValue = old,
                NewValue = now,
            };
        }
    }

    private static Dictionary<string, string?> Changes(string? json) =>
        json is null ? [] : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [];

    // SQLite gives DateTimes back without a kind: they were stored as UTC.
    private static AuditRow Utc(AuditRow row) => row with { At = DateTime.SpecifyKind(row.At, DateTimeKind.Utc) };

    private static DateTime Utc(DateOnly vietnamDay) => VietnamTime.StartUtc(vietnamDay);

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private string Describe(AuditFilter filter)
    {
        var parts = new List<string>();
        if (access.OwnProvince is { } province)
            parts.Add($"phạm vi tỉnh {province}");
        if (!string.IsNullOrWhiteSpace(filter.User))
            parts.Add($"người thực hiện {filter.User.Trim()}");
        if (!string.IsNullOrWhiteSpace(filter.Unit))
            parts.Add($"đơn vị {filter.Unit.Trim()}");
        if (filter.From is { } f)
            parts.Add($"từ {Day(f)}");
        if (filter.To is { } t)
            parts.Add($"đến {Day(t)}");
        if (!string.IsNullOrWhiteSpace(filter.Entity))
            parts.Add(EntityLabel(filter.Entity));
        return parts.Count == 0 ? "toàn bộ" : string.Join("; ", parts);
    }
}
