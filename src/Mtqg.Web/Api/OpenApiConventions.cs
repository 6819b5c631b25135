using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Mtqg.Web.Api;

/// <summary>
/// What every operation of the OpenAPI document gets in one place, so that an endpoint added later gets it too:
/// an operationId derived from its method and route, a description, the bearer scheme where sign-in is required,
/// the problem+json answers its metadata implies (400, 401/403, 404, 409/412, 413, 429), and files as binary.
/// </summary>
public static class OpenApiConventions
{
    public const string BearerScheme = "Bearer";
    private const string ProblemJson = "application/problem+json";

    public static void Apply(OpenApiOptions options)
    {
        options.AddDocumentTransformer(DescribeDocument);
        options.AddOperationTransformer(DescribeOperation);
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "MTQG — API v1";
        document.Info.Description =
            "Hệ thống quản lý, giám sát Chương trình mục tiêu quốc gia (nông thôn mới, giảm nghèo, vùng đồng bào dân tộc thiểu số và miền núi). Lỗi trả về dạng application/problem+json với thông báo tiếng Việt.";
        document.Info.Contact = new OpenApiContact { Name = "MTQG — Văn phòng Điều phối" };
        // Relative: the same document is served on every host and port (and checked in as openapi/v1.json).
        document.Servers = [new OpenApiServer { Url = "/", Description = "Máy chủ phục vụ tài liệu này" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description =
                "Mã truy cập lấy từ POST /api/v1/auth/token (accessToken), gửi trong tiêu đề Authorization: Bearer <mã truy cập>.",
        };
        return Task.CompletedTask;
    }

    private static async Task DescribeOperation(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        CancellationToken ct
    )
    {
        var description = context.Description;
        var method = description.HttpMethod ?? "GET";
        var path = "/" + (description.RelativePath ?? "").Split('?')[0];
        operation.OperationId ??= OperationId(method, path);
        if (string.IsNullOrWhiteSpace(operation.Description))
            operation.Description = operation.Summary;
        operation.Responses ??= [];
        DescribeFiles(operation, description);

        var metadata = description.ActionDescriptor.EndpointMetadata;
        var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var validates = operation.RequestBody is not null || operation.Parameters is { Count: > 0 };
        var mutates = method is "POST" or "PUT" or "DELETE" or "PATCH";
        var text = $"{operation.Summary} {operation.Description}";
        var upload = operation.RequestBody?.Content?.Keys.Any(k => k.StartsWith("multipart/", StringComparison.Ordinal)) == true;
        var rateLimited = path == "/api/v1/auth/token" || (method == "GET" && path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase));

        if (validates)
            await AddProblemAsync(operation, context, 400, "Dữ liệu không hợp lệ (errors nêu từng trường sai)", validation: true, ct);
        if (secured)
        {
            await AddProblemAsync(operation, context, 401, "Chưa đăng nhập", validation: false, ct);
            await AddProblemAsync(operation, context, 403, "Không có quyền", validation: false, ct);
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
            ];
        }
        if (path.Contains('{', StringComparison.Ordinal))
            await AddProblemAsync(operation, context, 404, "Không tìm thấy", validation: false, ct);
        if (mutates)
            await AddProblemAsync(operation, context, 409, "Xung đột với trạng thái hiện tại", validation: false, ct);
        // Decision 0016: a correction or deletion may send the version it read in If-Match; so may an endpoint that says so.
        if (method is "PUT" or "DELETE" || text.Contains("If-Match", StringComparison.Ordinal))
            await AddProblemAsync(operation, context, 412, "Dữ liệu đã thay đổi kể từ khi đọc (If-Match)", validation: false, ct);
        if (metadata.OfType<Features.Closing.RefusedWhenClosedMetadata>().Any())
            await AddProblemAsync(operation, context, 423, "Kỳ số liệu đã khóa sổ (nêu người khóa, thời điểm)", validation: false, ct);
        if (upload)
            await AddProblemAsync(operation, context, 413, "Tệp quá lớn", validation: false, ct);
        if (rateLimited)
            await AddProblemAsync(operation, context, 429, "Quá nhiều yêu cầu (xem Retry-After)", validation: false, ct);
    }

    /// <summary>A file answer (.Produces(200, contentType: "application/vnd…sheet")) is documented as its media type, binary.</summary>
    private static void DescribeFiles(OpenApiOperation operation, Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description)
    {
        foreach (var type in description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>())
        {
            var key = type.StatusCode.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses!.TryGetValue(key, out var found) || found is not OpenApiResponse response)
                continue;
            foreach (var mediaType in type.ContentTypes.Where(f => !f.Contains("json", StringComparison.Ordinal)))
            {
                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                if (!response.Content.TryGetValue(mediaType, out var media))
                    response.Content[mediaType] = media = new OpenApiMediaType();
                media.Schema ??= new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            }
        }
    }

    private static async Task AddProblemAsync(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        int status,
        string description,
        bool validation,
        CancellationToken ct
    )
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        var type = validation ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
        var name = type.Name;
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(name))
            document.AddComponent(name, await context.GetOrCreateSchemaAsync(type, cancellationToken: ct));
        var schema = new OpenApiSchemaReference(name, document);
        if (operation.Responses!.TryGetValue(key, out var existing))
        {
            // Keep a schema the endpoint declared (a typed result), but always as problem+json.
            if (existing is OpenApiResponse known && known.Content is { } content && !content.ContainsKey(ProblemJson))
                content[ProblemJson] = new OpenApiMediaType { Schema = schema };
            return;
        }
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
        };
    }

    /// <summary>
    /// A stable camelCase id from the method and the route: GET /api/v1/communes/{code}/years/{year}/scorecard is
    /// getCommunesByCodeYearsByYearScorecard (unique, since no two endpoints share a method and a route).
    /// </summary>
    public static string OperationId(string method, string path)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        var trimmed = path.StartsWith("/api/v1/", StringComparison.Ordinal) ? path["/api/v1/".Length..] : path.TrimStart('/');
        foreach (var segment in trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries))
        // "{code}.xlsx" is a parameter and a literal: ByCodeXlsx.
        foreach (var part in System.Text.RegularExpressions.Regex.Split(segment, "({[^}]+})").Where(p => p.Length > 0))
        {
            if (part.StartsWith('{'))
            {
                id.Append("By");
                Pascal(id, part.Trim('{', '}').Split(':')[0]);
            }
            else
                Pascal(id, part);
        }
        return id.ToString();
    }

    private static void Pascal(StringBuilder id, string text)
    {
        foreach (var word in text.Split(['-', '.', '_'], StringSplitOptions.RemoveEmptyEntries))
            id.Append(char.ToUpperInvariant(word[0])).Append(word[1..]);
    }
}
