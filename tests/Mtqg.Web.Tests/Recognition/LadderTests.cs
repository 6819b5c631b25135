using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Mtqg.Web.Data;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;

namespace Mtqg.Web.Tests.Recognition;

/// <summary>
/// The ladder (DESIGN §9, issue 13 item 5): xã NTM kiểu mẫu (319/QĐ-TTg) as a level of the national 2021–2025 set, judged on the
/// NTM nâng cao thresholds plus conditions that are not thresholds — one read from the titles held, the others declared by the
/// commune with evidence and judged by the coordination office before any decision.
/// </summary>
public sealed class LadderTests
{
    private const string National2021 = "VN-NTM-XA-2021-2025";
    private const string ModelSet = "DEMO-KIEU-MAU";
    private const string BaoHa = Scorecards.DemoSet.BaoHa;

    [Fact]
    public async Task The_national_2021_2025_set_carries_the_model_commune_level_with_the_conditions_of_319_and_they_survive_the_workbook()
    {
        await using var app = await MtqgApp.StartAsync();
        var notes = JsonNode.Parse(
            await File.ReadAllTextAsync(app.Services.GetRequiredService<SeedFiles>().PathOf("reference", "recognition-levels.json"))
        )!;
        var written = notes["period_2021_2025"]!["levels"]!.AsArray().Single(l => (string?)l!["level"] == "xã NTM kiểu mẫu")!["conditions"]!
            .AsArray()
            .Select(c => (string)c!)
            .ToList();

        var set = JsonNode.Parse(await app.CreateClient().GetStringAsync($"/api/v1/criteria-sets/{National2021}"))!;
        var model = set["levels"]!.AsArray().Single(l => (string?)l!["code"] == "NTMKM")!;
        Assert.Equal((3, "NTMNC"), ((int)model["rank"]!, (string?)model["thresholdsOf"]));
        var conditions = model["conditions"]!.AsArray();
        Assert.Equal(written.Count, conditions.Count);
        Assert.Equal(written.Select(w => w.ToLowerInvariant()), conditions.Select(c => ((string)c!["text"]!).ToLowerInvariant()));
        // "holds NTM nâng cao" is read from the titles; the income, smart-village and outstanding-field conditions are declared.
        Assert.Equal(("title", "NTMNC"), ((string?)conditions[0]!["judged"], (string?)conditions[0]!["level"]));
        Assert.All(conditions.Skip(1), c => Assert.Equal("declared", (string?)c!["judged"]));

        // The workbook carries the ladder: a sheet of conditions, and uploaded under a new code it is the same set.
        var admin = await app.Given().Administrator();
        var workbook = await admin.GetByteArrayAsync($"/api/v1/criteria-sets/{National2021}.xlsx");
        using (var stream = new MemoryStream(workbook))
        {
            var rows = MiniExcel
                .Query(stream, useHeaderRow: true, sheetName: "Điều kiện của mức")
                .Cast<IDictionary<string, object?>>()
                .ToList();
            Assert.Equal(written.Count, rows.Count);
            Assert.Equal("theo danh hiệu", rows[0]["Cách xét"]);
        }
        var sheets = new Dictionary<string, object>();
        using (var stream = new MemoryStream(workbook))
            foreach (var name in MiniExcel.GetSheetNames(stream))
                sheets[name] = MiniExcel
                    .Query(stream, useHeaderRow: false, sheetName: name)
                    .Cast<IDictionary<string, object?>>()
                    .Select(r => new Dictionary<string, object?>(r))
                    .ToList();
        var header = (List<Dictionary<string, object?>>)sheets["Bộ tiêu chí"];
        header.Single(r => (r["A"] as string) == "code")["C"] = "VN-KM-BAN-SAO";
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(buffer, sheets, printHeader: false);
        var upload = new MultipartFormDataContent { { new ByteArrayContent(buffer.ToArray()), "file", "bo-tieu-chi.xlsx" } };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/criteria-sets", upload)).StatusCode);
        var copy = JsonNode.Parse(await admin.GetStringAsync("/api/v1/criteria-sets/VN-KM-BAN-SAO"))!;
        Assert.Equal(set["levels"]!.ToJsonString(), copy["levels"]!.ToJsonString());
    }

