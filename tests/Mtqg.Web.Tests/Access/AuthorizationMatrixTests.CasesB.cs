using System.Text;

namespace Mtqg.Web.Tests.Access;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The cases from account management through dossiers, decisions, titles, plans, visits and recommendations.</summary>
    // A method, not a field: static fields of other parts (the rules) are initialised in an unspecified order.
    private static Dictionary<string, Case> CasesOfWorkflows() =>
        new()
        {
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
            ["GET /api/v1/dossiers/"] = new(
                Rule.Roles("read-dossiers", "coordinator", "appraiser", "agency", "commune", "viewer"),
                (s, _) => Get($"/api/v1/dossiers?province={Province(s)}")
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
            ["GET /api/v1/titles/workbook"] = new(
                Rule.Roles("signed-in", "coordinator", "appraiser", "agency", "viewer", "commune"),
                (_, _) => Get("/api/v1/titles/workbook")
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
            ["GET /api/v1/years/{year:int}/maintenance-review"] = new(
                Rule.Own("read-province", "coordinator", "appraiser", "viewer"),
                (s, _) => Get($"/api/v1/years/2027/maintenance-review?province={Province(s)}")
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
            ["GET /api/v1/recommendations/{id:int}"] = new(ReadCommune, (s, ids) =>
                Get($"/api/v1/recommendations/{ids[s, "recommendation"]}")
            ),
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
}
