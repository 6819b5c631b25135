using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Mtqg.Domain.Criteria;
using Mtqg.Web.Api;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.CriteriaSets;

public static class CriteriaSetsApi
{
    public static IServiceCollection AddCriteriaSets(this IServiceCollection services) =>
        services.AddScoped<CriteriaSetService>().AddScoped<CriteriaSetSeeder>();

    public static IEndpointRouteBuilder MapCriteriaSetsApi(this IEndpointRouteBuilder app)
    {
        var sets = app.MapGroup("/api/v1/criteria-sets").WithTags("Bộ tiêu chí");
        sets.MapGet("/", List).AllowAnonymous().WithSummary("Danh sách bộ tiêu chí");
        sets.MapGet("/{code}", Get).AllowAnonymous().WithSummary("Một bộ tiêu chí ở định dạng trao đổi (DESIGN §6)");
        sets.MapPost("/", Create)
            .RequireAuthorization(Policies.Admin)
            .Accepts<CriteriaSetDocument>("application/json")
            .WithSummary("Tạo bộ tiêu chí từ định dạng trao đổi")
            .WithDescription(
                "Kiểm tra toàn bộ (số tiêu chí và mã chỉ tiêu không trùng, mức và nhóm có thật, kiểu giá trị hợp với quy tắc, không trùng dòng ngưỡng); có lỗi thì trả 400 liệt kê mọi lỗi và không ghi gì. Ngưỡng null nghĩa là chưa biết ngưỡng chính thức."
            );
        return app;
    }

    public sealed record CriteriaSetListItem(string Code, string Name, int ValidFrom, int ValidTo, string Status);

    private static async Task<Ok<IEnumerable<CriteriaSetListItem>>> List(CriteriaSetService service, CancellationToken ct) =>
        TypedResults.Ok(
            (await service.ListAsync(ct)).Select(s => new CriteriaSetListItem(s.Code, s.Name, s.ValidFrom, s.ValidTo, s.Status))
        );

    private static async Task<Results<JsonHttpResult<CriteriaSetDocument>, ProblemHttpResult>> Get(
        string code,
        CriteriaSetService service,
        CancellationToken ct
    ) =>
        await service.GetAsync(code, ct) is { } doc
            ? TypedResults.Json(doc, CriteriaSetSeeder.JsonOptions)
            : ApiProblems.NotFound($"Không có bộ tiêu chí mã \"{code}\".");

    private static async Task<IResult> Create(HttpRequest request, CriteriaSetService service, UploadGate gate, CancellationToken ct)
    {
        // Administrators only (checked before the body is read); the body is bounded like any uploaded file (decision 0018).
        if (UploadGate.RefuseLength(request, gate.CriteriaSetBytes, UploadGate.CriteriaSetSetting) is { } tooLarge)
            return UploadPages.Answer(tooLarge);
        UploadGate.LimitBody(request.HttpContext, gate.CriteriaSetBytes, UploadGate.CriteriaSetSetting);
        var (doc, error) = await ReadAsync(request.Body, ct);
        if (doc is null)
            return ApiProblems.Invalid("$", error!);
        var outcome = await service.CreateAsync(doc, ct);
        return outcome.IsDone
            ? TypedResults.Created(
                $"/api/v1/criteria-sets/{Uri.EscapeDataString(doc.Code!)}",
                new CriteriaSetListItem(doc.Code!, doc.Name!, doc.ValidFrom!.Value, doc.ValidTo!.Value, doc.Status ?? "draft")
            )
            : ApiProblems.From(outcome);
    }

    /// <summary>Reads an interchange document; a malformed one gets a Vietnamese message with its line and position.</summary>
    public static async Task<(CriteriaSetDocument? Doc, string? Error)> ReadAsync(Stream body, CancellationToken ct)
    {
        try
        {
            var doc = await JsonSerializer.DeserializeAsync<CriteriaSetDocument>(body, CriteriaSetSeeder.JsonOptions, ct);
            return doc is null ? (null, "Nội dung trống: cần một bộ tiêu chí dạng JSON.") : (doc, null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is long line ? $" (dòng {line + 1}, vị trí {e.BytePositionInLine + 1})" : "";
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $", tại {e.Path}";
            if (e.Message.Contains("uplicate", StringComparison.Ordinal))
                return (null, $"JSON không hợp lệ{where}{field}: một trường có hai lần trong cùng đối tượng; ghi mỗi trường một lần.");
            return (null, $"JSON không hợp lệ{where}{field}: kiểm tra dấu ngoặc, dấu phẩy và kiểu giá trị (số, chuỗi, true/false).");
        }
    }
}
