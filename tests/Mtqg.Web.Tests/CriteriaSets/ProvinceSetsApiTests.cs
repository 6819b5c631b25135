using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.CriteriaSets;

/// <summary>
/// A province's own criteria set (DESIGN §9): created as a draft by the province's coordination office, detailing the national
/// 2026–2030 set; replaced while a draft, published, withdrawn; and the set that applies to its communes by default.
/// </summary>
public sealed class ProvinceSetsApiTests
{
    internal const string National = "NTM-XA-2026-2030";

    private static StringContent Json(JsonNode doc) => new(doc.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>The national 2026–2030 set as a draft of province 15, with one indicator of criterion 1 and its threshold rows.</summary>
    internal static async Task<JsonNode> ProvinceDraftAsync(HttpClient client, string code, bool withThresholds = true)
    {
        var doc = JsonNode.Parse(await client.GetStringAsync($"/api/v1/criteria-sets/{National}"))!;
        doc["code"] = code;
        doc["province"] = "15";
        doc["details"] = National;
        doc.AsObject().Remove("status");
        var thresholds = new JsonArray();
        if (withThresholds)
            foreach (var level in doc["levels"]!.AsArray())
                thresholds.Add(new JsonObject { ["level"] = (string?)level!["code"], ["value"] = 95 });
        doc["criteria"]![0]!["indicators"] = new JsonArray
        {
            new JsonObject
            {
                ["code"] = "LC-1.1",
                ["name"] = "Tỷ lệ thôn có quy hoạch được duyệt",
                ["type"] = "percent",
                ["unit"] = "%",
                ["rule"] = ">=",
                ["thresholds"] = thresholds,
            },
        };
        return doc;
    }

    [Fact]
    public async Task The_coordination_office_drafts_corrects_publishes_and_withdraws_its_province_set_and_it_applies_to_its_communes()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;
        var draft = await ProvinceDraftAsync(office, "LC-2026", withThresholds: false);

        var created = await office.PostAsync("/api/v1/criteria-sets", Json(draft));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(
            ("draft", "15", National),
            (body.GetProperty("status").GetString(), body.GetProperty("province").GetString(), body.GetProperty("details").GetString())
        );

        // Not ready: every level without criteria and the indicator without threshold rows are named.
        var refused = await ProblemAssert.IsProblemAsync(
            await office.PostAsync("/api/v1/criteria-sets/LC-2026/publish", null),
            HttpStatusCode.BadRequest
        );
        var text = refused.GetRawText();
        Assert.Contains("LC-1.1", text);
        Assert.Contains("chưa có tiêu chí nào", text);
        Assert.Contains("chưa có dòng ngưỡng nào", text);

        // A draft is corrected from the version read; a stale version is 412.
        var read = await office.GetAsync("/api/v1/criteria-sets/LC-2026");
        var etag = read.Headers.ETag!.Tag;
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/criteria-sets/LC-2026")
        {
            Content = Json(await ProvinceDraftAsync(office, "LC-2026")),
        };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        Assert.Equal(HttpStatusCode.OK, (await office.SendAsync(put)).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/criteria-sets/LC-2026")
        {
            Content = Json(await ProvinceDraftAsync(office, "LC-2026")),
        };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        await ProblemAssert.IsProblemAsync(await office.SendAsync(stale), HttpStatusCode.PreconditionFailed);

        // Drafts never apply by default.
        var commune = (await app.Given().Account(Roles.Commune, unit: "02989")).Client;
        Assert.Equal(National, await DefaultSetAsync(commune, "02989"));

        Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsync("/api/v1/criteria-sets/LC-2026/publish", null)).StatusCode);
        Assert.Equal("LC-2026", await DefaultSetAsync(commune, "02989"));
        var card = await commune.GetFromJsonAsync<JsonElement>("/api/v1/communes/02989/years/2026/scorecard");
        Assert.Contains(card.GetProperty("criteria").EnumerateArray().SelectMany(c => c.GetProperty("indicators").EnumerateArray()), i =>
            i.GetProperty("code").GetString() == "LC-1.1"
        );
        // Another province's commune keeps the national set.
        var admin = await app.Given().Administrator();
        Assert.Equal(National, await DefaultSetAsync(admin, "00376"));

