using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Scorecards.Excel;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Excel;

/// <summary>The workbooks anyone may download: built once per change of the data, and never a way to slow the app for others.</summary>
public sealed class PublicExportTests
{
    private const string LaoCai = "15",
        BaoHa = "02989";

    private static string ProvinceResults(string set) => $"/api/v1/provinces/{LaoCai}/years/2026/scorecards.xlsx?set={set}";

    private static IDictionary<string, object?> RowOf(byte[] workbook, string commune)
    {
        using var stream = new MemoryStream(workbook);
        return MiniExcel
            .Query(stream, useHeaderRow: true, sheetName: ResultsWorkbook.ResultsSheet)
            .Cast<IDictionary<string, object?>>()
            .Single(r => r["Mã xã"] as string == commune);
    }

    private static object? FirstCriterion(IDictionary<string, object?> row) => row.Single(c => c.Key.StartsWith("1. ")).Value;

    [Fact]
    public async Task Eight_strangers_asking_for_the_national_workbook_at_once_get_the_same_file_built_once()
    {
        await using var app = await MtqgApp.StartAsync();
        var cache = app.Services.GetRequiredService<ExportCache>();
        var before = cache.Built;

        var answers = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(_ => app.CreateClient().GetAsync("/api/v1/years/2026/scorecards.xlsx"))
        );

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var files = await Task.WhenAll(answers.Select(a => a.Content.ReadAsByteArrayAsync()));
        // They share a build. On PostgreSQL the version is the cluster's snapshot, which other tests' databases on the same
        // server also move; a commit landing between the askers' version reads may start a second build, never eight.
        Assert.InRange(cache.Built - before, 1, 2);
        Assert.InRange(files.Distinct(new BytesComparer()).Count(), 1, 2);
        // Every commune evaluated in the national summary has its row (wards are not evaluated).
        var summary = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/years/2026/summary");
        var evaluated = summary.GetProperty("provinces").EnumerateArray().Sum(p => p.GetProperty("communesEvaluated").GetInt32());
        Assert.Equal(evaluated, CountRows(files[0]));
        Assert.True(evaluated > 2000);
    }

    [Fact]
    public async Task A_value_saved_after_a_download_shows_in_the_next_download_and_an_unchanged_database_reuses_the_file()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var set = await given.IllustrativeCriteriaSet();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        var cache = app.Services.GetRequiredService<ExportCache>();
        var stranger = app.CreateClient();

        var first = await stranger.GetByteArrayAsync(ProvinceResults(set));
        var again = await stranger.GetByteArrayAsync(ProvinceResults(set));
        // Reused while nothing was committed. Only SQLite can show it here: PostgreSQL's version is the cluster's snapshot,
        // which the other tests' databases on the same server move all the time (decision 0008).
        if (TestDatabase.Provider == "Sqlite")
            Assert.Equal(first, again);
        var builtBeforeSave = cache.Built;
        Assert.Equal("Thiếu số liệu", FirstCriterion(RowOf(first, BaoHa)));

        await given.Values(office.Client, BaoHa, 2026, set, new Dictionary<string, object> { ["1.1"] = true, ["1.2"] = 100m });
        var afterSave = await stranger.GetByteArrayAsync(ProvinceResults(set));

        Assert.Equal(builtBeforeSave + 1, cache.Built);
        var card = await office.Client.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/years/2026/scorecard?set={set}");
        var status = card.GetProperty("criteria")[0].GetProperty("status").GetString();
        Assert.Equal(status == "met" ? "Đạt" : "Chưa đạt", FirstCriterion(RowOf(afterSave, BaoHa)));
    }

    [Fact]
    public async Task A_client_asking_for_more_files_than_allowed_in_a_minute_is_told_in_Vietnamese_how_long_to_wait()
    {
        await using var app = new MtqgApp(
            await TestDatabase.CreateAsync(),
            settings: new Dictionary<string, string> { ["Mtqg:ExportRateLimit:PermitPerMinute"] = "3" }
        );
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/decisions.xlsx")).StatusCode);

        var refused = await client.GetAsync("/api/v1/years/2026/scorecards.xlsx");

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("Tải quá nhiều tệp", problem.GetProperty("detail").GetString());
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);

        var fromBrowser = new HttpRequestMessage(HttpMethod.Get, "/api/v1/decisions.xlsx");
        fromBrowser.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var page = await client.SendAsync(fromBrowser);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("vui lòng chờ", await page.Content.ReadAsStringAsync());

        // Pages and the API other than files are not limited; a signed-in account has its own allowance.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/years/2026/summary")).StatusCode);
        var admin = await app.Given().Administrator();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/decisions.xlsx")).StatusCode);
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] bytes) => bytes.Length;
    }

    private static int CountRows(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return MiniExcel.Query(stream, useHeaderRow: true, sheetName: ResultsWorkbook.ResultsSheet).Count();
    }
}
