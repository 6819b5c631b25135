using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Access;

/// <summary>
/// Every API endpoint the app maps must be declared here with its access rule, and every role is
/// tried against its own unit and another unit. An endpoint added without a rule fails this test.
/// </summary>
public sealed class AuthorizationMatrixTests
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

    private static readonly Dictionary<string, Case> Matrix = new()
    {
        ["GET /health"] = new(Rule.Public, (_, _) => Get("/health")),
        ["POST /api/v1/auth/token"] = new(Rule.Public, (_, _) =>
            Send(HttpMethod.Post, "/api/v1/auth/token", new { userName = "demo.xem", password = "Demo@2026" })
        ),
        // Each account's own mail settings: any signed-in account, on itself only.
        ["GET /api/v1/me/notifications/"] = new(SignedIn, (_, _) => Get("/api/v1/me/notifications")),
        ["PUT /api/v1/me/notifications/"] = new(SignedIn, (_, _) =>
            Send(HttpMethod.Put, "/api/v1/me/notifications", new { email = "thu@example.vn", choice = "daily" })
        ),
        ["GET /api/v1/units/"] = new(Rule.Public, (s, _) => Get($"/api/v1/units?parent={Province(s)}")),
        ["GET /api/v1/units/{code}"] = new(Rule.Public, (s, _) => Get($"/api/v1/units/{Commune(s)}")),
        ["GET /api/v1/provinces/{code}/departments/"] = new(Rule.Public, (s, _) => Get($"/api/v1/provinces/{Province(s)}/departments")),
        ["POST /api/v1/provinces/{code}/departments/"] = new(Rule.Own("manage-departments", "coordinator"), (s, _) =>
        {
            var code = $"T{Guid.NewGuid():N}"[..12].ToUpperInvariant();
            return Send(HttpMethod.Post, $"/api/v1/provinces/{Province(s)}/departments", new { code, name = $"Sở thử {code}" });
        }),
        ["PUT /api/v1/provinces/{code}/departments/{deptCode}"] = new(Rule.Own("manage-departments", "coordinator"), (s, _) =>
            Send(HttpMethod.Put, $"/api/v1/provinces/{Province(s)}/departments/SXD", new { name = "Sở Xây dựng" })
        ),
        ["GET /api/v1/programmes/"] = new(Rule.Public, (_, _) => Get("/api/v1/programmes?year=2025")),
        ["PUT /api/v1/programmes/{code}/components/{component}"] = new(Rule.Admin, (_, _) =>
            Send(HttpMethod.Put, "/api/v1/programmes/ntm-2021-2025/components/3", new { name = "Nội dung thử" })
        ),
        // A province's capital plan: its office writes; its office, appraisers and viewers read (an empty plan is a valid plan).
        // Projects: the province's office (and finance department) writes; its office, appraisers and viewers read; the investor
        // commune (demo.xa is the investor of the own-unit project) reads its project and enters its disbursement.
        ["GET /api/v1/projects/"] = new(Rule.Own("read-projects", "coordinator", "appraiser", "viewer", "commune"), (s, _) =>
            Get($"/api/v1/projects?province={Province(s)}")
        ),
        ["POST /api/v1/projects/"] = new(Rule.Own("write-projects", "coordinator"), (s, _) =>
            Send(HttpMethod.Post, "/api/v1/projects", ProjectBody(s))
        ),
        ["GET /api/v1/projects/{id:int}"] = new(Rule.Own("read-project", "coordinator", "appraiser", "viewer", "commune"), (s, ids) =>
            Get($"/api/v1/projects/{ids[s, "project"]}")
        ),
        ["PUT /api/v1/projects/{id:int}"] = new(Rule.Own("write-projects", "coordinator"), (s, ids) =>
            Send(HttpMethod.Put, $"/api/v1/projects/{ids[s, "project"]}", ProjectBody(s))
        ),
        ["PUT /api/v1/projects/{id:int}/years/{year:int}"] = new(Rule.Own("write-projects", "coordinator"), (s, ids) =>
            Send(
                HttpMethod.Put,
                $"/api/v1/projects/{ids[s, "project"]}/years/2025",
                new { allocated = new[] { new { source = "local", amount = 100_000_000L } } }
            )
        ),
        ["PUT /api/v1/projects/{id:int}/disbursements/{month}"] = new(Rule.Own("enter-disbursement", "coordinator", "commune"), (s, ids) =>
            Send(
                HttpMethod.Put,
                $"/api/v1/projects/{ids[s, "project"]}/disbursements/2025-03",
                new { disbursed = new[] { new { source = "local", amount = 0L } } }
            )
        ),
        ["GET /api/v1/provinces/{code}/years/{year:int}/disbursement"] = new(
            Rule.Own("read-projects", "coordinator", "appraiser", "viewer"),
            (s, _) => Get($"/api/v1/provinces/{Province(s)}/years/2025/disbursement")
        ),
        ["GET /api/v1/years/{year:int}/disbursement"] = new(Rule.Public, (_, _) => Get("/api/v1/years/2025/disbursement")),
        // The province's month sheet: its office (and finance department) downloads and loads it; asked before the file is read.
        ["GET /api/v1/provinces/{code}/disbursements/{month}.xlsx"] = new(Rule.Own("write-projects", "coordinator"), (s, _) =>
            Get($"/api/v1/provinces/{Province(s)}/disbursements/2025-03.xlsx")
        ),
        ["POST /api/v1/provinces/{code}/disbursements/{month}"] = new(Rule.Own("write-projects", "coordinator"), (s, _) =>
            Upload(HttpMethod.Post, $"/api/v1/provinces/{Province(s)}/disbursements/2025-03")
        ),
        // A commune-year's contributions and construction debt: read as the commune's projects; written by its officer and the
        // province's coordination office (and finance department, see the Money tests).
        ["GET /api/v1/communes/{code}/years/{year:int}/contributions"] = new(
            Rule.Own("read-commune-money", "coordinator", "appraiser", "viewer", "commune"),
            (s, _) => Get($"/api/v1/communes/{Commune(s)}/years/2025/contributions")
        ),
        ["PUT /api/v1/communes/{code}/years/{year:int}/contributions"] = new(
            Rule.Own("write-commune-money", "coordinator", "commune"),
            (s, _) =>
                Send(
                    HttpMethod.Put,
                    $"/api/v1/communes/{Commune(s)}/years/2025/contributions",
                    new
                    {
                        cash = 1_000_000L,
                        landSquareMetres = 10L,
                        workdays = 5L,
                        inKind = 0L,
                    }
                )
        ),
        ["GET /api/v1/communes/{code}/years/{year:int}/construction-debt"] = new(
            Rule.Own("read-commune-money", "coordinator", "appraiser", "viewer", "commune"),
            (s, _) => Get($"/api/v1/communes/{Commune(s)}/years/2025/construction-debt")
        ),
        ["PUT /api/v1/communes/{code}/years/{year:int}/construction-debt"] = new(
            Rule.Own("write-commune-money", "coordinator", "commune"),
            (s, _) => Send(HttpMethod.Put, $"/api/v1/communes/{Commune(s)}/years/2025/construction-debt", new { amount = 0L })
        ),
        ["GET /api/v1/provinces/{code}/years/{year:int}/capital"] = new(
            Rule.Own("read-capital", "coordinator", "appraiser", "viewer"),
            (s, _) => Get($"/api/v1/provinces/{Province(s)}/years/2025/capital")
        ),
        ["GET /api/v1/provinces/{code}/years/{year:int}/capital/versions"] = new(
            Rule.Own("read-capital", "coordinator", "appraiser", "viewer"),
            (s, _) => Get($"/api/v1/provinces/{Province(s)}/years/2025/capital/versions")
        ),
        ["GET /api/v1/provinces/{code}/years/{year:int}/capital.xlsx"] = new(
            Rule.Own("read-capital", "coordinator", "appraiser", "viewer"),
            (s, _) => Get($"/api/v1/provinces/{Province(s)}/years/2025/capital.xlsx")
        ),
        ["PUT /api/v1/provinces/{code}/years/{year:int}/capital"] = new(Rule.Own("write-capital", "coordinator"), (s, _) =>
            Send(HttpMethod.Put, $"/api/v1/provinces/{Province(s)}/years/2025/capital", new { rows = Array.Empty<object>() })
        ),
        // Once allowed, the file (not a workbook) is refused with 400.
        ["POST /api/v1/provinces/{code}/years/{year:int}/capital"] = new(Rule.Own("write-capital", "coordinator"), (s, _) =>
            Upload(HttpMethod.Post, $"/api/v1/provinces/{Province(s)}/years/2025/capital")
        ),
        ["GET /api/v1/criteria-sets/"] = new(Rule.Public, (_, _) => Get("/api/v1/criteria-sets")),
        ["GET /api/v1/criteria-sets/{code}"] = new(Rule.Public, (_, _) => Get("/api/v1/criteria-sets/DEMO-MINH-HOA")),
        // A province's set: its coordination office (the province named in the body); an invalid body answers 400 once allowed.
        ["POST /api/v1/criteria-sets/"] = new(Rule.Own("manage-sets", "coordinator"), (s, _) =>
            Send(HttpMethod.Post, "/api/v1/criteria-sets", new { code = "X", province = Province(s) })
        ),
        ["GET /api/v1/criteria-sets/{code}.xlsx"] = new(Rule.Public, (_, _) => Get("/api/v1/criteria-sets/DEMO-MINH-HOA.xlsx")),
        // National sets: administrators only (they answer 409: published sets never change); province sets in ProvinceSetsApiTests.
        ["PUT /api/v1/criteria-sets/{code}"] = new(Rule.Admin, (_, _) =>
            Send(HttpMethod.Put, "/api/v1/criteria-sets/DEMO-MINH-HOA", new { code = "DEMO-MINH-HOA" })
        ),
        ["POST /api/v1/criteria-sets/{code}/publish"] = new(Rule.Admin, (_, _) =>
            new(HttpMethod.Post, "/api/v1/criteria-sets/DEMO-MINH-HOA/publish")
        ),
        ["POST /api/v1/criteria-sets/{code}/withdraw"] = new(Rule.Admin, (_, _) =>
            new(HttpMethod.Post, "/api/v1/criteria-sets/NTM-XA-2026-2030/withdraw")
        ),
        // A copy for a province: its coordination office; without a code it answers 400 once allowed.
        ["POST /api/v1/criteria-sets/{code}/copies"] = new(Rule.Own("manage-sets", "coordinator"), (s, _) =>
            Send(HttpMethod.Post, "/api/v1/criteria-sets/NTM-XA-2026-2030/copies", new { code = "", province = Province(s) })
        ),
        ["GET /api/v1/provinces/{code}/years/{year:int}/summary"] = new(Rule.Public, (s, _) =>
            Get($"/api/v1/provinces/{Province(s)}/years/2026/summary")
        ),
        ["GET /api/v1/years/{year:int}/summary"] = new(Rule.Public, (_, _) => Get("/api/v1/years/2026/summary")),
        ["GET /api/v1/years/{year:int}/map"] = new(Rule.Public, (_, _) => Get("/api/v1/years/2026/map")),
        ["GET /api/v1/provinces/{code}/years/{year:int}/scorecards.xlsx"] = new(Rule.Public, (s, _) =>
            Get($"/api/v1/provinces/{Province(s)}/years/2026/scorecards.xlsx")
        ),
        ["GET /api/v1/years/{year:int}/scorecards.xlsx"] = new(Rule.Public, (_, _) => Get("/api/v1/years/2026/scorecards.xlsx")),
        ["GET /api/v1/communes/{code}/years/{year:int}/scorecard"] = new(
            Rule.Own("read-commune", "coordinator", "appraiser", "agency", "viewer", "commune"),
            (s, _) => Get($"/api/v1/communes/{Commune(s)}/years/2026/scorecard?set=DEMO-MINH-HOA")
        ),
        ["GET /api/v1/communes/{code}/years/{year:int}/history"] = new(
            Rule.Own("read-commune", "coordinator", "appraiser", "agency", "viewer", "commune"),
            (s, _) => Get($"/api/v1/communes/{Commune(s)}/years/2026/history?set=DEMO-MINH-HOA")
        ),
        ["PUT /api/v1/communes/{code}/years/{year:int}/values"] = new(Rule.Own("enter-values", "coordinator", "commune"), (s, _) =>
            Send(
                HttpMethod.Put,
                $"/api/v1/communes/{Commune(s)}/years/2026/values?set=DEMO-MINH-HOA",
                new { values = new Dictionary<string, object> { ["1.2"] = 90 } }
            )
        ),
        // Poverty (DESIGN §12): the standards are public; a commune's review result is read like its data, entered by its
        // officer or the province's office, approved and reopened by the office; the province summary like its detailed data.
        ["GET /api/v1/poverty-standards"] = new(Rule.Public, (_, _) => Get("/api/v1/poverty-standards")),
        ["GET /api/v1/communes/{code}/years/{year:int}/poverty"] = new(ReadCommune, (s, _) =>
            Get($"/api/v1/communes/{Commune(s)}/years/2025/poverty")
        ),
        ["PUT /api/v1/communes/{code}/years/{year:int}/poverty"] = new(Rule.Own("enter-poverty", "coordinator", "commune"), (s, _) => Send(
                HttpMethod.Put,
                $"/api/v1/communes/{Commune(s)}/years/2025/poverty",
                new
                {
                    households = 1000,
                    poor = 80,
                    nearPoor = 60,
                }
            )),
        ["POST /api/v1/communes/{code}/years/{year:int}/poverty/approve"] = new(Manage, (s, _) =>
            Send(HttpMethod.Post, $"/api/v1/communes/{Commune(s)}/years/2025/poverty/approve", new { })
        ),
        ["POST /api/v1/communes/{code}/years/{year:int}/poverty/reopen"] = new(Manage, (s, _) =>
            Send(HttpMethod.Post, $"/api/v1/communes/{Commune(s)}/years/2025/poverty/reopen", new { reason = "Sửa số hộ" })
        ),
        ["GET /api/v1/provinces/{code}/years/{year:int}/poverty"] = new(
            Rule.Own("read-province", "coordinator", "appraiser", "viewer"),
            (s, _) => Get($"/api/v1/provinces/{Province(s)}/years/2025/poverty")
        ),
        // "Việc chờ tôi" (issue 17): every signed-in account has its own list.
        ["GET /api/v1/my-work"] = new(Rule.Roles("signed-in", "coordinator", "appraiser", "agency", "viewer", "commune"), (_, _) =>
            Get("/api/v1/my-work")
        ),
        // Reports (issue 16): the catalog for every account; a province's report for those who read its detailed data.
        ["GET /api/v1/reports/"] = new(Rule.Roles("signed-in", "coordinator", "appraiser", "agency", "viewer", "commune"), (_, _) =>
            Get("/api/v1/reports")
        ),
        ["GET /api/v1/reports/{code}.xlsx"] = new(Rule.Own("read-province", "coordinator", "appraiser", "viewer"), (s, _) =>
            Get($"/api/v1/reports/poverty.xlsx?province={Province(s)}&year=2025")
        ),
        ["GET /api/v1/reports/{code}.docx"] = new(Rule.Own("read-province", "coordinator", "appraiser", "viewer"), (s, _) =>
            Get($"/api/v1/reports/recognition.docx?province={Province(s)}&year=2025")
        ),
        ["GET /api/v1/provinces/{code}/years/{year:int}/poverty.xlsx"] = new(
            Rule.Own("read-province", "coordinator", "appraiser", "viewer"),
            (s, _) => Get($"/api/v1/provinces/{Province(s)}/years/2025/poverty.xlsx")
        ),
        // The province's coordination office loads the whole province; once allowed, the file (not a workbook) is refused with 400.
        ["POST /api/v1/provinces/{code}/years/{year:int}/poverty"] = new(Rule.Own("manage-province", "coordinator"), (s, _) =>
            Upload(HttpMethod.Post, $"/api/v1/provinces/{Province(s)}/years/2025/poverty")
        ),
        // Closing (DESIGN §13): the province's office closes and reopens a year (2030: no other case writes it); those who read
        // the province's detailed data read the state.
        ["GET /api/v1/provinces/{code}/years/{year:int}/close"] = new(
            Rule.Own("read-province", "coordinator", "appraiser", "viewer"),
            (s, _) => Get($"/api/v1/provinces/{Province(s)}/years/2030/close")
        ),
        ["POST /api/v1/provinces/{code}/years/{year:int}/close"] = new(Rule.Own("manage-province", "coordinator"), (s, _) =>
            Send(HttpMethod.Post, $"/api/v1/provinces/{Province(s)}/years/2030/close", new { parts = new[] { "money" } })
        ),
        ["POST /api/v1/provinces/{code}/years/{year:int}/reopen"] = new(Rule.Own("manage-province", "coordinator"), (s, _) =>
            Send(HttpMethod.Post, $"/api/v1/provinces/{Province(s)}/years/2030/reopen", new { parts = new[] { "money" }, reason = "Thử" })
        ),
        // The reporting calendar: read like the province's detailed data, changed by its office (an unknown report: 400 once allowed).
        ["GET /api/v1/provinces/{code}/years/{year:int}/report-calendar"] = new(
            Rule.Own("read-province", "coordinator", "appraiser", "viewer"),
            (s, _) => Get($"/api/v1/provinces/{Province(s)}/years/2030/report-calendar")
        ),
        ["POST /api/v1/provinces/{code}/years/{year:int}/report-calendar"] = new(Rule.Own("manage-province", "coordinator"), (s, _) =>
            Send(
                HttpMethod.Post,
                $"/api/v1/provinces/{Province(s)}/years/2030/report-calendar",
                new { report = "khong-co", dueOn = "2030-12-31" }
            )
        ),
        ["POST /api/v1/report-calendar/{id:int}/sent"] = new(Rule.Own("manage-province", "coordinator"), (s, ids) =>
            Send(HttpMethod.Post, $"/api/v1/report-calendar/{ids[s, "deadline"]}/sent", new { sentOn = "2099-01-01" })
        ),
        ["DELETE /api/v1/report-calendar/{id:int}/"] = new(Rule.Own("manage-province", "coordinator"), (s, ids) =>
            new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/report-calendar/{ids[s, "deadline"]}")
        ),
        // The national export of a province-year: those who read the province's detailed data.
        ["GET /api/v1/provinces/{code}/years/{year:int}/national-export"] = new(
            Rule.Own("read-province", "coordinator", "appraiser", "viewer"),
            (s, _) => Get($"/api/v1/provinces/{Province(s)}/years/2025/national-export")
        ),
        ["GET /api/v1/provinces/{code}/years/{year:int}/national-export.xlsx"] = new(
            Rule.Own("read-province", "coordinator", "appraiser", "viewer"),
            (s, _) => Get($"/api/v1/provinces/{Province(s)}/years/2025/national-export.xlsx")
        ),
        ["PUT /api/v1/communes/{code}/criteria-sets/{set}/group"] = new(Rule.Own("assign-groups", "coordinator"), (s, _) =>
            Send(HttpMethod.Put, $"/api/v1/communes/{Commune(s)}/criteria-sets/DEMO-MINH-HOA/group?year=2026", new { group = "G2" })
        ),
        // An agency reads only the communes it is assigned to, not a province's detailed values.
        ["GET /api/v1/provinces/{code}/years/{year:int}/workbook"] = new(
            Rule.Own("read-province", "coordinator", "appraiser", "viewer"),
            (s, _) => Get($"/api/v1/provinces/{Province(s)}/years/2026/workbook?set=DEMO-MINH-HOA")
        ),
        ["POST /api/v1/provinces/{code}/years/{year:int}/workbook"] = new(Rule.Own("enter-values", "coordinator", "commune"), (s, _) =>
        {
            var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(Encoding.UTF8.GetBytes($"Mã xã,1.2\r\n{Commune(s)},91\r\n")), "file", "so-lieu.csv" },
            };
            return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/provinces/{Province(s)}/years/2026/workbook?set=DEMO-MINH-HOA")
            {
                Content = form,
            };
        }),
        ["POST /api/v1/users/"] = new(Rule.Own("manage-users", "coordinator"), (s, _) => Send(
                HttpMethod.Post,
                "/api/v1/users",
                new
                {
                    userName = $"moi.{s}".ToLowerInvariant(),
                    password = "Mat-khau-2026",
                    displayName = "Mới",
                    role = "viewer",
                    unitCode = Province(s),
                }
            )),
        ["GET /api/v1/users/"] = new(Rule.Roles("manage-users", "coordinator"), (_, _) => Get("/api/v1/users")),
        ["GET /api/v1/users/{id}"] = new(Rule.Own("manage-users", "coordinator"), (s, ids) =>
            Get($"/api/v1/users/{(s == Scope.Own ? ids.OwnUser : ids.OtherUser)}")
        ),
        ["PUT /api/v1/users/{id}"] = new(Rule.Own("manage-users", "coordinator"), (s, ids) => Send(
                HttpMethod.Put,
                $"/api/v1/users/{(s == Scope.Own ? ids.OwnUser : ids.OtherUser)}",
                new
                {
                    displayName = "Đổi tên",
                    role = "viewer",
                    unitCode = Province(s),
                }
            )),
        ["PUT /api/v1/users/{id}/disabled"] = new(Rule.Own("manage-users", "coordinator"), (s, ids) =>
            Send(HttpMethod.Put, $"/api/v1/users/{(s == Scope.Own ? ids.OwnUser : ids.OtherUser)}/disabled", new { disabled = false })
        ),
        ["PUT /api/v1/users/{id}/password"] = new(Rule.Own("manage-users", "coordinator"), (s, ids) =>
            Send(
                HttpMethod.Put,
                $"/api/v1/users/{(s == Scope.Own ? ids.OwnUser : ids.OtherUser)}/password",
                new { password = "Mat-khau-Moi-2026" }
            )
        ),
        ["POST /api/v1/dossiers/"] = new(Rule.Own("edit-dossier", "commune"), (s, _) => Send(
                HttpMethod.Post,
                "/api/v1/dossiers",
                new
                {
                    commune = Commune(s),
                    year = 2026,
                    set = "DEMO-MINH-HOA",
                    level = "NTM",
                }
            )),
        ["GET /api/v1/dossiers/"] = new(Rule.Roles("read-dossiers", "coordinator", "appraiser", "agency", "commune", "viewer"), (s, _) =>
            Get($"/api/v1/dossiers?province={Province(s)}")
        ),
        ["GET /api/v1/dossiers/{id:int}"] = new(
            Rule.Own("read-commune", "coordinator", "appraiser", "agency", "viewer", "commune"),
            (s, ids) => Get($"/api/v1/dossiers/{ids.Dossier.Of(s)}")
        ),
        ["PUT /api/v1/dossiers/{id:int}"] = new(Rule.Own("edit-dossier", "commune"), (s, ids) =>
            Send(HttpMethod.Put, $"/api/v1/dossiers/{ids.Dossier.Of(s)}", new { note = "Ghi chú" })
        ),
        ["POST /api/v1/dossiers/{id:int}/submit"] = new(Rule.Own("edit-dossier", "commune"), (s, ids) =>
            new(HttpMethod.Post, $"/api/v1/dossiers/{ids.Dossier.Of(s)}/submit")
        ),
        ["POST /api/v1/dossiers/{id:int}/resubmit"] = new(Rule.Own("edit-dossier", "commune"), (s, ids) =>
            new(HttpMethod.Post, $"/api/v1/dossiers/{ids.Dossier.Of(s)}/resubmit")
        ),
        // Criterion 1 of the demo set belongs to Sở Xây dựng, demo.thamdinh's department.
        ["POST /api/v1/dossiers/{id:int}/criteria/{number:int}/appraisal"] = new(Rule.Own("appraise", "appraiser"), (s, ids) =>
            Send(HttpMethod.Post, $"/api/v1/dossiers/{ids.Dossier.Of(s)}/criteria/1/appraisal", new { result = "met" })
        ),
        ["POST /api/v1/dossiers/{id:int}/conditions/{code}/appraisal"] = new(Rule.Own("coordinate", "coordinator"), (s, ids) =>
            Send(HttpMethod.Post, $"/api/v1/dossiers/{ids.Dossier.Of(s)}/conditions/KM2/appraisal", new { met = true })
        ),
        ["POST /api/v1/dossiers/{id:int}/criteria/{number:int}/send-back"] = new(Rule.Own("appraise", "appraiser"), (s, ids) =>
            Send(HttpMethod.Post, $"/api/v1/dossiers/{ids.Dossier.Of(s)}/criteria/1/send-back", new { reason = "Thiếu minh chứng" })
        ),
        ["POST /api/v1/dossiers/{id:int}/council"] = new(Rule.Own("coordinate", "coordinator"), (s, ids) => Send(
                HttpMethod.Post,
                $"/api/v1/dossiers/{ids.Dossier.Of(s)}/council",
                new
                {
                    date = Today,
                    members = new[] { "A", "B" },
                    votesFor = 2,
                    votesAgainst = 0,
                    conclusion = "Đề nghị",
                }
            )),
        ["POST /api/v1/dossiers/decision"] = new(Rule.Own("coordinate", "coordinator"), (s, ids) => Send(
                HttpMethod.Post,
                "/api/v1/dossiers/decision",
                new
                {
                    number = "5/QĐ-UBND",
                    date = Today,
                    signer = "Chủ tịch",
                    dossiers = new[] { ids.Dossier.Of(s) },
                }
            )),
        ["GET /api/v1/dossiers/{id:int}/evidence"] = new(
            Rule.Own("read-commune", "coordinator", "appraiser", "agency", "viewer", "commune"),
            (s, ids) => Get($"/api/v1/dossiers/{ids.Dossier.Of(s)}/evidence")
        ),
        ["GET /api/v1/dossiers/{id:int}/evidence/{fileId:int}"] = new(
            Rule.Own("read-commune", "coordinator", "appraiser", "agency", "viewer", "commune"),
            (s, ids) => Get($"/api/v1/dossiers/{ids.Dossier.Of(s)}/evidence/{ids.File.Of(s)}")
        ),
        ["DELETE /api/v1/dossiers/{id:int}/evidence/{fileId:int}"] = new(Rule.Own("edit-dossier", "commune"), (s, ids) =>
            new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/dossiers/{ids.Dossier.Of(s)}/evidence/{ids.File.Of(s)}")
        ),
        ["POST /api/v1/dossiers/{id:int}/evidence"] = new(Rule.Own("edit-dossier", "commune"), (s, ids) =>
            Upload(HttpMethod.Post, $"/api/v1/dossiers/{ids.Dossier.Of(s)}/evidence")
        ),
        ["GET /api/v1/dossiers/{id:int}/workbook"] = new(
            Rule.Own("read-commune", "coordinator", "appraiser", "agency", "viewer", "commune"),
            (s, ids) => Get($"/api/v1/dossiers/{ids.Dossier.Of(s)}/workbook")
        ),
        ["GET /api/v1/decisions/"] = new(Rule.Public, (s, _) => Get($"/api/v1/decisions?province={Province(s)}")),
        ["GET /api/v1/decisions.xlsx"] = new(Rule.Public, (s, _) => Get($"/api/v1/decisions.xlsx?province={Province(s)}")),
        ["GET /api/v1/decisions/{id:int}/pdf"] = new(Rule.Public, (s, ids) => Get($"/api/v1/decisions/{ids.Decision.Of(s)}/pdf")),
        ["PUT /api/v1/decisions/{id:int}/pdf"] = new(Rule.Own("coordinate", "coordinator"), (s, ids) =>
            Upload(HttpMethod.Put, $"/api/v1/decisions/{ids.Decision.Of(s)}/pdf")
        ),
        ["POST /api/v1/decisions/revocations"] = new(Rule.Own("coordinate", "coordinator"), (s, ids) => Send(
                HttpMethod.Post,
                "/api/v1/decisions/revocations",
                new
                {
                    number = "9/QĐ-UBND",
                    date = Today,
                    signer = "Chủ tịch",
                    titles = new[] { ids.Title.Of(s) },
                    reason = "Rà soát",
                }
            )),
        ["GET /api/v1/communes/{code}/titles"] = new(Rule.Public, (s, _) => Get($"/api/v1/communes/{Commune(s)}/titles")),
        ["POST /api/v1/titles/"] = new(Rule.Own("coordinate", "coordinator"), (s, _) => Send(
                HttpMethod.Post,
                "/api/v1/titles",
                new
                {
                    communeCode = Commune(s),
                    level = "NTM",
                    decisionNumber = "77/QĐ-UBND",
                    decisionDate = "2024-12-20",
                }
            )),
        ["GET /api/v1/titles/workbook"] = new(Rule.Roles("signed-in", "coordinator", "appraiser", "agency", "viewer", "commune"), (_, _) =>
            Get("/api/v1/titles/workbook")
        ),
        // Any coordination office may send a file (each row is then checked against its province).
        ["POST /api/v1/titles/workbook"] = new(Rule.Roles("record-titles", "coordinator"), (_, _) =>
            Upload(HttpMethod.Post, "/api/v1/titles/workbook")
        ),
        ["POST /api/v1/titles/acknowledgements"] = new(Rule.Own("coordinate", "coordinator"), (s, ids) => Send(
                HttpMethod.Post,
                "/api/v1/titles/acknowledgements",
                new
                {
                    communeCode = Commune(s),
                    level = "NTM",
                    decisionNumber = "78/QĐ-UBND",
                    decisionDate = "2025-09-01",
                    basedOn = new[] { ids.Title.Of(s) },
                }
            )),
        ["GET /api/v1/years/{year:int}/maintenance-review"] = new(Rule.Own("read-province", "coordinator", "appraiser", "viewer"), (s, _) =>
            Get($"/api/v1/years/2027/maintenance-review?province={Province(s)}")
        ),
        ["GET /api/v1/audit"] = new(Rule.Roles("search-audit", "coordinator"), (s, _) => Get($"/api/v1/audit?unit={Province(s)}")),
        ["GET /api/v1/audit.xlsx"] = new(Rule.Roles("search-audit", "coordinator"), (s, _) =>
            Get($"/api/v1/audit.xlsx?unit={Province(s)}")
        ),

        ["GET /api/v1/commune-lists/"] = new(ReadPlans, (s, _) => Get($"/api/v1/commune-lists?province={Province(s)}")),
        ["GET /api/v1/commune-lists/{id:int}"] = new(ReadPlans, (s, ids) => Get($"/api/v1/commune-lists/{ids[s, "list"]}")),
        ["POST /api/v1/commune-lists/"] = new(Manage, (s, _) => Send(
                HttpMethod.Post,
                "/api/v1/commune-lists",
                new
                {
                    provinceCode = Province(s),
                    name = "Danh sách mới",
                    communes = new[] { Commune(s) },
                }
            )),
        ["PUT /api/v1/commune-lists/{id:int}"] = new(Manage, (s, ids) =>
            Send(HttpMethod.Put, $"/api/v1/commune-lists/{ids[s, "list"]}", new { name = "Đổi tên", communes = new[] { Commune(s) } })
        ),
        ["DELETE /api/v1/commune-lists/{id:int}"] = new(Manage, (s, ids) =>
            new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/commune-lists/{ids.Next(s, "list")}")
        ),
        ["GET /api/v1/plans/"] = new(ReadPlans, (s, _) => Get($"/api/v1/plans?province={Province(s)}")),
        ["POST /api/v1/plans/"] = new(Manage, (s, _) => Send(
                HttpMethod.Post,
                "/api/v1/plans",
                new
                {
                    provinceCode = Province(s),
                    number = "1/KH-MT",
                    issuer = "UBND tỉnh",
                    issuedOn = "2026-01-02",
                    periodFrom = "2026-01-01",
                    periodTo = "2026-12-31",
                    title = "Kế hoạch thử",
                }
            )),
        ["GET /api/v1/plans/{id:int}"] = new(ReadPlans, (s, ids) => Get($"/api/v1/plans/{ids[s, "plan"]}")),
        ["PUT /api/v1/plans/{id:int}"] = new(Manage, (s, ids) => Send(
                HttpMethod.Put,
                $"/api/v1/plans/{ids[s, "plan"]}",
                new
                {
                    number = s == Scope.Own ? "239/KH-BCĐ" : "9/KH-HN",
                    issuer = "UBND tỉnh",
                    issuedOn = "2026-01-02",
                    periodFrom = "2026-01-01",
                    periodTo = "2026-12-31",
                    title = "Kế hoạch (sửa)",
                }
            )),
        ["DELETE /api/v1/plans/{id:int}"] = new(Manage, (s, ids) =>
            new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/plans/{ids.Next(s, "plan")}")
        ),
        ["DELETE /api/v1/plans/{id:int}/targets/{targetId:int}"] = new(Manage, (s, ids) =>
            new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/plans/{ids[s, "plan"]}/targets/{ids.Next(s, "target")}")
        ),
        ["POST /api/v1/plans/{id:int}/targets"] = new(Manage, (s, ids) => Send(
                HttpMethod.Post,
                $"/api/v1/plans/{ids[s, "plan"]}/targets",
                new
                {
                    kind = "activity",
                    name = "Hoạt động thử",
                    unit = "lớp",
                    goal = 3,
                }
            )),
        ["POST /api/v1/plans/{id:int}/targets/{targetId:int}/progress"] = new(
            Rule.Own("record-progress", "coordinator", "agency"),
            (s, ids) =>
                Send(
                    HttpMethod.Post,
                    $"/api/v1/plans/{ids[s, "plan"]}/targets/{ids[s, "target"]}/progress",
                    new
                    {
                        date = "2026-02-01",
                        amount = 1,
                        evidence = "Biên bản",
                    }
                )
        ),
        ["PUT /api/v1/plans/{id:int}/file"] = new(Manage, (s, ids) =>
        {
            var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(Encoding.UTF8.GetBytes("%PDF-1.4 thử")), "file", "ke-hoach.pdf" },
            };
            return new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{ids[s, "plan"]}/file") { Content = form };
        }),
        ["GET /api/v1/plans/{id:int}/file"] = new(ReadPlans, (s, ids) => Get($"/api/v1/plans/{ids[s, "plan"]}/file")),
        ["GET /api/v1/plans/{id:int}/updates/{updateId:int}/file"] = new(ReadPlans, (s, ids) =>
            Get($"/api/v1/plans/{ids[s, "plan"]}/updates/1/file")
        ),
        ["GET /api/v1/plans/{id:int}/targets.xlsx"] = new(ReadPlans, (s, ids) => Get($"/api/v1/plans/{ids[s, "plan"]}/targets.xlsx")),
        ["GET /api/v1/assignments/"] = new(ReadPlans, (s, _) => Get($"/api/v1/assignments?province={Province(s)}")),
        ["GET /api/v1/assignments/{id:int}"] = new(ReadPlans, (s, ids) => Get($"/api/v1/assignments/{ids[s, "assignment"]}")),
        ["POST /api/v1/assignments/"] = new(Manage, (s, _) => Send(
                HttpMethod.Post,
                "/api/v1/assignments",
                new
                {
                    provinceCode = Province(s),
                    agency = "Sở Nội vụ",
                    communes = new[] { Commune(s) },
                    from = "2026-01-01",
                    to = "2026-12-31",
                    leader = "Phó Giám đốc",
                }
            )),
        ["PUT /api/v1/assignments/{id:int}"] = new(Manage, (s, ids) => Send(
                HttpMethod.Put,
                $"/api/v1/assignments/{ids[s, "assignment"]}",
                new
                {
                    agency = "Cơ quan thử",
                    communes = new[] { Commune(s) },
                    from = "2026-01-01",
                    to = "2026-12-31",
                    leader = "Giám đốc",
                }
            )),
        ["DELETE /api/v1/assignments/{id:int}"] = new(Manage, (s, ids) =>
            new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/assignments/{ids.Next(s, "assignment")}")
        ),
        ["GET /api/v1/agencies/{id:int}"] = new(ReadPlans, (s, ids) => Get($"/api/v1/agencies/{ids[s, "agency"]}")),
        ["GET /api/v1/visits/"] = new(ReadPlans, (s, _) => Get($"/api/v1/visits?province={Province(s)}")),
        ["GET /api/v1/visits/{id:int}"] = new(ReadCommune, (s, ids) => Get($"/api/v1/visits/{ids[s, "visit"]}")),
        ["PUT /api/v1/visits/{id:int}"] = new(Rule.Own("write-visit", "agency"), (s, ids) =>
            Send(HttpMethod.Put, $"/api/v1/visits/{ids[s, "visit"]}", new { content = "Làm việc (đã sửa)" })
        ),
        ["DELETE /api/v1/visits/{id:int}"] = new(Rule.Own("write-visit", "agency"), (s, ids) =>
            new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/visits/{ids.Next(s, "visit")}")
        ),
        ["POST /api/v1/visits/"] = new(Rule.Own("write-visit", "agency"), (s, ids) => Send(
                HttpMethod.Post,
                "/api/v1/visits",
                new
                {
                    date = Today,
                    agencyId = ids[s, "agency"],
                    communeCode = Commune(s),
                    participants = new[] { "Phó Giám đốc" },
                    content = "Làm việc",
                    recommendations = Array.Empty<object>(),
                }
            )),
        ["GET /api/v1/recommendations/"] = new(ReadPlans, (s, _) => Get($"/api/v1/recommendations?province={Province(s)}")),
        ["GET /api/v1/recommendations.xlsx"] = new(ReadPlans, (s, _) => Get($"/api/v1/recommendations.xlsx?province={Province(s)}")),
        ["GET /api/v1/recommendations/{id:int}"] = new(ReadCommune, (s, ids) => Get($"/api/v1/recommendations/{ids[s, "recommendation"]}")),
        // The recommendation of each province is addressed to Sở Xây dựng: demo.thamdinh is that department in 15.
        ["POST /api/v1/recommendations/{id:int}/response"] = new(Rule.Own("answer", "appraiser"), (s, ids) =>
            Send(HttpMethod.Post, $"/api/v1/recommendations/{ids[s, "recommendation"]}/response", new { text = "Đang xử lý" })
        ),
        ["POST /api/v1/recommendations/{id:int}/close"] = new(Rule.Own("answer", "appraiser"), (s, ids) =>
            Send(HttpMethod.Post, $"/api/v1/recommendations/{ids[s, "recommendation"]}/close", new { text = "Đã xong" })
        ),
        ["POST /api/v1/recommendations/{id:int}/not-applicable"] = new(Rule.Own("answer", "appraiser"), (s, ids) =>
            Send(HttpMethod.Post, $"/api/v1/recommendations/{ids[s, "recommendation"]}/not-applicable", new { text = "Không thuộc" })
        ),
        ["POST /api/v1/recommendations/{id:int}/reopen"] = new(Rule.Own("reopen", "coordinator", "agency"), (s, ids) =>
            Send(HttpMethod.Post, $"/api/v1/recommendations/{ids[s, "recommendation"]}/reopen", new { text = "Chưa xong" })
        ),
    };

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

    private static List<string> ApiEndpoints(MtqgApp app) =>
        app
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } p && (p.StartsWith("/api/", StringComparison.Ordinal) || p == "/health"))
            .SelectMany(e =>
                (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m =>
                    $"{m} {e.RoutePattern.RawText}"
                )
            )
            .Distinct()
            .OrderBy(e => e)
            .ToList();

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url) => await client.GetFromJsonAsync<JsonElement>(url);

    /// <summary>A report calendar entry already sent: a "sent" call then refuses its (future) day, a delete refuses a sent entry — neither changes it.</summary>
    private static async Task<int> SentDeadlineAsync(HttpClient admin, string province)
    {
        var id = await PostAsync(
            admin,
            $"/api/v1/provinces/{province}/years/2026/report-calendar",
            new { report = "money", dueOn = "2026-12-31" }
        );
        var sent = await admin.PostAsJsonAsync($"/api/v1/report-calendar/{id}/sent", new { });
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        return id;
    }

    private static async Task<int> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<Dictionary<string, Queue<int>>> DeletableAsync(
        HttpClient admin,
        string province,
        string commune,
        int agency,
        int planId
    )
    {
        var lists = new Queue<int>();
        var assignments = new Queue<int>();
        var visits = new Queue<int>();
        var plans = new Queue<int>();
        var targets = new Queue<int>();
        for (var i = 0; i < Accounts.Length; i++)
        {
            plans.Enqueue(
                await PostAsync(
                    admin,
                    "/api/v1/plans",
                    new
                    {
                        provinceCode = province,
                        number = $"{i}/KH-XOA",
                        issuer = "UBND",
                        issuedOn = "2026-01-02",
                        periodFrom = "2026-01-01",
                        periodTo = "2026-12-31",
                        title = "Lập nhầm",
                    }
                )
            );
            targets.Enqueue(
                await PostAsync(
                    admin,
                    $"/api/v1/plans/{planId}/targets",
                    new
                    {
                        kind = "activity",
                        name = $"Thêm nhầm {i}",
                        unit = "lớp",
                        goal = 1,
                    }
                )
            );
            lists.Enqueue(
                await PostAsync(
                    admin,
                    "/api/v1/commune-lists",
                    new
                    {
                        provinceCode = province,
                        name = $"Xóa {i}",
                        communes = new[] { commune },
                    }
                )
            );
            assignments.Enqueue(
                await PostAsync(
                    admin,
                    "/api/v1/assignments",
                    new
                    {
                        provinceCode = province,
                        agency = "Cơ quan thử",
                        communes = new[] { commune },
                        from = "2026-01-01",
                        to = "2026-12-31",
                        leader = "A",
                    }
                )
            );
            visits.Enqueue(
                await PostAsync(
                    admin,
                    "/api/v1/visits",
                    new
                    {
                        date = "2026-11-20",
                        agencyId = agency,
                        communeCode = commune,
                        participants = new[] { "Chuyên viên" },
                        content = $"Ghi nhầm {i}",
                    }
                )
            );
        }
        return new()
        {
            ["list"] = lists,
            ["assignment"] = assignments,
            ["visit"] = visits,
            ["plan"] = plans,
            ["target"] = targets,
        };
    }

    /// <summary>A valid project of the scope's province, its commune the investor.</summary>
    private static object ProjectBody(Scope s) =>
        new
        {
            provinceCode = Province(s),
            name = "Đường liên thôn",
            kind = "investment",
            programme = "ntm-2021-2025",
            investor = new { communeCode = Commune(s) },
            communes = new[] { Commune(s) },
            startYear = 2024,
            endYear = 2025,
            approvedTotal = 500_000_000L,
            sources = new[] { new { source = "local", amount = 500_000_000L } },
        };

    private static async Task<Things> OwnThingsAsync(HttpClient admin)
    {
        var plan = (await JsonAsync(admin, "/api/v1/plans?province=15"))[0].GetProperty("id").GetInt32();
        var target = (await JsonAsync(admin, $"/api/v1/plans/{plan}"))
            .GetProperty("targets")
            .EnumerateArray()
            .First(t => t.GetProperty("kind").GetString() == "activity" && t.GetProperty("agencyName").GetString() == "Sở Tài chính")
            .GetProperty("id")
            .GetInt32();
        var agency = (await JsonAsync(admin, "/api/v1/assignments?province=15"))
            .EnumerateArray()
            .First(a => a.GetProperty("agencyName").GetString() == "Sở Tài chính")
            .GetProperty("agencyId")
            .GetInt32();
        var recommendation = (await JsonAsync(admin, "/api/v1/recommendations?commune=02989"))
            .EnumerateArray()
            .First(r => r.GetProperty("sector").GetString() == "SXD")
            .GetProperty("id")
            .GetInt32();
        var id = new Dictionary<string, int>
        {
            ["plan"] = plan,
            ["target"] = target,
            ["agency"] = agency,
            ["recommendation"] = recommendation,
            ["list"] = (await JsonAsync(admin, "/api/v1/commune-lists?province=15"))[0].GetProperty("id").GetInt32(),
            ["visit"] = (await JsonAsync(admin, "/api/v1/visits?commune=02989"))
                .EnumerateArray()
                .First(v => v.GetProperty("agencyName").GetString() == "Sở Tài chính")
                .GetProperty("id")
                .GetInt32(),
        };
        id["assignment"] = await PostAsync(
            admin,
            "/api/v1/assignments",
            new
            {
                provinceCode = "15",
                agency = "Cơ quan thử",
                communes = new[] { "02989" },
                from = "2026-01-01",
                to = "2026-12-31",
                leader = "A",
            }
        );
        id["project"] = await PostAsync(admin, "/api/v1/projects", ProjectBody(Scope.Own));
        id["deadline"] = await SentDeadlineAsync(admin, "15");
        return new Things(id, await DeletableAsync(admin, "15", "02989", agency, plan));
    }

    private static async Task<Things> OtherThingsAsync(HttpClient admin)
    {
        var today = Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var plan = await PostAsync(
            admin,
            "/api/v1/plans",
            new
            {
                provinceCode = "01",
                number = "9/KH-HN",
                issuer = "UBND",
                issuedOn = "2026-01-02",
                periodFrom = "2026-01-01",
                periodTo = "2026-12-31",
                title = "Kế hoạch Hà Nội",
            }
        );
        await PostAsync(
            admin,
            "/api/v1/assignments",
            new
            {
                provinceCode = "01",
                agency = "Sở Tài chính",
                communes = new[] { "00376" },
                from = "2026-01-01",
                to = "2030-12-31",
                leader = "B",
            }
        );
        var agency = (await JsonAsync(admin, "/api/v1/assignments?province=01"))[0].GetProperty("agencyId").GetInt32();
        var target = await PostAsync(
            admin,
            $"/api/v1/plans/{plan}/targets",
            new
            {
                kind = "activity",
                name = "Tập huấn",
                unit = "lớp",
                goal = 4,
                agency = "Sở Tài chính",
            }
        );
        var visit = await PostAsync(
            admin,
            "/api/v1/visits",
            new
            {
                date = today,
                agencyId = agency,
                communeCode = "00376",
                participants = new[] { "Chuyên viên" },
                content = "Làm việc",
                recommendations = new[]
                {
                    new
                    {
                        text = "Hướng dẫn hồ sơ",
                        responsible = "department",
                        sector = "Sở Xây dựng",
                    },
                },
            }
        );
        var id = new Dictionary<string, int>
        {
            ["plan"] = plan,
            ["target"] = target,
            ["agency"] = agency,
            ["visit"] = visit,
            ["recommendation"] = (await JsonAsync(admin, "/api/v1/recommendations?commune=00376"))[0].GetProperty("id").GetInt32(),
            ["list"] = await PostAsync(
                admin,
                "/api/v1/commune-lists",
                new
                {
                    provinceCode = "01",
                    name = "Danh sách Hà Nội",
                    communes = new[] { "00376" },
                }
            ),
        };
        id["assignment"] = await PostAsync(
            admin,
            "/api/v1/assignments",
            new
            {
                provinceCode = "01",
                agency = "Cơ quan thử",
                communes = new[] { "00376" },
                from = "2026-01-01",
                to = "2026-12-31",
                leader = "A",
            }
        );
        id["project"] = await PostAsync(admin, "/api/v1/projects", ProjectBody(Scope.Other));
        id["deadline"] = await SentDeadlineAsync(admin, "01");
        return new Things(id, await DeletableAsync(admin, "01", "00376", agency, plan));
    }

    private static async Task<int> CreateDossierAsync(HttpClient admin, string commune)
    {
        var response = await admin.PostAsJsonAsync(
            "/api/v1/dossiers",
            new
            {
                commune,
                year = 2026,
                set = "DEMO-MINH-HOA",
                level = "NTM",
            }
        );
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<int> UploadAsync(HttpClient admin, int dossier)
    {
        var response = await admin.SendAsync(Upload(HttpMethod.Post, $"/api/v1/dossiers/{dossier}/evidence"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>A recognition decision and a title in each province, stored directly (the flow itself is tested in Recognition/).</summary>
    private static async Task<(Pair Decisions, Pair Titles)> RecognisedAsync(MtqgApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var made = new List<(global::Mtqg.Data.Recognition.DecisionRecord, global::Mtqg.Data.Recognition.CommuneTitle)>();
        foreach (var (province, commune) in new[] { ("15", "02989"), ("01", "00376") })
        {
            var decision = new global::Mtqg.Data.Recognition.DecisionRecord
            {
                ProvinceCode = province,
                Kind = global::Mtqg.Data.Recognition.DecisionKind.Recognition,
                Number = "1/QĐ-UBND",
                Date = new DateOnly(2025, 12, 20),
                Signer = "Chủ tịch",
                LevelCode = "NTM",
                Year = 2025,
                RecordedByName = "test",
                RecordedAt = DateTime.UtcNow,
            };
            var title = new global::Mtqg.Data.Recognition.CommuneTitle
            {
                UnitId = await db.Units.Where(u => u.Code == commune && u.ValidTo == null).Select(u => u.Id).SingleAsync(),
                CommuneCode = commune,
                CommuneName = commune,
                ProvinceCode = province,
                SetCode = "DEMO-MINH-HOA",
                LevelCode = "NTM",
                Year = 2025,
                Since = decision.Date,
                Decision = decision,
            };
            db.AddRange(decision, title);
            made.Add((decision, title));
        }
        await db.SaveChangesAsync();
        return (new Pair(made[0].Item1.Id, made[1].Item1.Id), new Pair(made[0].Item2.Id, made[1].Item2.Id));
    }

    private static async Task<string> CreateViewerAsync(HttpClient admin, string userName, string province)
    {
        var response = await admin.PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                userName,
                password = "Mat-khau-2026",
                displayName = userName,
                role = "viewer",
                unitCode = province,
            }
        );
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
