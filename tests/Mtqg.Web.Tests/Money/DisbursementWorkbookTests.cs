using System.Net;
using MiniExcelLibs;
using Mtqg.Domain.Money;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Money.CapitalPlanApiTests;
using static Mtqg.Web.Tests.Money.DisbursementApiTests;
using static Mtqg.Web.Tests.Money.ProjectsApiTests;

namespace Mtqg.Web.Tests.Money;

/// <summary>
/// The province's month sheet (issue 14 item 4): every project allocated that year on one sheet, filled in and loaded back
/// through the page or the API; a bad sheet names every bad cell and writes nothing.
/// </summary>
public sealed class DisbursementWorkbookTests
{
    private static readonly string March = $"{Year}-03";
    private static readonly string SheetUrl = $"/api/v1/provinces/{LaoCai}/disbursements/{March}";

    private static MultipartFormDataContent File(byte[] bytes) => new() { { new ByteArrayContent(bytes), "file", "giai-ngan.xlsx" } };

    /// <summary>The sheet's rows as a spreadsheet program reads them (column letters; row 1 is the header).</summary>
    private static List<Dictionary<string, object?>> Rows(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return MiniExcel
            .Query(stream, useHeaderRow: false, sheetName: "Giải ngân", excelType: ExcelType.XLSX)
            .Select(r => new Dictionary<string, object?>((IDictionary<string, object?>)r))
            .ToList();
    }

