using System.Text;

namespace Mtqg.Web.Tests.Access;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The cases from health and sign-in through accounts, money, criteria sets, values, poverty, reports and closing.</summary>
    // A method, not a field: static fields of other parts (the rules) are initialised in an unspecified order.
    private static Dictionary<string, Case> CasesOfAccountsAndData() =>
        new()
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
            ["PUT /api/v1/projects/{id:int}/disbursements/{month}"] = new(
                Rule.Own("enter-disbursement", "coordinator", "commune"),
                (s, ids) =>
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
            ["PUT /api/v1/communes/{code}/years/{year:int}/poverty"] = new(Rule.Own("enter-poverty", "coordinator", "commune"), (s, _) =>
                Send(
                    HttpMethod.Put,
                    $"/api/v1/communes/{Commune(s)}/years/2025/poverty",
                    new
                    {
                        households = 1000,
                        poor = 80,
                        nearPoor = 60,
                    }
                )
            ),
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
            // Commune boundaries (decision 0029): the province's office uploads, replaces and deletes them (once allowed, a PDF is not
            // JSON: 400; nothing stored: 404); those who read the province's work read when and by whom. The drawing is on the public dashboard.
            ["GET /api/v1/provinces/{code}/commune-boundaries"] = new(ReadPlans, (s, _) =>
                Get($"/api/v1/provinces/{Province(s)}/commune-boundaries")
            ),
            ["PUT /api/v1/provinces/{code}/commune-boundaries"] = new(Rule.Own("manage-province", "coordinator"), (s, _) =>
                Upload(HttpMethod.Put, $"/api/v1/provinces/{Province(s)}/commune-boundaries")
            ),
            ["DELETE /api/v1/provinces/{code}/commune-boundaries"] = new(Rule.Own("manage-province", "coordinator"), (s, _) =>
                new(HttpMethod.Delete, $"/api/v1/provinces/{Province(s)}/commune-boundaries")
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
                Send(
                    HttpMethod.Post,
                    $"/api/v1/provinces/{Province(s)}/years/2030/reopen",
                    new { parts = new[] { "money" }, reason = "Thử" }
                )
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
        };
}
