using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;
using Mtqg.Web.Tests.Money;
using NJsonSchema;

namespace Mtqg.Web.Tests.Reports;

/// <summary>
/// The national export of a province-year (DESIGN §13, issue 16 item 4): one JSON document valid against the schema in
/// the repository, with official unit codes and the set's indicator codes, its figures equal to the APIs' (criteria, money,
/// poverty), the closed parts named; the same content as a workbook; who may not read the province is refused.
/// </summary>
public sealed class NationalExportTests
{
    private const string LaoCai = "15",
        BaoHa = "02989";

    private static readonly int Year = DisbursementApiTests.Year + 1; // this year: the illustrative set's, months up to now

    private static string Url(string province = LaoCai, int? year = null) =>
        $"/api/v1/provinces/{province}/years/{year ?? Year}/national-export";

    internal static JsonSchema Schema()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "national-export.schema.json")))
            dir = dir.Parent;
        return JsonSchema.FromFileAsync(Path.Combine(dir!.FullName, "docs", "national-export.schema.json")).GetAwaiter().GetResult();
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task The_export_validates_against_its_schema_and_its_figures_equal_the_apis()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var set = await given.IllustrativeCriteriaSet();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        await given.Values(office.Client, BaoHa, Year, set, new Dictionary<string, object> { ["1.1"] = true, ["1.2"] = 92.5m });
        var poverty = $"/api/v1/communes/{BaoHa}/years/{Year}/poverty";
        await JsonAsync(
            await office.Client.PutAsJsonAsync(
                poverty,
                new
                {
                    households = 2000,
                    poor = 90,
                    nearPoor = 70,
                }
            )
        );
        await JsonAsync(await office.Client.PostAsync($"{poverty}/approve", null));
        Assert.Equal(
            HttpStatusCode.NoContent,
            (
                await office.Client.PutAsJsonAsync(
                    $"/api/v1/communes/{BaoHa}/years/{Year}/contributions",
                    new
                    {
                        cash = 5_000_000L,
                        landSquareMetres = 0L,
                        workdays = 120L,
                        inKind = 0L,
                    }
                )
            ).StatusCode
        );
        var project = DisbursementApiTests.ProjectOfLastYear("Đường trục xã Bảo Hà");
        var id = await ProjectsApiTests.CreateAsync(office.Client, project);
        Assert.Equal(
            HttpStatusCode.NoContent,
            (
                await DisbursementApiTests.Allocate(office.Client, id, Year, ("central-investment", 800_000_000L), ("local", 200_000_000L))
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await DisbursementApiTests.Disburse(office.Client, id, $"{Year}-01", null, ("central-investment", 300_000_000L))).StatusCode
        );
        await JsonAsync(
            await office.Client.PostAsJsonAsync($"/api/v1/provinces/{LaoCai}/years/{Year}/close", new { parts = new[] { "values" } })
        );

        var text = await (await office.Client.GetAsync($"{Url()}?set={set}")).Content.ReadAsStringAsync();
        var errors = Schema().Validate(text);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        var export = JsonDocument.Parse(text).RootElement;
        Assert.Equal("1.0", export.GetProperty("schemaVersion").GetString());
        Assert.Equal("Lào Cai", export.GetProperty("province").GetProperty("name").GetString());
        Assert.Equal(["values"], export.GetProperty("closedParts").EnumerateArray().Select(p => p.GetProperty("part").GetString()));
        Assert.Equal(set, export.GetProperty("criteriaSet").GetProperty("code").GetString());
        Assert.Contains(
            "1.2",
            export
                .GetProperty("criteriaSet")
                .GetProperty("criteria")[0]
                .GetProperty("indicators")
                .EnumerateArray()
                .Select(i => i.GetString())
        );

        // Criteria: every commune and its count as the province summary says.
        var summary = await office.Client.GetFromJsonAsync<JsonElement>($"/api/v1/provinces/{LaoCai}/years/{Year}/summary?set={set}");
        var communes = export.GetProperty("communes").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);
        Assert.Equal(summary.GetProperty("communes").GetArrayLength(), communes.Count);
        foreach (var c in summary.GetProperty("communes").EnumerateArray())
            Assert.Equal(
                c.GetProperty("criteriaMet").GetInt32(),
                communes[c.GetProperty("code").GetString()!].GetProperty("criteriaMet").GetInt32()
            );
        var baoHa = communes[BaoHa];
        Assert.Equal(92.5m, baoHa.GetProperty("values").GetProperty("1.2").GetDecimal());
        Assert.Equal(1m, baoHa.GetProperty("values").GetProperty("1.1").GetDecimal());
        Assert.Equal(90, baoHa.GetProperty("poverty").GetProperty("poor").GetInt32());
        Assert.Equal(4.5m, baoHa.GetProperty("poverty").GetProperty("povertyRate").GetDecimal());
        Assert.Equal(120, baoHa.GetProperty("contributions").GetProperty("workdays").GetInt64());

        // Money: as the province's disbursement summary says, by programme and by source.
        var money = await office.Client.GetFromJsonAsync<JsonElement>($"/api/v1/provinces/{LaoCai}/years/{Year}/disbursement");
        var programmes = export.GetProperty("programmes").EnumerateArray().ToList();
        Assert.Equal(money.GetProperty("allocated").GetInt64(), programmes.Sum(p => p.GetProperty("allocated").GetInt64()));
        Assert.Equal(money.GetProperty("disbursed").GetInt64(), programmes.Sum(p => p.GetProperty("disbursed").GetInt64()));
        var ntm = programmes.Single(p => p.GetProperty("code").GetString() == "ntm-2021-2025");
        Assert.Equal(
            [("central-investment", 800_000_000L, 300_000_000L), ("local", 200_000_000L, 0L)],
            ntm.GetProperty("bySource")
                .EnumerateArray()
                .Select(s =>
                    (s.GetProperty("source").GetString(), s.GetProperty("allocated").GetInt64(), s.GetProperty("disbursed").GetInt64())
                )
        );
        Assert.Contains(export.GetProperty("projects").EnumerateArray(), p =>
            p.GetProperty("id").GetInt32() == id && p.GetProperty("lastMonth").GetInt32() == 1
        );

        // The workbook carries the same content.
        var bytes = await office.Client.GetByteArrayAsync($"{Url()}.xlsx?set={set}");
        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: true, sheetName: "Xã").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(communes.Count, rows.Count);
        var row = rows.Single(r => (string?)r["Mã xã"] == BaoHa);
        Assert.Equal(baoHa.GetProperty("criteriaMet").GetInt32(), Convert.ToInt32(row["Số tiêu chí đạt"]));
        Assert.Equal(90, Convert.ToInt32(row["Hộ nghèo"]));
        stream.Position = 0;
        var money2 = stream.Query(useHeaderRow: true, sheetName: "Chương trình").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(
            1_000_000_000L,
            money2.Where(r => (string?)r["Mã chương trình"] == "ntm-2021-2025").Sum(r => Convert.ToInt64(r["Vốn giao (đồng)"]))
        );
    }

    [Fact]
    public async Task Who_may_not_read_the_province_is_refused_and_bad_parameters_are_named()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var officer = await given.Account(Roles.Commune, unit: BaoHa);
        var hanoi = await given.Account(Roles.Coordinator, unit: "01");
        var viewer = await given.Account(Roles.Viewer, unit: LaoCai);

        await ProblemAssert.IsProblemAsync(await officer.Client.GetAsync(Url()), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await hanoi.Client.GetAsync(Url()), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await hanoi.Client.GetAsync($"{Url()}.xlsx"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await viewer.Client.GetAsync(Url(year: 10000)), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await viewer.Client.GetAsync(Url("99")), HttpStatusCode.NotFound);
        var unknownSet = await ProblemAssert.IsProblemAsync(await viewer.Client.GetAsync($"{Url()}?set=KHONG-CO"), HttpStatusCode.NotFound);
        Assert.Contains("KHONG-CO", unknownSet.GetProperty("detail").GetString());
        // The viewer of the province reads it; an empty year is a valid document.
        var text = await (await viewer.Client.GetAsync(Url(year: Year - 1))).Content.ReadAsStringAsync();
        Assert.Empty(Schema().Validate(text));
        // The schema is strict: another version, a missing part or an unknown field is not a valid export.
        Assert.NotEmpty(Schema().Validate(text.Replace("\"schemaVersion\":\"1.0\"", "\"schemaVersion\":\"0.9\"")));
        Assert.NotEmpty(Schema().Validate(text.Replace("\"projects\":", "\"projectz\":")));
    }
}
