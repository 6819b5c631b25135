using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Access;

public sealed partial class AuthorizationMatrixTests
{
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