        // Published: never changed again.
        var conflict = await ProblemAssert.IsProblemAsync(
            await office.PutAsync("/api/v1/criteria-sets/LC-2026", Json(await ProvinceDraftAsync(office, "LC-2026"))),
            HttpStatusCode.Conflict
        );
        Assert.Contains("một điều chỉnh là một bộ tiêu chí mới", conflict.GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsync("/api/v1/criteria-sets/LC-2026/withdraw", null)).StatusCode);
        Assert.Equal(National, await DefaultSetAsync(commune, "02989"));
        var list = await office.GetFromJsonAsync<JsonElement[]>("/api/v1/criteria-sets");
        Assert.Equal("withdrawn", list!.Single(s => s.GetProperty("code").GetString() == "LC-2026").GetProperty("status").GetString());

        // Every change is in the audit trail: created, replaced, published, withdrawn.
        using var scope = app.Services.CreateScope();
        var trail = await app.Db(scope).AuditEntries.Where(e => e.SetCode == "LC-2026" && e.Entity == "CriteriaSet").ToListAsync();
        Assert.True(trail.Count >= 4, $"{trail.Count} audit entries");
        Assert.Contains(trail, e => e.NewValue != null && e.NewValue.Contains("withdrawn"));
    }

    private static async Task<string?> DefaultSetAsync(HttpClient client, string commune) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{commune}/years/2026/scorecard")).GetProperty("set").GetString();

    [Fact]
    public async Task Another_province_national_sets_and_the_national_floor_are_refused_naming_what_is_wrong()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;
        var other = (await app.Given().Account(Roles.Coordinator, unit: "01")).Client;
        Assert.Equal(
            HttpStatusCode.Created,
            (await office.PostAsync("/api/v1/criteria-sets", Json(await ProvinceDraftAsync(office, "LC-A")))).StatusCode
        );

        // Another province's office: 403 on every write.
        Assert.Contains(
            "tỉnh mã 15",
            (
                await ProblemAssert.IsProblemAsync(
                    await other.PutAsync("/api/v1/criteria-sets/LC-A", Json(await ProvinceDraftAsync(other, "LC-A"))),
                    HttpStatusCode.Forbidden
                )
            )
                .GetProperty("detail")
                .GetString()
        );
        await ProblemAssert.IsProblemAsync(await other.PostAsync("/api/v1/criteria-sets/LC-A/publish", null), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(
            await other.PostAsync("/api/v1/criteria-sets", Json(await ProvinceDraftAsync(other, "LC-B"))),
            HttpStatusCode.Forbidden
        );
        // National sets: administrators only.
        var national = await ProvinceDraftAsync(office, "QG-X");
        national.AsObject().Remove("province");
        national.AsObject().Remove("details");
        await ProblemAssert.IsProblemAsync(await office.PostAsync("/api/v1/criteria-sets", Json(national)), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(
            await office.PostAsync($"/api/v1/criteria-sets/{National}/withdraw", null),
            HttpStatusCode.Forbidden
        );

        // The national floor, an unknown province and an unknown national set, all at once; nothing written.
        var admin = await app.Given().Administrator();
        var bad = await ProvinceDraftAsync(admin, "LC-C");
        bad["criteria"]!.AsArray().RemoveAt(9);
        bad["criteria"]!.AsArray().RemoveAt(2);
        bad["province"] = "99";
        var problem = await ProblemAssert.IsProblemAsync(
            await admin.PostAsync("/api/v1/criteria-sets", Json(bad)),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("3, 10", ProblemAssert.Errors(problem, "criteria")[0]);
        Assert.Contains("99", ProblemAssert.Errors(problem, "province")[0]);
        bad["details"] = "KHONG-CO";
        problem = await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/v1/criteria-sets", Json(bad)), HttpStatusCode.BadRequest);
        Assert.Contains("KHONG-CO", ProblemAssert.Errors(problem, "details")[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/criteria-sets/LC-C")).StatusCode);

        // A draft cannot be withdrawn, a published set not published twice.
        Assert.Contains(
            "dự thảo",
            (
                await ProblemAssert.IsProblemAsync(
                    await office.PostAsync("/api/v1/criteria-sets/LC-A/withdraw", null),
                    HttpStatusCode.Conflict
                )
            )
                .GetProperty("detail")
                .GetString()
        );
        Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsync("/api/v1/criteria-sets/LC-A/publish", null)).StatusCode);
        await ProblemAssert.IsProblemAsync(await office.PostAsync("/api/v1/criteria-sets/LC-A/publish", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_old_top_level_revocation_shape_is_read_and_the_new_one_written()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        var doc = await ProvinceDraftAsync(admin, "LC-REV");
        doc["revocation"] = new JsonObject
        {
            ["lowerShare"] = 0.3,
            ["upperShare"] = 0.5,
            ["protectedCriteria"] = new JsonArray(1, 2),
        };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/criteria-sets", Json(doc))).StatusCode);
        var back = JsonNode.Parse(await admin.GetStringAsync("/api/v1/criteria-sets/LC-REV"))!;
        Assert.Null(back["revocation"]);
        Assert.Equal(0.5m, (decimal)back["recognition"]!["revocation"]!["failingShareTo"]!);
        Assert.Equal("15", (string?)back["province"]);
    }

    [Fact]
    public async Task A_province_set_names_its_departments_from_the_province_registry_a_department_only_that_province_has_included()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;
        // Công an tỉnh is in Lào Cai's registry only once the office adds it (it is not one of the Decree 45 departments).
        Assert.Equal(
            HttpStatusCode.Created,
            (await office.PostAsJsonAsync("/api/v1/provinces/15/departments", new { code = "CAT", name = "Công an tỉnh" })).StatusCode
        );
        var draft = await ProvinceDraftAsync(office, "LC-CAT");
        draft["criteria"]![0]!["responsibleSector"] = "Công an tỉnh";
        Assert.Equal(HttpStatusCode.Created, (await office.PostAsync("/api/v1/criteria-sets", Json(draft))).StatusCode);
        var stored = JsonNode.Parse(await office.GetStringAsync("/api/v1/criteria-sets/LC-CAT"))!;
        Assert.Equal("CAT", (string?)stored["criteria"]![0]!["responsibleSector"]);

        // Hà Nội's registry has no such department: its set naming it is refused, the field named.
        var hanoi = (await app.Given().Account(Roles.Coordinator, unit: "01")).Client;
        var other = await ProvinceDraftAsync(hanoi, "HN-CAT");
        other["province"] = "01";
        other["criteria"]![0]!["responsibleSector"] = "CAT";
        var refused = await ProblemAssert.IsProblemAsync(
            await hanoi.PostAsync("/api/v1/criteria-sets", Json(other)),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("không phải sở, ngành của tỉnh 01", ProblemAssert.Errors(refused, "criteria[0].responsibleSector").Single());
    }
}
