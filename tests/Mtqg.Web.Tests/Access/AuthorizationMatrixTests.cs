using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Access;

/// <summary>
/// Every API endpoint the app maps must be declared here with its access rule, and every role is
/// tried against its own unit and another unit. An endpoint added without a rule fails this test.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    public enum Scope
    {
        Own,
        Other,
    }

    private sealed record Case(Rule Rule, Func<Scope, Ids, HttpRequestMessage> Request);

    /// <summary>Who may call: anyone; administrators; or a predicate on the role and whether the target is the account's own unit.</summary>
    private sealed record Rule(string Name, Func<string, Scope, bool> Allows)
    {
        public static readonly Rule Public = new("public", (_, _) => true);
        public static readonly Rule Admin = new("admin", (role, _) => role == "admin");

        public static Rule Own(string name, params string[] roles) =>
            new(name, (role, scope) => role == "admin" || scope == Scope.Own && roles.Contains(role));

        public static Rule Roles(string name, params string[] roles) => new(name, (role, _) => role == "admin" || roles.Contains(role));
    }

    /// <summary>Ids made in the test's database: an account of each province, to be managed; a dossier (with a file), a decision and a title of each;
    /// plans, lists, assignments, visits and recommendations of each province (the demo data in 15, made by the administrator in 01); rows to delete, one per call.</summary>
    private sealed record Ids(string OwnUser, string OtherUser, Pair Dossier, Pair File, Pair Decision, Pair Title)
    {
        public Dictionary<Scope, Things> Of { get; } = [];
        public int this[Scope s, string what] => Of[s].Id[what];

        public int Next(Scope s, string what) => Of[s].ToDelete[what].Dequeue();
    }

    private sealed record Things(Dictionary<string, int> Id, Dictionary<string, Queue<int>> ToDelete);

    private sealed record Pair(int Own, int Other)
    {
        public int Of(Scope s) => s == Scope.Own ? Own : Other;
    }

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n");

    private static HttpRequestMessage Upload(HttpMethod method, string url) =>
        new(method, url) { Content = new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "minh-chung.pdf" } } };

    // Own unit: province 15 (Lào Cai), commune 02989 (Xã Bảo Hà). Other unit: province 01 (Hà Nội), commune 00376 (Xã Sóc Sơn).
    private static string Province(Scope s) => s == Scope.Own ? "15" : "01";

    private static string Commune(Scope s) => s == Scope.Own ? "02989" : "00376";

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Send(HttpMethod method, string url, object body) =>
        new(method, url) { Content = JsonContent.Create(body) };

    private static readonly Rule ReadPlans = Rule.Own("read-plans", "coordinator", "appraiser", "agency", "viewer");
    private static readonly Rule Manage = Rule.Own("manage-plans", "coordinator");
    private static readonly Rule SignedIn = Rule.Roles("signed-in", "coordinator", "appraiser", "agency", "commune", "viewer");

    // demo.giupdo's agency is assigned Xã Bảo Hà (02989), so it reads it like the province's accounts and its officer do.
    private static readonly Rule ReadCommune = Rule.Own("read-commune", "coordinator", "appraiser", "agency", "viewer", "commune");
    private static string Today => Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow).ToString("yyyy-MM-dd");

    /// <summary>Every endpoint's case, in two parts (AuthorizationMatrixTests.Cases*.cs); a key declared twice fails here.</summary>
    private static Dictionary<string, Case> Matrix =>
        matrix ??= CasesOfAccountsAndData().Concat(CasesOfWorkflows()).ToDictionary(c => c.Key, c => c.Value);

    private static Dictionary<string, Case>? matrix;

    private static readonly (string Role, string? UserName)[] Accounts =
    [
        ("anonymous", null),
        ("admin", "demo.admin"),
        ("coordinator", "demo.dieuphoi"),
        ("appraiser", "demo.thamdinh"),
        ("agency", "demo.giupdo"),
        ("commune", "demo.xa"),
        ("viewer", "demo.xem"),
    ];

    [Fact]
    public async Task Every_api_endpoint_has_a_declared_rule()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var undeclared = ApiEndpoints(app).Where(e => !Matrix.ContainsKey(e)).ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without an access rule in the matrix: " + string.Join(", ", undeclared));
        var gone = Matrix.Keys.Except(ApiEndpoints(app)).ToList();
        Assert.True(gone.Count == 0, "Rules for endpoints the app no longer maps: " + string.Join(", ", gone));
    }

    [Fact]
    public async Task Every_role_is_allowed_or_refused_on_its_own_unit_and_another_unit_as_declared()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var dossiers = new Pair(await CreateDossierAsync(admin, "02989"), await CreateDossierAsync(admin, "00376"));
        var files = new Pair(await UploadAsync(admin, dossiers.Own), await UploadAsync(admin, dossiers.Other));
        var (decisions, titles) = await RecognisedAsync(app);
        var ids = new Ids(
            await CreateViewerAsync(admin, "xem.laocai", "15"),
            await CreateViewerAsync(admin, "xem.hanoi", "01"),
            dossiers,
            files,
            decisions,
            titles
        );
        ids.Of[Scope.Own] = await OwnThingsAsync(admin);
        ids.Of[Scope.Other] = await OtherThingsAsync(admin);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (role, userName) in Accounts)
            clients[role] = userName is null ? app.CreateClient() : await app.ClientAsAsync(userName);

        var wrong = new List<string>();
        foreach (var (endpoint, @case) in Matrix.OrderBy(m => m.Key))
        foreach (var scope in new[] { Scope.Own, Scope.Other })
        foreach (var (role, _) in Accounts)
        {
            var response = await clients[role].SendAsync(@case.Request(scope, ids));
            var status = (int)response.StatusCode;
            var allowed = role != "anonymous" && @case.Rule.Allows(role, scope) || @case.Rule == Rule.Public;
            var expected =
                allowed ? "allowed"
                : role == "anonymous" ? "401"
                : "403";
            var actual = status switch
            {
                401 => "401",
                403 => "403",
                >= 500 => $"error {status}",
                _ => "allowed",
            };
            if (expected != actual)
                wrong.Add($"{endpoint} [{@case.Rule.Name}] as {role} on {scope} unit: expected {expected}, got {status}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
