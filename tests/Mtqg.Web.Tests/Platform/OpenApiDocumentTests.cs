using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Platform;

/// <summary>
/// The OpenAPI document as the app serves it: what an integrator (and the generated client of Mtqg.Api.Tests) relies on.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private static async Task<JsonElement> DocumentAsync(MtqgApp app) =>
        JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement.Clone();

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement doc) =>
        doc.GetProperty("paths")
            .EnumerateObject()
            .SelectMany(p =>
                p.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)).Select(o => (p.Name, o.Name.ToUpperInvariant(), o.Value))
            );

    [Fact]
    public async Task Every_operation_has_a_unique_operationId_a_typed_success_and_problem_json_refusals()
    {
        await using var app = await MtqgApp.StartAsync();
        var doc = await DocumentAsync(app);
        var operations = Operations(doc).ToList();
        Assert.True(operations.Count > 90, $"only {operations.Count} operations");

        var ids = operations.Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Operation.GetProperty("operationId").GetString())));
        Assert.Empty(ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Contains("getCommunesByCodeYearsByYearScorecard", ids);

        foreach (var (path, method, operation) in operations)
        {
            var where = $"{method} {path}";
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            var successes = responses.Where(r => r.Name.StartsWith('2')).ToList();
            Assert.True(successes.Count > 0, $"{where}: no 2xx answer");
            foreach (var success in successes.Where(s => s.Name != "204"))
            {
                Assert.True(success.Value.TryGetProperty("content", out var content), $"{where} {success.Name}: no content");
                foreach (var media in content.EnumerateObject())
                {
                    Assert.True(media.Value.TryGetProperty("schema", out var schema), $"{where} {success.Name} {media.Name}: no schema");
                    if (!media.Name.Contains("json", StringComparison.Ordinal))
                        Assert.Equal("binary", schema.GetProperty("format").GetString());
                }
            }
            foreach (var refusal in responses.Where(r => r.Name.StartsWith('4')))
            {
                var content = refusal.Value.GetProperty("content");
                Assert.True(
                    content.TryGetProperty("application/problem+json", out var problem),
                    $"{where} {refusal.Name}: not problem+json"
                );
                var reference = problem.GetProperty("schema").GetProperty("$ref").GetString();
                Assert.True(
                    reference is "#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails",
                    $"{where} {refusal.Name}: {reference}"
                );
            }
            if (path.Contains('{'))
                Assert.True(responses.Any(r => r.Name == "404"), $"{where}: no 404 for a route with an id");
            if (operation.TryGetProperty("requestBody", out _))
                Assert.True(responses.Any(r => r.Name == "400"), $"{where}: takes a body but documents no 400");
        }
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("HttpValidationProblemDetails").GetProperty("properties").TryGetProperty("errors", out _));
        var workbook = doc.GetProperty("paths").GetProperty("/api/v1/provinces/{code}/years/{year}/workbook").GetProperty("get");
        Assert.True(
            workbook
                .GetProperty("responses")
                .GetProperty("200")
                .GetProperty("content")
                .TryGetProperty("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out _)
        );
    }

    /// <summary>
    /// The bearer scheme is on exactly the operations whose endpoint requires authorization — read from the endpoints
    /// themselves — and an anonymous call of each secured operation is indeed refused with 401.
    /// </summary>
    [Fact]
    public async Task The_bearer_scheme_is_on_the_operations_that_require_sign_in_and_only_on_them()
    {
        await using var app = await MtqgApp.StartAsync();
        var doc = await DocumentAsync(app);
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        Assert.Contains("/api/v1/auth/token", scheme.GetProperty("description").GetString());

        var secured = app
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e =>
                (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                    $"{m} {Route(e.RoutePattern.RawText!)}"
                )
            )
            .ToHashSet();
        var client = app.CreateClient();
        var anonymous = 0;
        foreach (var (path, method, operation) in Operations(doc))
        {
            var key = $"{method} {path}";
            var documented = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            Assert.True(documented == secured.Contains(key), $"{key}: security documented {documented}, required {!documented}");
            if (documented)
            {
                Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{key}: no 401");
                Assert.True(operation.GetProperty("responses").TryGetProperty("403", out _), $"{key}: no 403");
                var url = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "2026");
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{key} without a token: {(int)response.StatusCode}");
            }
            else
                anonymous++;
        }
        Assert.True(anonymous > 5, "the anonymous operations (units, criteria sets, summaries, token) carry no security");
        var token = doc.GetProperty("paths").GetProperty("/api/v1/auth/token").GetProperty("post");
        Assert.False(token.TryGetProperty("security", out _));
        Assert.Equal("Lấy mã truy cập (bearer token)", token.GetProperty("summary").GetString());
    }

    /// <summary>
    /// openapi/v1.json is the document the app serves, byte for byte once indented: the generated client (Mtqg.Api.Tests)
    /// and Spectral (.ci/run) read that file. When the API changes, run this test with MTQG_UPDATE_OPENAPI=1 to rewrite it.
    /// The app's document is also written to artifacts/openapi/v1.json.
    /// </summary>
    [Fact]
    public async Task The_checked_in_openapi_v1_json_is_the_document_the_app_serves()
    {
        await using var app = await MtqgApp.StartAsync();
        var served = Indented(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var root = RepositoryRoot();
        var artifacts = Path.Combine(root, "artifacts", "openapi");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllTextAsync(Path.Combine(artifacts, "v1.json"), served);
        var checkedIn = Path.Combine(root, "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable("MTQG_UPDATE_OPENAPI") == "1")
            await File.WriteAllTextAsync(checkedIn, served);
        Assert.True(
            served == Indented(await File.ReadAllTextAsync(checkedIn)),
            "openapi/v1.json differs from the app's document (artifacts/openapi/v1.json): rerun this test with MTQG_UPDATE_OPENAPI=1 and commit it."
        );
    }

    private static string Route(string pattern) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(pattern.Trim('/'), "{([^}:?]+)[^}]*}", "{$1}");

    private static string Indented(string json) =>
        JsonNode
            .Parse(json)!
            .ToJsonString(
                new JsonSerializerOptions
                {
                    WriteIndented = true,
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                }
            ) + "\n";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mtqg.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("Mtqg.slnx not found above " + AppContext.BaseDirectory);
    }
}
