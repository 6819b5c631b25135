using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using Mtqg.Web.Features.Scorecards.Excel;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Excel;

/// <summary>Download, fill, upload: the values workbook and the results export through the public API, on a real database.</summary>
public sealed class ExcelApiTests
{
    private const string Set = "DEMO-MINH-HOA",
        LaoCai = "15",
        BaoHa = "02989";

    [Fact]
    public async Task The_downloaded_workbook_has_one_row_per_rural_commune_of_the_province_and_the_stored_values_in_their_cells()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var client = await app.ClientAsAsync("demo.dieuphoi");

        var response = await client.GetAsync(WorkbookUrl(LaoCai, 2026));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ValuesWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "MTQG-15-2026-DEMO-MINH-HOA.xlsx",
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName
        );
        var sheet = await SheetAsync(response);
        var communes = (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/units?level=commune&parent={LaoCai}&asOf=2026-12-31"))!
            .Where(u => u.GetProperty("kind").GetString() is "xa" or "dac_khu")
            .Select(u => u.GetProperty("code").GetString())
            .Order()
            .ToList();
        Assert.Equal(89, communes.Count);
        Assert.Equal(communes, sheet.Rows.Select(r => r["Mã xã"] as string));

        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/years/2026/scorecard?set={Set}");
        var row = sheet.Rows.Single(r => r["Mã xã"] as string == BaoHa);
        Assert.Equal("Xã Bảo Hà", row["Tên xã"]);
        Assert.Equal(card.GetProperty("group").GetString(), row["Nhóm"]);
        var indicators = Indicators(card).ToList();
        Assert.Equal(23, indicators.Count);
        Assert.Equal(indicators.Select(i => i.Code), sheet.Codes.Skip(3));
        foreach (var (code, value) in indicators)
            Assert.Equal(Shown(value), row[sheet.Header(code)]);
    }

    [Fact]
    public async Task A_filled_workbook_uploaded_by_the_coordination_office_changes_the_values_the_scorecard_shows()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var sheet = await SheetAsync(await coordinator.GetAsync(WorkbookUrl(LaoCai, 2026)));
        var before = Indicators(await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/years/2026/scorecard?set={Set}"))
            .ToDictionary();
        var row = sheet.Rows.Single(r => r["Mã xã"] as string == BaoHa);
        var flipped = before["1.1"] is JsonElement { ValueKind: JsonValueKind.True } ? "Chưa đạt" : "Đạt";
        row[sheet.Header("1.1")] = flipped;
        row[sheet.Header("1.2")] = 77.5;
        row[sheet.Header("3.1")] = "45,5";
        row[sheet.Header("2.1")] = "xóa";
        var cells = sheet.Rows.Sum(r => sheet.Codes.Skip(3).Count(c => r[sheet.Header(c)] is not null));

        var response = await PostAsync(coordinator, LaoCai, 2026, sheet.ToXlsx(), "so-lieu.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(89, report.GetProperty("communes").GetInt32());
        // Three cells differ from what is stored; every other filled cell of the downloaded workbook equals it.
        Assert.NotEqual(77.5m, before["1.2"]?.GetDecimal());
        Assert.NotEqual(45.5m, before["3.1"]?.GetDecimal());
        var cleared = before["2.1"] is null ? 0 : 1;
        Assert.Equal(
            (3, cleared, cells - 3 - cleared, true),
            (
                report.GetProperty("valuesChanged").GetInt32(),
                report.GetProperty("valuesCleared").GetInt32(),
                report.GetProperty("valuesUnchanged").GetInt32(),
                report.GetProperty("written").GetBoolean()
            )
        );
        Assert.True(report.GetProperty("seconds").GetDouble() >= 0);
        var after = Indicators(await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/years/2026/scorecard?set={Set}"))
            .ToDictionary();
        Assert.Equal(flipped == "Đạt", after["1.1"]!.Value.GetBoolean());
        Assert.Equal(77.5m, after["1.2"]!.Value.GetDecimal());
        Assert.Equal(45.5m, after["3.1"]!.Value.GetDecimal());
        Assert.Null(after["2.1"]);
        Assert.Equal(before["2.2"]?.GetRawText(), after["2.2"]?.GetRawText());
    }

    [Fact]
    public async Task Empty_cells_leave_stored_values_alone_and_a_commune_officer_may_upload_their_own_commune()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var officer = await app.ClientAsAsync("demo.xa");
        var before = Indicators(await officer.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/years/2026/scorecard?set={Set}"))
            .ToDictionary();
        var csv = "Mã xã;Tên xã;1.2 — Tỷ lệ thôn có quy hoạch (%);2.2;5.2\r\n2989;Xã Bảo Hà;66,5;;x\r\n";

        var response = await PostAsync(officer, LaoCai, 2026, Encoding.UTF8.GetBytes(csv), "bao-ha.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var changed = (before["1.2"]?.GetDecimal() == 66.5m ? 0 : 1) + (before["5.2"]?.ValueKind == JsonValueKind.True ? 0 : 1);
        Assert.Equal(
            (1, changed, 0, 2 - changed),
            (
                report.GetProperty("communes").GetInt32(),
                report.GetProperty("valuesChanged").GetInt32(),
                report.GetProperty("valuesCleared").GetInt32(),
                report.GetProperty("valuesUnchanged").GetInt32()
            )
        );
        var after = Indicators(await officer.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/years/2026/scorecard?set={Set}"))
            .ToDictionary();
        Assert.Equal(66.5m, after["1.2"]!.Value.GetDecimal());
        Assert.True(after["5.2"]!.Value.GetBoolean());
        foreach (var code in before.Keys.Except(["1.2", "5.2"]))
            Assert.Equal(before[code]?.GetRawText(), after[code]?.GetRawText());
    }

    [Fact]
    public async Task Three_bad_cells_among_ten_thousand_are_each_reported_by_row_and_column_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        // Thanh Hóa before the reform: 452 rural communes × 23 indicators.
        var sheet = await SheetAsync(await admin.GetAsync(WorkbookUrl("38", 2024)));
        Assert.Equal(452, sheet.Rows.Count);
        Assert.True(sheet.Rows.Count * (sheet.Codes.Count - 3) > 10_000);
        var probe = sheet.Rows[10];
        var probeCode = (string)probe["Mã xã"]!;
        var before = Indicators(await admin.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{probeCode}/years/2024/scorecard?set={Set}"))
            .ToDictionary();
        probe[sheet.Header("1.2")] = 55.25; // a good change, which must not be written either
        sheet.Rows[3][sheet.Header("1.2")] = 130;
        sheet.Rows[200][sheet.Header("1.1")] = "có lẽ";
        sheet.Rows[451][sheet.Header("3.1")] = "nhiều";

        var response = await PostAsync(admin, "38", 2024, sheet.ToXlsx(), "thanh-hoa.xlsx");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var problems = problem
            .GetProperty("problems")
            .EnumerateArray()
            .Select(p =>
                (
                    p.GetProperty("sheet").GetString(),
                    p.GetProperty("row").GetInt32(),
                    p.GetProperty("column").GetString(),
                    p.GetProperty("cell").GetString()
                )
            )
            .ToList();
        Assert.Equal(
            [
                ("Số liệu", 5, "1.2", sheet.Cell("1.2", 5)),
                ("Số liệu", 202, "1.1", sheet.Cell("1.1", 202)),
                ("Số liệu", 453, "3.1", sheet.Cell("3.1", 453)),
            ],
            problems
        );
        Assert.Contains("0–100", ProblemAssert.Errors(problem, $"Số liệu!{sheet.Cell("1.2", 5)}")[0]);
        Assert.Contains("3 lỗi", problem.GetProperty("detail").GetString());
        var after = Indicators(await admin.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{probeCode}/years/2024/scorecard?set={Set}"))
            .ToDictionary();
        Assert.Equal(before["1.2"]?.GetRawText(), after["1.2"]?.GetRawText());
        Assert.NotEqual("55.25", after["1.2"]?.GetRawText());
    }

    [Fact]
    public async Task A_commune_officer_uploading_the_province_workbook_is_refused_with_403_naming_the_other_communes()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var workbook = await (await coordinator.GetAsync(WorkbookUrl(LaoCai, 2026))).Content.ReadAsByteArrayAsync();
        var officer = await app.ClientAsAsync("demo.xa");

        var response = await PostAsync(officer, LaoCai, 2026, workbook, "lao-cai.xlsx");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        var named = problem.GetProperty("communes").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.Equal(88, named.Count);
        Assert.DoesNotContain(BaoHa, named);
        Assert.Contains("88 xã", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_upload_without_a_bearer_token_is_401()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var response = await PostAsync(app.CreateClient(), LaoCai, 2026, Encoding.UTF8.GetBytes("Mã xã,1.2\r\n02989,50\r\n"), "a.csv");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Rows_naming_a_phuong_a_commune_of_another_province_or_an_unknown_code_are_each_reported()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var csv =
            "Mã xã,Tên xã,1.2\r\n02989,Xã Bảo Hà,50\r\n02647,Phường Lào Cai,50\r\n99999,Không có,50\r\n"
            + "\r\n"
            + $"{await AnyRuralCommuneAsync(admin, "38")},Thanh Hóa,50\r\n";

        var response = await PostAsync(admin, LaoCai, 2026, Encoding.UTF8.GetBytes(csv), "sai.csv");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var problems = problem
            .GetProperty("problems")
            .EnumerateArray()
            .Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("cell").GetString(), p.GetProperty("message").GetString()!))
            .ToList();
        Assert.Equal([(3, "A3"), (4, "A4"), (6, "A6")], problems.Select(p => (p.Item1, p.Item2)));
        Assert.Contains("là phường", problems[0].Item3);
        Assert.Contains("Không có xã mã \"99999\"", problems[1].Item3);
        Assert.Contains("không thuộc Tỉnh Lào Cai", problems[2].Item3);
    }

    [Fact]
    public async Task A_workbook_downloaded_for_one_criteria_set_is_refused_for_another()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var other = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/criteria-sets"))!
            .First(s =>
                s.GetProperty("code").GetString() != Set
                && s.GetProperty("validFrom").GetInt32() <= 2026
                && s.GetProperty("validTo").GetInt32() >= 2026
            )
            .GetProperty("code")
            .GetString()!;
        var workbook = await (await admin.GetAsync(WorkbookUrl(LaoCai, 2026))).Content.ReadAsByteArrayAsync();

        var response = await admin.PostAsync($"/api/v1/provinces/{LaoCai}/years/2026/workbook?set={other}", Form(workbook, "a.xlsx"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("problems").EnumerateArray(), p =>
            p.GetProperty("sheet").GetString() == "Hướng dẫn" && p.GetProperty("message").GetString()!.Contains(Set)
        );
    }

    [Fact]
    public async Task A_file_over_20_MB_is_refused_with_a_Vietnamese_message()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var response = await PostAsync(admin, LaoCai, 2026, new byte[21 * 1024 * 1024], "lon.xlsx");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("20 MB", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_results_export_has_each_communes_counts_band_levels_and_criterion_statuses_as_the_scorecard()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var client = app.CreateClient();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        var response = await client.GetAsync($"/api/v1/provinces/{LaoCai}/years/2026/scorecards.xlsx?set={Set}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ValuesWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel
            .Query(stream, useHeaderRow: true, sheetName: ResultsWorkbook.ResultsSheet)
            .Cast<IDictionary<string, object?>>()
            .ToList();
        Assert.Equal(89, rows.Count);
        var card = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/years/2026/scorecard?set={Set}");
        var row = rows.Single(r => r["Mã xã"] as string == BaoHa);
        Assert.Equal(card.GetProperty("criteriaMet").GetInt32(), Convert.ToInt32(row[ResultsWorkbook.MetHeader]));
        Assert.Equal(card.GetProperty("criteriaTotal").GetInt32(), Convert.ToInt32(row[ResultsWorkbook.TotalHeader]));
        Assert.Equal(card.GetProperty("band").GetString(), row[ResultsWorkbook.BandHeader]);
        var reached = string.Join(", ", card.GetProperty("reached").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(reached, row[ResultsWorkbook.ReachedHeader] as string ?? "");
        foreach (var criterion in card.GetProperty("criteria").EnumerateArray())
        {
            var header = $"{criterion.GetProperty("number").GetInt32()}. {criterion.GetProperty("name").GetString()}";
            var expected = criterion.GetProperty("status").GetString() switch
            {
                "met" => "Đạt",
                "not_met" => "Chưa đạt",
                "missing" => "Thiếu số liệu",
                "no_threshold" => "Chưa có ngưỡng",
                _ => "Không áp dụng",
            };
            Assert.Equal(expected, row[header]);
        }
    }

    [Fact]
    public async Task An_unknown_province_or_a_year_outside_the_set_is_a_problem_not_a_file()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await ProblemAssert.IsProblemAsync(await admin.GetAsync(WorkbookUrl("99", 2026)), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(
            await app.CreateClient().GetAsync($"/api/v1/provinces/{LaoCai}/years/2040/scorecards.xlsx?set={Set}"),
            HttpStatusCode.BadRequest
        );
    }

    private static string WorkbookUrl(string province, int year) => $"/api/v1/provinces/{province}/years/{year}/workbook?set={Set}";

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string province, int year, byte[] file, string name) =>
        client.PostAsync(WorkbookUrl(province, year), Form(file, name));

    private static MultipartFormDataContent Form(byte[] file, string name) => ValuesFiles.Form(file, name);

    private static async Task<string> AnyRuralCommuneAsync(HttpClient client, string province) =>
        (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/units?level=commune&parent={province}&asOf=2026-12-31"))!
            .First(u => u.GetProperty("kind").GetString() == "xa")
            .GetProperty("code")
            .GetString()!;

    /// <summary>Every indicator of a scorecard with its value (null when none is stored).</summary>
    private static IEnumerable<(string Code, JsonElement? Value)> Indicators(JsonElement card) =>
        card.GetProperty("criteria")
            .EnumerateArray()
            .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .Select(i =>
                (
                    i.GetProperty("code").GetString()!,
                    i.GetProperty("value") is { ValueKind: not JsonValueKind.Null } v ? (JsonElement?)v : null
                )
            );

    /// <summary>What the workbook cell holds for a scorecard value.</summary>
    private static object? Shown(JsonElement? value) =>
        value switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => "Đạt",
            { ValueKind: JsonValueKind.False } => "Chưa đạt",
            { } v => (double)v.GetDecimal(),
        };

    private static async Task<ValuesSheet> SheetAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new ValuesSheet(ValuesFiles.Rows(await response.Content.ReadAsByteArrayAsync()));
    }

    /// <summary>The "Số liệu" sheet as rows keyed by header text, to fill and save again as a user would.</summary>
    private sealed class ValuesSheet(List<Dictionary<string, object?>> rows)
    {
        public List<Dictionary<string, object?>> Rows { get; } = rows;
        public List<string> Headers { get; } = rows[0].Keys.ToList();

        /// <summary>The code each column's header starts with ("Mã xã", "Tên xã", "Nhóm" for the first three).</summary>
        public List<string> Codes => Headers.Select(h => h.Split(' ')[0]).Select((c, i) => i < 3 ? Headers[i] : c).ToList();

        public string Header(string code) => Headers.Single(h => h.StartsWith(code + " "));

        public string Cell(string code, int row) => ValuesWorkbook.ColumnLetter(Headers.IndexOf(Header(code))) + row;

        public byte[] ToXlsx()
        {
            using var stream = new MemoryStream();
            MiniExcel.SaveAs(stream, Rows, sheetName: ValuesWorkbook.ValuesSheet);
            return stream.ToArray();
        }
    }
}
