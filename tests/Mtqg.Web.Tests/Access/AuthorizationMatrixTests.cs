using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Access;

/// <summary>
/// Every API endpoint the app maps must be declared here with its access rule, and every role is
/// tried against its own unit and another unit. An endpoint added without a rule fails this test.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    public enum Scope { Own, Other }

    private sealed record Case(Rule Rule, Func<Scope, Ids, HttpRequestMessage> Request);

    /// <summary>Who may call: anyone; administrators; or a predicate on the role and whether the target is the account's own unit.</summary>
    private sealed record Rule(string Name, Func<string, Scope, bool> Allows)
    {
        public static readonly Rule Public = new("public", (_, _) => true);
        public static readonly Rule Admin = new("admin", (role, _) => role == "admin");
        public static Rule Own(string name, params string[] roles) => new(name, (role, scope) => role == "admin" || scope == Scope.Own && roles.Contains(role));
        public static Rule Roles(string name, params string[] roles) => new(name, (role, _) => role == "admin" || roles.Contains(role));
    }

    /// <summary>Ids made in the test's database: an account of each province, to be managed.</summary>
    private sealed record Ids(string OwnUser, string OtherUser);

    // Own unit: province 15 (Lào Cai), commune 02989 (Xã Bảo Hà). Other unit: province 01 (Hà Nội), commune 00376 (Xã Sóc Sơn).
    private static string Province(Scope s) => s == Scope.Own ? "15" : "01";
    private static string Commune(Scope s) => s == Scope.Own ? "02989" : "00376";
    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);
    private static HttpRequestMessage Send(HttpMethod method, string url, object body) => new(method, url) { Content = JsonContent.Create(body) };

    private static readonly Dictionary<string, Case> Matrix = new()
    {
        ["GET /health"] = new(Rule.Public, (_, _) => Get("/health")),
        ["POST /api/v1/auth/token"] = new(Rule.Public, (_, _) => Send(HttpMethod.Post, "/api/v1/auth/token", new { userName = "demo.xem", password = "Demo@2026" })),
        ["GET /api/v1/units/"] = new(Rule.Public, (s, _) => Get($"/api/v1/units?parent={Province(s)}")),
        ["GET /api/v1/units/{code}"] = new(Rule.Public, (s, _) => Get($"/api/v1/units/{Commune(s)}")),
        ["GET /api/v1/criteria-sets/"] = new(Rule.Public, (_, _) => Get("/api/v1/criteria-sets")),
        ["GET /api/v1/criteria-sets/{code}"] = new(Rule.Public, (_, _) => Get("/api/v1/criteria-sets/DEMO-MINH-HOA")),
        ["POST /api/v1/criteria-sets/"] = new(Rule.Admin, (_, _) => Send(HttpMethod.Post, "/api/v1/criteria-sets", new { code = "X" })),
        ["GET /api/v1/provinces/{code}/years/{year:int}/summary"] = new(Rule.Public, (s, _) => Get($"/api/v1/provinces/{Province(s)}/years/2026/summary")),
        ["GET /api/v1/years/{year:int}/summary"] = new(Rule.Public, (_, _) => Get("/api/v1/years/2026/summary")),
        ["GET /api/v1/provinces/{code}/years/{year:int}/scorecards.xlsx"] = new(Rule.Public, (s, _) => Get($"/api/v1/provinces/{Province(s)}/years/2026/scorecards.xlsx")),
        ["GET /api/v1/years/{year:int}/scorecards.xlsx"] = new(Rule.Public, (_, _) => Get("/api/v1/years/2026/scorecards.xlsx")),
        ["GET /api/v1/communes/{code}/years/{year:int}/scorecard"] = new(Rule.Own("read-commune", "coordinator", "appraiser", "agency", "viewer", "commune"),
            (s, _) => Get($"/api/v1/communes/{Commune(s)}/years/2026/scorecard?set=DEMO-MINH-HOA")),
        ["GET /api/v1/communes/{code}/years/{year:int}/history"] = new(Rule.Own("read-commune", "coordinator", "appraiser", "agency", "viewer", "commune"),
            (s, _) => Get($"/api/v1/communes/{Commune(s)}/years/2026/history?set=DEMO-MINH-HOA")),
        ["PUT /api/v1/communes/{code}/years/{year:int}/values"] = new(Rule.Own("enter-values", "coordinator", "commune"),
            (s, _) => Send(HttpMethod.Put, $"/api/v1/communes/{Commune(s)}/years/2026/values?set=DEMO-MINH-HOA", new { values = new Dictionary<string, object> { ["1.2"] = 90 } })),
        ["PUT /api/v1/communes/{code}/criteria-sets/{set}/group"] = new(Rule.Own("assign-groups", "coordinator"),
            (s, _) => Send(HttpMethod.Put, $"/api/v1/communes/{Commune(s)}/criteria-sets/DEMO-MINH-HOA/group?year=2026", new { group = "G2" })),
        ["GET /api/v1/provinces/{code}/years/{year:int}/workbook"] = new(Rule.Own("read-province", "coordinator", "appraiser", "agency", "viewer"),
            (s, _) => Get($"/api/v1/provinces/{Province(s)}/years/2026/workbook?set=DEMO-MINH-HOA")),
        ["POST /api/v1/provinces/{code}/years/{year:int}/workbook"] = new(Rule.Own("enter-values", "coordinator", "commune"), (s, _) =>
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes($"Mã xã,1.2\r\n{Commune(s)},91\r\n")), "file", "so-lieu.csv" } };
            return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/provinces/{Province(s)}/years/2026/workbook?set=DEMO-MINH-HOA") { Content = form };
        }),
        ["POST /api/v1/users/"] = new(Rule.Own("manage-users", "coordinator"),
            (s, _) => Send(HttpMethod.Post, "/api/v1/users", new { userName = $"moi.{s}".ToLowerInvariant(), password = "Mat-khau-2026", displayName = "Mới", role = "viewer", unitCode = Province(s) })),
        ["GET /api/v1/users/"] = new(Rule.Roles("manage-users", "coordinator"), (_, _) => Get("/api/v1/users")),
        ["PUT /api/v1/users/{id}"] = new(Rule.Own("manage-users", "coordinator"),
            (s, ids) => Send(HttpMethod.Put, $"/api/v1/users/{(s == Scope.Own ? ids.OwnUser : ids.OtherUser)}", new { displayName = "Đổi tên", role = "viewer", unitCode = Province(s) })),
        ["PUT /api/v1/users/{id}/disabled"] = new(Rule.Own("manage-users", "coordinator"),
            (s, ids) => Send(HttpMethod.Put, $"/api/v1/users/{(s == Scope.Own ? ids.OwnUser : ids.OtherUser)}/disabled", new { disabled = false })),
        ["PUT /api/v1/users/{id}/password"] = new(Rule.Own("manage-users", "coordinator"),
            (s, ids) => Send(HttpMethod.Put, $"/api/v1/users/{(s == Scope.Own ? ids.OwnUser : ids.OtherUser)}/password", new { password = "Mat-khau-Moi-2026" })),
        ["GET /api/v1/audit"] = new(Rule.Roles("search-audit", "coordinator"), (s, _) => Get($"/api/v1/audit?unit={Province(s)}")),
        ["GET /api/v1/audit.xlsx"] = new(Rule.Roles("search-audit", "coordinator"), (s, _) => Get($"/api/v1/audit.xlsx?unit={Province(s)}")),
    };

    private static readonly (string Role, string? UserName)[] Accounts =
    [
        ("anonymous", null), ("admin", "demo.admin"), ("coordinator", "demo.dieuphoi"), ("appraiser", "demo.thamdinh"),
        ("agency", "demo.giupdo"), ("commune", "demo.xa"), ("viewer", "demo.xem"),
    ];

    [Fact]
    public async Task Every_api_endpoint_has_a_declared_rule()
    {
        await using var app = await MtqgApp.StartAsync();
        var undeclared = ApiEndpoints(app).Where(e => !Matrix.ContainsKey(e)).ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without an access rule in the matrix: " + string.Join(", ", undeclared));
        var gone = Matrix.Keys.Except(ApiEndpoints(app)).ToList();
        Assert.True(gone.Count == 0, "Rules for endpoints the app no longer maps: " + string.Join(", ", gone));
    }

    [Fact]
    public async Task Every_role_is_allowed_or_refused_on_its_own_unit_and_another_unit_as_declared()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var ids = new Ids(await CreateViewerAsync(admin, "xem.laocai", "15"), await CreateViewerAsync(admin, "xem.hanoi", "01"));
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (role, userName) in Accounts) clients[role] = userName is null ? app.CreateClient() : await app.ClientAsAsync(userName);

        var wrong = new List<string>();
        foreach (var (endpoint, @case) in Matrix.OrderBy(m => m.Key))
            foreach (var scope in new[] { Scope.Own, Scope.Other })
                foreach (var (role, _) in Accounts)
                {
                    var response = await clients[role].SendAsync(@case.Request(scope, ids));
                    var status = (int)response.StatusCode;
                    var allowed = role != "anonymous" && @case.Rule.Allows(role, scope) || @case.Rule == Rule.Public;
                    var expected = allowed ? "allowed" : role == "anonymous" ? "401" : "403";
                    var actual = status switch { 401 => "401", 403 => "403", >= 500 => $"error {status}", _ => "allowed" };
                    if (expected != actual) wrong.Add($"{endpoint} [{@case.Rule.Name}] as {role} on {scope} unit: expected {expected}, got {status}");
                }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static List<string> ApiEndpoints(MtqgApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } p && (p.StartsWith("/api/", StringComparison.Ordinal) || p == "/health"))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct().OrderBy(e => e).ToList();

    private static async Task<string> CreateViewerAsync(HttpClient admin, string userName, string province)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { userName, password = "Mat-khau-2026", displayName = userName, role = "viewer", unitCode = province });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
