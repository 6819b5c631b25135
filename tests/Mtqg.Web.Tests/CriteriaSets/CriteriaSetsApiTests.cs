using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.CriteriaSets;

public sealed class CriteriaSetsApiTests
{
    private const string Valid = """
        { "code": "HN-2026", "name": "Bộ tiêu chí xã NTM thành phố Hà Nội 2026–2030", "legalBasis": "Quyết định thử nghiệm", "validFrom": 2026, "validTo": 2030,
          "levels": [{"code": "NTM", "name": "Đạt chuẩn nông thôn mới", "rank": 1}],
          "groups": [{"code": "G1", "name": "Nhóm 1"}, {"code": "G2", "name": "Nhóm 2"}],
          "bands":  [{"name": "Đạt chuẩn", "minCriteriaMet": 2}, {"name": "Chưa đạt", "minCriteriaMet": 0}],
          "criteria": [
            { "number": 1, "code": "TC01", "name": "Quy hoạch", "responsibleSector": "Sở Xây dựng",
              "indicators": [{ "code": "1.1", "name": "Có quy hoạch chung", "type": "boolean", "rule": "achieved", "thresholds": [{"level": "NTM", "value": true}] }] },
            { "number": 2, "code": "TC02", "name": "Hạ tầng", "responsibleSector": "Sở Xây dựng",
              "indicators": [{ "code": "2.1", "name": "Tỷ lệ đường được cứng hóa", "type": "percent", "unit": "%", "rule": ">=",
                  "thresholds": [{"level": "NTM", "value": 90}, {"level": "NTM", "group": "G1", "value": 95},
                                 {"level": "NTM", "group": "G2", "year": 2027, "value": 92.5}, {"level": "NTM", "group": "G2", "value": null}] }] }
          ] }
        """;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_two_national_sets_and_the_demo_set_are_listed()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var sets = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/criteria-sets");
        var codes = sets!.Select(s => s.GetProperty("code").GetString()).ToList();
        Assert.Contains("VN-NTM-XA-2021-2025", codes);
        Assert.Contains("NTM-XA-2026-2030", codes);
        Assert.Contains("DEMO-MINH-HOA", codes);
        var national = sets!.Single(s => s.GetProperty("code").GetString() == "VN-NTM-XA-2021-2025");
        Assert.Equal(
            (2021, 2025, "published"),
            (
                national.GetProperty("validFrom").GetInt32(),
                national.GetProperty("validTo").GetInt32(),
                national.GetProperty("status").GetString()
            )
        );
    }

    [Fact]
    public async Task The_2021_set_keeps_known_thresholds_by_region_and_unknown_ones_as_null()
    {
        await using var app = await MtqgApp.StartAsync();
        var set = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/criteria-sets/VN-NTM-XA-2021-2025");
        var criteria = set.GetProperty("criteria").EnumerateArray().ToList();
        Assert.Equal(19, criteria.Count);
        Assert.Equal(7, set.GetProperty("groups").GetArrayLength());
        var stunting = criteria
            .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == "15.3");
        Assert.Equal("<=", stunting.GetProperty("rule").GetString());
        var dbsh = stunting
            .GetProperty("thresholds")
            .EnumerateArray()
            .Single(t => t.TryGetProperty("group", out var g) && g.GetString() == "DBSH" && t.GetProperty("level").GetString() == "NTM");
        Assert.Equal(16.5m, dbsh.GetProperty("value").GetDecimal());
        var income = criteria
            .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == "10");
        Assert.All(income.GetProperty("thresholds").EnumerateArray(), t =>
            Assert.False(t.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null)
        );
        Assert.Contains(criteria.SelectMany(c => c.GetProperty("indicators").EnumerateArray()), i =>
            !i.GetProperty("nameVerified").GetBoolean()
        );
    }

    [Fact]
    public async Task The_2026_set_has_ten_criteria_three_groups_and_no_invented_indicator()
    {
        await using var app = await MtqgApp.StartAsync();
        var set = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/criteria-sets/NTM-XA-2026-2030");
        Assert.Equal(10, set.GetProperty("criteria").GetArrayLength());
        Assert.Equal(["N1", "N2", "N3"], set.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("code").GetString()));
        Assert.All(set.GetProperty("criteria").EnumerateArray(), c => Assert.Equal(0, c.GetProperty("indicators").GetArrayLength()));
    }

    [Fact]
    public async Task An_administrator_creates_a_set_and_gets_the_same_document_back()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        var created = await admin.PostAsync("/api/v1/criteria-sets", Json(Valid));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/criteria-sets/HN-2026", created.Headers.Location?.OriginalString);

        var back = JsonNode.Parse(await admin.GetStringAsync("/api/v1/criteria-sets/HN-2026"))!;
        Assert.Equal("draft", (string?)back["status"]);
        var thresholds = back["criteria"]![1]!["indicators"]![0]!["thresholds"]!.AsArray();
        Assert.Equal(4, thresholds.Count);
        Assert.Equal(92.5m, (decimal)thresholds[2]!["value"]!);
        Assert.Equal(2027, (int)thresholds[2]!["year"]!);
        Assert.Null(thresholds[3]!["value"]);
        Assert.True((bool)back["criteria"]![0]!["indicators"]![0]!["thresholds"]![0]!["value"]!);

        // What comes out goes back in: the export is a valid import (under another code).
        back["code"] = "HN-2026-B";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/criteria-sets", Json(back.ToJsonString()))).StatusCode);
    }

    [Fact]
    public async Task A_set_with_several_problems_is_refused_whole_with_every_problem_listed()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        var doc = JsonNode.Parse(Valid)!;
        doc["criteria"]![1]!["number"] = 1; // duplicate number
        doc["criteria"]![1]!["indicators"]![0]!["code"] = "1.1"; // duplicate indicator code
        doc["criteria"]![1]!["indicators"]![0]!["thresholds"]![1]!["group"] = "G9"; // unknown group
        doc["criteria"]![0]!["indicators"]![0]!["rule"] = ">="; // boolean with a comparison
        var response = await admin.PostAsync("/api/v1/criteria-sets", Json(doc.ToJsonString()));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("trùng", ProblemAssert.Errors(problem, "criteria[1].number")[0]);
        Assert.Contains("1.1", ProblemAssert.Errors(problem, "criteria[1].indicators[0].code")[0]);
        Assert.Contains("G9", ProblemAssert.Errors(problem, "criteria[1].indicators[0].thresholds[1].group")[0]);
        Assert.Contains("achieved", ProblemAssert.Errors(problem, "criteria[0].indicators[0].rule")[0]);
        Assert.Contains("4 lỗi", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/criteria-sets/HN-2026")).StatusCode);
    }

    [Theory]
    [InlineData("{ \"code\": \"X\", ", "JSON không hợp lệ")]
    [InlineData("[1, 2]", "JSON không hợp lệ")]
    [InlineData("{ \"code\": \"X\", \"validFrom\": \"năm 2026\" }", "JSON không hợp lệ")]
    public async Task Malformed_json_is_a_400_in_Vietnamese_not_a_500(string body, string expected)
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        var problem = await ProblemAssert.IsProblemAsync(
            await admin.PostAsync("/api/v1/criteria-sets", Json(body)),
            HttpStatusCode.BadRequest
        );
        Assert.Contains(expected, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_set_code_that_exists_is_refused()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        var doc = JsonNode.Parse(Valid)!;
        doc["code"] = "VN-NTM-XA-2021-2025";
        var problem = await ProblemAssert.IsProblemAsync(
            await admin.PostAsync("/api/v1/criteria-sets", Json(doc.ToJsonString())),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("Đã có bộ tiêu chí", ProblemAssert.Errors(problem, "code")[0]);
    }

    [Fact]
    public async Task Writing_a_set_needs_an_administrator()
    {
        await using var app = await MtqgApp.StartAsync();
        var anonymous = await app.CreateClient().PostAsync("/api/v1/criteria-sets", Json(Valid));
        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        var commune = (await app.Given().Account(Roles.Commune, unit: "02989")).Client;
        await ProblemAssert.IsProblemAsync(await commune.PostAsync("/api/v1/criteria-sets", Json(Valid)), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NotFound, (await commune.GetAsync("/api/v1/criteria-sets/HN-2026")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_set_is_404()
    {
        await using var app = await MtqgApp.StartAsync();
        var problem = await ProblemAssert.IsProblemAsync(
            await app.CreateClient().GetAsync("/api/v1/criteria-sets/KHONG-CO"),
            HttpStatusCode.NotFound
        );
        Assert.Contains("KHONG-CO", problem.GetProperty("detail").GetString());
    }
}
