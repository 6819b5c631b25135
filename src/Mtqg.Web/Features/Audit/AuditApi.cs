using System.Globalization;
using Mtqg.Domain.Common;
using Mtqg.Web.Api;
using Mtqg.Web.Features.Accounts;

namespace Mtqg.Web.Features.Audit;

/// <summary>
/// Reading the audit trail. There is deliberately no endpoint that changes or deletes an entry:
/// entries are written only with the changes they record (DESIGN §8).
/// </summary>
public static class AuditApi
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddScoped<AuditService>();

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        // Who may read a commune-year's history: for now any signed-in account; unit-scoped like the scorecard once its read policy lands.
        app.MapGet("/api/v1/communes/{code}/years/{year:int}/history", GetHistory)
            .RequireAuthorization()
            .WithTags("Nhật ký thay đổi")
            .Produces<IReadOnlyList<AuditRow>>()
            .WithSummary("Lịch sử thay đổi số liệu của xã trong năm, mới nhất trước")
            .WithDescription(
                "set: mã bộ tiêu chí (mặc định bộ đã ban hành có hiệu lực năm đó). Gồm các lần thêm, sửa, xóa giá trị chỉ tiêu của bộ đó trong năm và các lần xếp nhóm của xã theo bộ đó: [{at (UTC), userName, client, action (create|update|delete), entity, key (mã chỉ tiêu), oldValue, newValue}]."
            );

        var audit = app.MapGroup("/api/v1")
            .WithTags("Nhật ký thay đổi")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin, Roles.Coordinator));
        audit
            .MapGet("/audit", Search)
            .Produces<AuditPage>()
            .WithSummary("Tra cứu nhật ký thay đổi (quản trị; Văn phòng Điều phối: trong tỉnh của mình)")
            .WithDescription(
                $"user: tên đăng nhập; unit: mã xã, hoặc mã tỉnh (2 chữ số) để lấy mọi đơn vị của tỉnh kể cả xã cũ trước sắp xếp; from, to: yyyy-MM-dd theo giờ Việt Nam, tính cả hai đầu; entity: {string.Join(" | ", AuditService.Entities.Keys)}; page: trang (50 bản ghi), mới nhất trước. total đếm bản ghi: một lần nhập tệp là một bản ghi cho mỗi xã, và items liệt kê từng giá trị nó thay đổi (action create|update|delete)."
            );
        audit
            .MapGet("/audit.xlsx", Export)
            .Produces(StatusCodes.Status200OK, contentType: AuditWorkbook.ContentType)
            .WithSummary("Xuất nhật ký thay đổi đã lọc ra tệp Excel")
            .WithDescription(
                $"Cùng tham số và quyền như /api/v1/audit (không phân trang); tối đa {AuditService.MaxExportRows} bản ghi mới nhất (một lần nhập tệp cho một xã có một dòng cho mỗi giá trị thay đổi)."
            );
        return app;
    }

    private static async Task<IResult> GetHistory(string code, int year, string? set, AuditService audit, CancellationToken ct)
    {
        var (rows, outcome) = await audit.HistoryAsync(code, year, set, ct);
        return rows is null ? ApiProblems.From(outcome) : TypedResults.Ok(rows);
    }

    private static async Task<IResult> Search(
        string? user,
        string? unit,
        string? from,
        string? to,
        string? entity,
        int? page,
        AuditService audit,
        CancellationToken ct
    )
    {
        var (filter, invalid) = Filter(user, unit, from, to, entity);
        if (filter is null)
            return invalid!;
        var (result, outcome) = await audit.SearchAsync(filter, page ?? 1, ct);
        return result is null ? ApiProblems.From(outcome) : TypedResults.Ok(result);
    }

    private static async Task<IResult> Export(
        string? user,
        string? unit,
        string? from,
        string? to,
        string? entity,
        AuditService audit,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var (filter, invalid) = Filter(user, unit, from, to, entity);
        if (filter is null)
            return invalid!;
        var now = clock.GetUtcNow().UtcDateTime;
        var (content, outcome) = await audit.ExportAsync(filter, now, ct);
        return content is null
            ? ApiProblems.From(outcome)
            : TypedResults.File(content, AuditWorkbook.ContentType, AuditWorkbook.FileName(now));
    }

    private static (AuditFilter? Filter, IResult? Invalid) Filter(string? user, string? unit, string? from, string? to, string? entity)
    {
        var problems = new List<Problem>();
        var fromDate = Date("from", from, problems);
        var toDate = Date("to", to, problems);
        return problems.Count > 0
            ? (null, ApiProblems.Invalid("Ngày không hợp lệ.", problems))
            : (new AuditFilter(user, unit, fromDate, toDate, string.IsNullOrWhiteSpace(entity) ? null : entity.Trim()), null);
    }

    private static DateOnly? Date(string field, string? text, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        problems.Add(new Problem(field, $"\"{text}\" không phải ngày dạng yyyy-MM-dd (ví dụ 2026-03-31)."));
        return null;
    }
}