    private static byte[] Write(List<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, printHeader: false, sheetName: "Giải ngân");
        return stream.ToArray();
    }

    /// <summary>Two projects of Lào Cai allocated last year: the first from two sources, with February already reported.</summary>
    private static async Task<(int Road, int Cinnamon)> TwoProjectsAsync(HttpClient office)
    {
        var road = await CreateAsync(office, ProjectOfLastYear("Đường nội đồng thôn Bảo Hà"));
        var cinnamon = await CreateAsync(office, ProjectOfLastYear("Chuỗi giá trị quế"));
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await Allocate(office, road, Year, ("central-investment", 800_000_000L), ("local", 200_000_000L))).StatusCode
        );
        Assert.Equal(HttpStatusCode.NoContent, (await Allocate(office, cinnamon, Year, ("local", 500_000_000L))).StatusCode);
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await Disburse(office, road, $"{Year}-02", null, ("central-investment", 100_000_000L))).StatusCode
        );
        return (road, cinnamon);
    }

    /// <summary>A row typed in by hand under the downloaded ones: project, source and a cumulative of 1 đồng.</summary>
    private static Dictionary<string, object?> Added(int project, string source) =>
        new()
        {
            ["A"] = project,
            ["B"] = null,
            ["C"] = null,
            ["D"] = source,
            ["E"] = null,
            ["F"] = null,
            ["G"] = 1L,
            ["H"] = null,
        };

    private static Dictionary<string, object?> RowOf(List<Dictionary<string, object?>> rows, string project, string source) =>
        rows.Single(r => $"{r["B"]}" == project && $"{r["D"]}" == CapitalSource.Label(source));

    [Fact]
    public async Task The_month_sheet_lists_each_allocated_source_with_last_month_and_records_every_project_filled_in()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: LaoCai)).Client;
        var (road, cinnamon) = await TwoProjectsAsync(office);

        var download = await office.GetAsync($"{SheetUrl}.xlsx");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal($"MTQG-giai-ngan-{LaoCai}-{Year}-03.xlsx", download.Content.Headers.ContentDisposition?.FileNameStar);
        var rows = Rows(await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Mã dự án", "Tên dự án", "Chủ đầu tư", "Nguồn vốn"], rows[0].Values.Take(4).Select(v => $"{v}"));
        Assert.Equal(4, rows.Count); // header + road (two sources) + cinnamon
        var roadCentral = RowOf(rows, "Đường nội đồng thôn Bảo Hà", "central-investment");
        Assert.Equal(800_000_000d, Convert.ToDouble(roadCentral["E"]));
        Assert.Equal(100_000_000d, Convert.ToDouble(roadCentral["F"])); // February, reported before
        Assert.Null(roadCentral["G"]);
        Assert.Equal("Xã Bảo Hà", $"{roadCentral["C"]}");

        roadCentral["G"] = 250_000_000L;
        RowOf(rows, "Đường nội đồng thôn Bảo Hà", "local")["G"] = "50 000 000"; // typed as text with spaces
        RowOf(rows, "Chuỗi giá trị quế", "local")["G"] = 500_000_000L;
        var recorded = await JsonAsync(await office.PostAsync(SheetUrl, File(Write(rows))));
        Assert.Equal(2, recorded.GetProperty("projects").GetInt32());

        var project = await JsonAsync(await office.GetAsync($"/api/v1/projects/{road}"));
        var march = project
            .GetProperty("years")
            .EnumerateArray()
            .Single(y => y.GetProperty("year").GetInt32() == Year)
            .GetProperty("months")
            .EnumerateArray()
            .Single(m => m.GetProperty("month").GetInt32() == 3)
            .GetProperty("disbursed")
            .EnumerateArray()
            .ToDictionary(d => d.GetProperty("source").GetString()!, d => d.GetProperty("amount").GetInt64());
        Assert.Equal(250_000_000L, march["central-investment"]);
        Assert.Equal(50_000_000L, march["local"]);
        var summary = await JsonAsync(await office.GetAsync($"/api/v1/provinces/{LaoCai}/years/{Year}/disbursement"));
        Assert.Equal(800_000_000L, summary.GetProperty("disbursed").GetInt64());
        Assert.Equal(500_000_000L, await StoredAsync(app, cinnamon));

        // The sheet downloaded again shows March as entered.
        var again = Rows(await office.GetByteArrayAsync($"{SheetUrl}.xlsx"));
        Assert.Equal(250_000_000d, Convert.ToDouble(RowOf(again, "Đường nội đồng thôn Bảo Hà", "central-investment")["G"]));
    }

    [Fact]
    public async Task A_bad_month_sheet_names_each_bad_cell_and_nothing_is_written_and_only_the_province_office_may_load_it()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: LaoCai)).Client;
        var (road, cinnamon) = await TwoProjectsAsync(office);
        var rows = Rows(await office.GetByteArrayAsync($"{SheetUrl}.xlsx"));
        var roadCentral = RowOf(rows, "Đường nội đồng thôn Bảo Hà", "central-investment");
        roadCentral["G"] = 50_000_000L; // below February's 100 million, no reason
        RowOf(rows, "Đường nội đồng thôn Bảo Hà", "local")["G"] = "một tỷ"; // not a number
        RowOf(rows, "Chuỗi giá trị quế", "local")["G"] = 600_000_000L; // above its 500 million allocation
        rows.Add(Added(999_999, "Ngân sách địa phương")); // no such project
        rows.Add(Added(road, "tiền túi")); // no such source
        var before = (await StoredAsync(app, road), await StoredAsync(app, cinnamon));

        var problem = await ProblemAssert.IsProblemAsync(await office.PostAsync(SheetUrl, File(Write(rows))), HttpStatusCode.BadRequest);
        var problems = problem
            .GetProperty("problems")
            .EnumerateArray()
            .Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString(), p.GetProperty("message").GetString()!))
            .ToList();
        int RowNumber(string name, string source) => rows.IndexOf(RowOf(rows, name, source)) + 1;
        Assert.Contains(problems, p =>
            p.Item1 == RowNumber("Đường nội đồng thôn Bảo Hà", "local") && p.Item3.Contains("không phải số tiền")
        );
        Assert.Contains(problems, p => p.Item1 == 5 && p.Item2 == "Mã dự án" && p.Item3.Contains("không có dự án mã 999999"));
        Assert.Contains(problems, p => p.Item1 == 6 && p.Item2 == "Nguồn vốn");
        Assert.True(problems.Count == 3, problem.GetRawText()); // reading problems stop before the projects are checked
        Assert.Equal(before, (await StoredAsync(app, road), await StoredAsync(app, cinnamon)));

        // The cells read well: each project's checks name the cell, and still nothing is written.
        rows.RemoveRange(4, 2);
        RowOf(rows, "Đường nội đồng thôn Bảo Hà", "local")["G"] = 10_000_000L;
        problem = await ProblemAssert.IsProblemAsync(await office.PostAsync(SheetUrl, File(Write(rows))), HttpStatusCode.BadRequest);
        var messages = problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value[0].GetString()!);
        Assert.Contains("thấp hơn đã báo", messages[$"Giải ngân!G{RowNumber("Đường nội đồng thôn Bảo Hà", "central-investment")}"]);
        Assert.Contains("vượt vốn giao", messages[$"Giải ngân!G{RowNumber("Chuỗi giá trị quế", "local")}"]);
        Assert.Equal(before, (await StoredAsync(app, road), await StoredAsync(app, cinnamon)));

        // With the reason given, the lower figure is a correction and the file is recorded.
        roadCentral["H"] = "Hoàn trả tạm ứng sai";
        RowOf(rows, "Chuỗi giá trị quế", "local")["G"] = 450_000_000L;
        Assert.Equal(2, (await JsonAsync(await office.PostAsync(SheetUrl, File(Write(rows))))).GetProperty("projects").GetInt32());
        var project = await JsonAsync(await office.GetAsync($"/api/v1/projects/{road}"));
        Assert.Equal("Hoàn trả tạm ứng sai", project.GetProperty("corrections")[0].GetProperty("reason").GetString());

        // A month still to come; another province's office and the commune officer are refused before the file is read.
        var nextYear = $"/api/v1/provinces/{LaoCai}/disbursements/{Year + 2}-01";
        await ProblemAssert.IsProblemAsync(await office.GetAsync($"{nextYear}.xlsx"), HttpStatusCode.BadRequest);
        var hanoi = (await app.Given().Account(Roles.Coordinator, unit: "01")).Client;
        await ProblemAssert.IsProblemAsync(await hanoi.PostAsync(SheetUrl, File(Write(rows))), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await hanoi.GetAsync($"{SheetUrl}.xlsx"), HttpStatusCode.Forbidden);
        var commune = (await app.Given().Account(Roles.Commune, unit: BaoHa)).Client;
        await ProblemAssert.IsProblemAsync(await commune.PostAsync(SheetUrl, File(Write(rows))), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_disbursement_page_offers_the_month_sheet_and_takes_it_back()
    {
        await using var app = await MtqgApp.StartAsync();
        var account = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        var office = await app.ClientAsAsync(account.UserName, account.Password, followRedirects: false);
        var (road, _) = await TwoProjectsAsync(account.Client);
        var pageUrl = $"/giai-ngan/{LaoCai}/{Year}?thang=3";
        var page = WebUtility.HtmlDecode(await office.GetStringAsync(pageUrl));
        Assert.Contains("Nhập giải ngân cả tỉnh bằng Excel", page);
        Assert.Contains($"/api/v1/provinces/{LaoCai}/disbursements/{March}.xlsx", page);

        var rows = Rows(await office.GetByteArrayAsync($"{SheetUrl}.xlsx"));
        RowOf(rows, "Đường nội đồng thôn Bảo Hà", "central-investment")["G"] = 900_000_000L; // above 800 million
        var form = new MultipartFormDataContent
        {
            { new StringContent(PageForms.Hidden(page, "__RequestVerificationToken")), "__RequestVerificationToken" },
            { new StringContent("month-sheet"), "_handler" },
            { new ByteArrayContent(Write(rows)), "file", "giai-ngan.xlsx" },
        };
        var refused = WebUtility.HtmlDecode(await (await office.PostAsync(pageUrl, form)).Content.ReadAsStringAsync());
        Assert.Contains("vượt vốn giao", refused);
        Assert.Contains("Giải ngân!G", refused);

        RowOf(rows, "Đường nội đồng thôn Bảo Hà", "central-investment")["G"] = 300_000_000L;
        form = new MultipartFormDataContent
        {
            { new StringContent(PageForms.Hidden(page, "__RequestVerificationToken")), "__RequestVerificationToken" },
            { new StringContent("month-sheet"), "_handler" },
            { new ByteArrayContent(Write(rows)), "file", "giai-ngan.xlsx" },
        };
        var saved = await office.PostAsync(pageUrl, form);
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        var after = WebUtility.HtmlDecode(await office.GetStringAsync(saved.Target()));
        Assert.Contains("Đã ghi giải ngân tháng 03", after);
        Assert.Equal(300_000_000L, await StoredAsync(app, road) - 100_000_000L);

        // A commune officer sees no upload form, and its post is refused before the file is read.
        var commune = await app.Given().Account(Roles.Commune, unit: BaoHa);
        var officer = await app.ClientAsAsync(commune.UserName, commune.Password, followRedirects: false);
        Assert.DoesNotContain("Nhập giải ngân cả tỉnh bằng Excel", WebUtility.HtmlDecode(await officer.GetStringAsync(pageUrl)));
    }
}