    [Fact]
    public async Task A_set_whose_ladder_is_wrong_is_refused_naming_every_problem()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        var doc = await DemoSetAsync(app, "DEMO-SAI");
        var levels = doc["levels"]!.AsArray();
        levels.Add(
            new JsonObject
            {
                ["code"] = "NTMKM",
                ["name"] = "Xã nông thôn mới kiểu mẫu",
                ["rank"] = 3,
                ["thresholdsOf"] = "KHONG-CO",
                ["conditions"] = new JsonArray(
                    new JsonObject
                    {
                        ["code"] = "KM1",
                        ["text"] = "Giữ danh hiệu",
                        ["judged"] = "title",
                    },
                    new JsonObject
                    {
                        ["code"] = "KM2",
                        ["text"] = "Thôn thông minh",
                        ["judged"] = "tự nhận",
                    }
                ),
            }
        );
        var problem = await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/criteria-sets", doc),
            HttpStatusCode.BadRequest
        );
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("levels[2].thresholdsOf", fields);
        Assert.Contains("levels[2].conditions[0].level", fields);
        Assert.Contains("levels[2].conditions[1].judged", fields);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/criteria-sets/DEMO-SAI")).StatusCode);
    }

    [Fact]
    public async Task A_model_commune_dossier_needs_the_level_below_its_declarations_and_the_coordination_office_judgement_before_a_decision()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await PublishModelSetAsync(app, admin);
        await admin.AssignGroupToAsync(BaoHa, "G1", Year);
        var values = Scorecards.DemoSet.MeetingNtmInG1();
        var put = await admin.PutAsJsonAsync($"/api/v1/communes/{BaoHa}/years/{Year}/values?set={ModelSet}", new { values });
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());

        var xa = await app.ClientAsAsync("demo.xa");
        var create = () =>
            xa.PostAsJsonAsync(
                "/api/v1/dossiers",
                new
                {
                    commune = BaoHa,
                    year = Year,
                    set = ModelSet,
                    level = "NTMKM",
                }
            );
        var refused = await ProblemAssert.IsProblemAsync(await create(), HttpStatusCode.Conflict);
        Assert.Contains("chưa giữ danh hiệu mức NTMNC", refused.Str("detail"));

        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        await OkAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/titles",
                new
                {
                    communeCode = BaoHa,
                    level = "NTMNC",
                    decisionNumber = "45/QĐ-UBND",
                    decisionDate = "2025-12-22",
                    signer = "Chủ tịch UBND tỉnh",
                }
            ),
            HttpStatusCode.Created
        );
        var dossier = await OkAsync(await create(), HttpStatusCode.Created);
        var id = dossier.GetProperty("id").GetInt32();
        Assert.Equal(["KM1", "KM2"], dossier.GetProperty("conditions").EnumerateArray().Select(c => c.Str("code")));

        await OkAsync(
            await xa.PutAsJsonAsync($"/api/v1/dossiers/{id}", new { residentSatisfaction = 95, noConstructionDebtDeclared = true })
        );
        // Submitting names the declared condition still without a declaration; nothing moves.
        var notYet = await ProblemAssert.IsProblemAsync(await xa.PostAsync($"/api/v1/dossiers/{id}/submit", null), HttpStatusCode.Conflict);
        Assert.Contains("KM2", notYet.Str("detail"));
        Assert.Contains("chưa kê khai", notYet.Str("detail"));
        Assert.DoesNotContain("KM1", notYet.Str("detail"));
        Assert.Equal("draft", (await GetAsync(xa, id)).Status());

        // A title condition is not declared; an unknown code is named.
        var bad = await ProblemAssert.IsProblemAsync(
            await xa.PutAsJsonAsync(
                $"/api/v1/dossiers/{id}",
                new { conditions = new object[] { new { code = "KM1", evidence = "Có" }, new { code = "KM9", evidence = "Có" } } }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Equal(["conditions[0].code", "conditions[1].code"], bad.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var declared = await OkAsync(
            await xa.PutAsJsonAsync(
                $"/api/v1/dossiers/{id}",
                new
                {
                    conditions = new[]
                    {
                        new
                        {
                            code = "KM2",
                            evidence = "Thôn Bảo Vinh: wifi công cộng, camera an ninh, sổ tay điện tử",
                            document = "Quyết định 12/QĐ-UBND",
                        },
                    },
                }
            )
        );
        Assert.Equal("Quyết định 12/QĐ-UBND", declared.GetProperty("conditions")[1].Str("document"));

        await OkAsync(await xa.PostAsync($"/api/v1/dossiers/{id}/submit", null));
        var submitted = await GetAsync(xa, id);
        Assert.True(submitted.GetProperty("conditions")[0].GetProperty("met").GetBoolean()); // KM1: judged by the system from the title
        Assert.Equal(JsonValueKind.Null, submitted.GetProperty("conditions")[1].GetProperty("met").ValueKind);

        await AppraiseAllAsync(app, id);
        await OkAsync(await CouncilAsync(coordinator, id));
        var decision = () =>
            coordinator.PostAsJsonAsync(
                "/api/v1/dossiers/decision",
                new
                {
                    number = "88/QĐ-UBND",
                    date = Today.Iso(),
                    signer = "Chủ tịch UBND tỉnh",
                    level = "NTMKM",
                    dossiers = new[] { id },
                }
            );
        var waiting = await ProblemAssert.IsProblemAsync(await decision(), HttpStatusCode.Conflict);
        Assert.Contains("KM2", waiting.Str("detail"));
        Assert.Contains("chưa xét", waiting.Str("detail"));

        // Only the coordination office judges; "not met" needs a reason.
        await ProblemAssert.IsProblemAsync(
            await xa.PostAsJsonAsync($"/api/v1/dossiers/{id}/conditions/KM2/appraisal", new { met = true }),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync($"/api/v1/dossiers/{id}/conditions/KM2/appraisal", new { met = false }),
            HttpStatusCode.BadRequest
        );
        await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync($"/api/v1/dossiers/{id}/conditions/KM1/appraisal", new { met = true }),
            HttpStatusCode.Conflict
        );
        var judged = await OkAsync(
            await coordinator.PostAsJsonAsync(
                $"/api/v1/dossiers/{id}/conditions/KM2/appraisal",
                new { met = true, note = "Đã kiểm tra thực tế thôn Bảo Vinh" }
            )
        );
        Assert.Equal("Đã kiểm tra thực tế thôn Bảo Vinh", judged.GetProperty("conditions")[1].Str("judgeNote"));

        await OkAsync(await decision(), HttpStatusCode.Created);
        Assert.Equal("recognised", (await GetAsync(xa, id)).Status());
        var titles = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/titles");
        Assert.Contains("NTMKM", titles.GetProperty("held").EnumerateArray().Select(t => t.Str("level")));
    }

    [Fact]
    public async Task On_the_pages_the_set_shows_its_ladder_the_commune_declares_and_the_coordination_office_judges()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var anyone = app.CreateClient();
        var setPage = WebUtility.HtmlDecode(await anyone.GetStringAsync($"/bo-tieu-chi/{National2021}"));
        Assert.Contains("Xã nông thôn mới kiểu mẫu", setPage);
        Assert.Contains("Dùng ngưỡng của mức NTMNC", setPage);
        Assert.Contains("mô hình thôn thông minh", setPage);

        var admin = await app.ClientAsAsync("demo.admin");
        await PublishModelSetAsync(app, admin);
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        await OkAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/titles",
                new
                {
                    communeCode = BaoHa,
                    level = "NTMNC",
                    decisionNumber = "45/QĐ-UBND",
                    decisionDate = "2025-12-22",
                }
            ),
            HttpStatusCode.Created
        );
        var xa = await app.ClientAsAsync("demo.xa");
        var created = await OkAsync(
            await xa.PostAsJsonAsync(
                "/api/v1/dossiers",
                new
                {
                    commune = BaoHa,
                    year = Year,
                    set = ModelSet,
                    level = "NTMKM",
                }
            ),
            HttpStatusCode.Created
        );
        var id = created.GetProperty("id").GetInt32();
        var url = $"/ho-so-de-nghi/{id}";
        Assert.Contains("chưa kê khai", WebUtility.HtmlDecode(await xa.GetStringAsync(url)));

        await xa.PostFormAsync(
            url,
            "condition-declare",
            ("Declarations.Version", created.Str("version")!),
            ("Declarations.Items[0].Code", "KM2"),
            ("Declarations.Items[0].Evidence", "Thôn Bảo Vinh có wifi công cộng"),
            ("Declarations.Items[0].Document", "Quyết định 12/QĐ-UBND")
        );
        var declared = await GetAsync(xa, id);
        Assert.Equal("Thôn Bảo Vinh có wifi công cộng", declared.GetProperty("conditions")[1].Str("evidence"));

        // The coordination office judges only once the dossier is submitted: no form on a draft.
        Assert.DoesNotContain("condition-judge", await coordinator.GetStringAsync(url));
        await admin.AssignGroupToAsync(BaoHa, "G1", Year);
        var put = await admin.PutAsJsonAsync(
            $"/api/v1/communes/{BaoHa}/years/{Year}/values?set={ModelSet}",
            new { values = Scorecards.DemoSet.MeetingNtmInG1() }
        );
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        await OkAsync(
            await xa.PutAsJsonAsync($"/api/v1/dossiers/{id}", new { residentSatisfaction = 95, noConstructionDebtDeclared = true })
        );
        await OkAsync(await xa.PostAsync($"/api/v1/dossiers/{id}/submit", null));

        var refused = await coordinator.PostFormAsync(url, "condition-judge", ("Judgement.Code", "KM2"), ("Judgement.Result", "not_met"));
        Assert.Contains("phải ghi lý do", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        await coordinator.PostFormAsync(
            url,
            "condition-judge",
            ("Judgement.Code", "KM2"),
            ("Judgement.Result", "met"),
            ("Judgement.Note", "Đã kiểm tra thực tế")
        );
        var judged = (await GetAsync(xa, id)).GetProperty("conditions")[1];
        Assert.True(judged.GetProperty("met").GetBoolean());
        Assert.Equal("Đã kiểm tra thực tế", judged.Str("judgeNote"));
    }

    /// <summary>The illustrative set under another code, its JSON to change.</summary>
    private static async Task<JsonNode> DemoSetAsync(MtqgApp app, string code)
    {
        var file = app.Services.GetRequiredService<SeedFiles>().PathOf("demo", "criteria-set-demo.json");
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        doc["code"] = code;
        doc["isDemo"] = false;
        return doc;
    }

    /// <summary>
    /// The illustrative set with a third level, kiểu mẫu, judged on the NTM thresholds (so that the values meeting NTM meet it) with
    /// two conditions: holding NTM nâng cao (title) and a smart village (declared).
    /// </summary>
    private static async Task PublishModelSetAsync(MtqgApp app, HttpClient admin)
    {
        var doc = await DemoSetAsync(app, ModelSet);
        doc["levels"]!
            .AsArray()
            .Add(
                new JsonObject
                {
                    ["code"] = "NTMKM",
                    ["name"] = "Xã nông thôn mới kiểu mẫu",
                    ["rank"] = 3,
                    ["thresholdsOf"] = "NTM",
                    ["conditions"] = new JsonArray(
                        new JsonObject
                        {
                            ["code"] = "KM1",
                            ["text"] = "Đạt chuẩn xã NTM nâng cao",
                            ["judged"] = "title",
                            ["level"] = "NTMNC",
                        },
                        new JsonObject
                        {
                            ["code"] = "KM2",
                            ["text"] = "Có ít nhất một mô hình thôn thông minh",
                            ["judged"] = "declared",
                        }
                    ),
                }
            );
        var created = await admin.PostAsJsonAsync("/api/v1/criteria-sets", doc);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var published = await admin.PostAsync($"/api/v1/criteria-sets/{ModelSet}/publish", null);
        Assert.True(published.StatusCode == HttpStatusCode.NoContent, await published.Content.ReadAsStringAsync());
    }
}

internal static class ModelSetGroups
{
    public static async Task AssignGroupToAsync(this HttpClient client, string commune, string group, int year)
    {
        var response = await client.PutAsJsonAsync(
            $"/api/v1/communes/{commune}/criteria-sets/DEMO-KIEU-MAU/group?year={year}",
            new { group }
        );
        Assert.True(
            response.StatusCode == HttpStatusCode.NoContent,
            $"PUT group: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
        );
    }
}
