using System.Net;
using MiniExcelLibs;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Poverty.PovertyApiTests;

namespace Mtqg.Web.Tests.Poverty;

/// <summary>
/// A province's review results loaded from Excel by its coordination office (issue 15 item 2): the workbook lists every
/// commune, filled-in rows become drafts, an approved result is kept or refused when changed, a bad file names every bad
/// cell and writes nothing.
/// </summary>
public sealed class PovertyWorkbookTests
{
    private const string LaoCai = "15",
        BaoHa = "02989",
        HopThanh = "02680",
        Year = "2026";
    private const string Sheet = "Rà soát hộ nghèo";
    private static readonly string Url = $"/api/v1/provinces/{LaoCai}/years/{Year}/poverty";

    private static MultipartFormDataContent File(byte[] bytes) => new() { { new ByteArrayContent(bytes), "file", "ra-soat.xlsx" } };

    /// <summary>The sheet's rows as a spreadsheet program reads them (column letters; row 1 is the header).</summary>
    private static List<Dictionary<string, object?>> Rows(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return MiniExcel
            .Query(stream, useHeaderRow: false, sheetName: Sheet, excelType: ExcelType.XLSX)
            .Select(r => new Dictionary<string, object?>((IDictionary<string, object?>)r))
            .ToList();
    }

    private static byte[] Write(List<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, printHeader: false, sheetName: Sheet);
        return stream.ToArray();
    }

    /// <summary>Fills a commune's row: households, poor, near-poor in D, E, F, the households lacking indicator 1.1 in K.</summary>
    private static void Fill(
        List<Dictionary<string, object?>> rows,
        string commune,
        object? households,
        object? poor,
        object? nearPoor,
        object? lacking = null
    )
    {
        var row = rows.Single(r => $"{r["A"]}" == commune);
        (row["D"], row["E"], row["F"], row["K"]) = (households, poor, nearPoor, lacking);
    }

    private static async Task<List<Dictionary<string, object?>>> DownloadAsync(HttpClient client)
    {
        var response = await client.GetAsync($"{Url}.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Rows(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_office_fills_in_the_workbook_of_every_commune_and_the_rows_become_drafts_an_approved_one_kept()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: LaoCai)).Client;

        var rows = await DownloadAsync(office);
        Assert.Equal(
            ["Mã xã", "Tên xã", "Trạng thái", "Tổng số hộ", "Hộ nghèo", "Hộ cận nghèo"],
            rows[0].Values.Take(6).Select(v => $"{v}")
        );
        Assert.Equal("Thiếu hụt 1.1", $"{rows[0]["K"]}"); // the first indicator of the standard in force in 2026
        Assert.Equal(99, rows.Count - 1); // Lào Cai's communes on 31/12/2026
        Assert.Equal("Chưa nhập", $"{rows.Single(r => $"{r["A"]}" == BaoHa)["C"]}");

        Fill(rows, BaoHa, 3000d, 450d, 210d, 120d);
        Fill(rows, HopThanh, "1 200", "96", "40");
        var first = await JsonAsync(await office.PostAsync(Url, File(Write(rows))));
        Assert.Equal(2, first.GetProperty("written").GetInt32());
        Assert.Equal(97, first.GetProperty("empty").GetInt32());
        var baoHa = await JsonAsync(await office.GetAsync($"/api/v1/communes/{BaoHa}/years/{Year}/poverty"));
        Assert.Equal("draft", baoHa.GetProperty("status").GetString());
        Assert.Equal(15m, baoHa.GetProperty("povertyRate").GetDecimal());
        Assert.Equal(120, baoHa.GetProperty("deprivations").GetProperty("1.1").GetInt32());

        await JsonAsync(await office.PostAsync($"/api/v1/communes/{BaoHa}/years/{Year}/poverty/approve", null));
        var again = await DownloadAsync(office);
        Assert.Equal("Đã phê duyệt", $"{again.Single(r => $"{r["A"]}" == BaoHa)["C"]}");
        Fill(again, HopThanh, 1200d, 90d, 40d);
        var second = await JsonAsync(await office.PostAsync(Url, File(Write(again))));
        Assert.Equal(1, second.GetProperty("written").GetInt32());
        Assert.Equal(1, second.GetProperty("unchanged").GetInt32());
        Assert.Contains("1 xã không đổi", second.GetProperty("message").GetString());

        Fill(again, BaoHa, 3000d, 400d, 210d, 120d); // changes the approved result
        Fill(again, HopThanh, 1200d, 80d, 40d);
        var refused = await ProblemAssert.IsProblemAsync(await office.PostAsync(Url, File(Write(again))), HttpStatusCode.BadRequest);
        var row = again.FindIndex(r => $"{r["A"]}" == BaoHa) + 1;
        Assert.Contains("đã được phê duyệt", refused.GetProperty("errors").GetProperty($"{Sheet}!A{row}")[0].GetString());
        var hopThanh = await JsonAsync(await office.GetAsync($"/api/v1/communes/{HopThanh}/years/{Year}/poverty"));
        Assert.Equal(90, hopThanh.GetProperty("poor").GetInt32()); // nothing written
    }

    [Fact]
    public async Task Every_bad_cell_of_the_workbook_is_named_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: LaoCai)).Client;
        var rows = await DownloadAsync(office);
        Fill(rows, BaoHa, 1000d, 800d, 300d); // poor + near-poor above the households
        Fill(rows, HopThanh, 1000d, -5d, 2.5d, "nhiều");
        rows.Add(
            new Dictionary<string, object?>(rows[1])
            {
                ["A"] = "01234",
                ["D"] = 10d,
                ["E"] = 1d,
                ["F"] = 1d,
            }
        ); // not of Lào Cai
        rows.Add(new Dictionary<string, object?>(rows.Single(r => $"{r["A"]}" == BaoHa))); // Bảo Hà twice

        var problem = await ProblemAssert.IsProblemAsync(await office.PostAsync(Url, File(Write(rows))), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        string At(string commune, string column) =>
            string.Join(" | ", errors.GetProperty($"{Sheet}!{column}{rows.FindIndex(r => $"{r["A"]}" == commune) + 1}").EnumerateArray());
        Assert.Contains("vượt tổng số hộ", At(BaoHa, "E"));
        Assert.Contains("không được âm", At(HopThanh, "E"));
        Assert.Contains("phải là số nguyên", At(HopThanh, "F"));
        Assert.Contains("\"nhiều\" không phải số hộ", At(HopThanh, "K"));
        Assert.Contains("không thuộc tỉnh 15", At("01234", "A"));
        Assert.Contains("có hai dòng", errors.GetProperty($"{Sheet}!A{rows.Count}")[0].GetString());
        Assert.Contains("chưa có gì được ghi", problem.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(
            await office.GetAsync($"/api/v1/communes/{BaoHa}/years/{Year}/poverty"),
            HttpStatusCode.NotFound
        );

        var garbage = await ProblemAssert.IsProblemAsync(
            await office.PostAsync(Url, File("không phải Excel\0\0"u8.ToArray())),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("xlsx", garbage.GetRawText());
    }

    [Fact]
    public async Task A_commune_officer_cannot_load_the_province_and_a_viewer_downloads_but_sees_no_upload_form()
    {
        await using var app = await MtqgApp.StartAsync();
        var account = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        var office = account.Client;
        var officer = (await app.Given().Account(Roles.Commune, unit: BaoHa)).Client;
        var viewer = (await app.Given().Account(Roles.Viewer, unit: LaoCai)).Client;
        var rows = await DownloadAsync(office);
        Fill(rows, BaoHa, 100d, 10d, 5d);

        var forbidden = await ProblemAssert.IsProblemAsync(await officer.PostAsync(Url, File(Write(rows))), HttpStatusCode.Forbidden);
        Assert.Contains("Tệp không được đọc", forbidden.GetProperty("detail").GetString());
        Assert.Equal(100, (await DownloadAsync(viewer)).Count);
        var viewerPage = WebUtility.HtmlDecode(await viewer.GetStringAsync($"/tinh/{LaoCai}/ngheo?nam={Year}"));
        Assert.Contains("Tải Excel các xã", viewerPage);
        Assert.DoesNotContain("Nạp kết quả của cả tỉnh từ Excel", viewerPage);

        var page = $"/tinh/{LaoCai}/ngheo?nam={Year}";
        var browser = await app.ClientAsAsync(account.UserName, account.Password, followRedirects: false);
        var html = await browser.GetStringAsync(page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(PageForms.Hidden(html, "__RequestVerificationToken")), "__RequestVerificationToken" },
            { new StringContent("poverty-file"), "_handler" },
            { new ByteArrayContent(Write(rows)), "file", "ra-soat.xlsx" },
        };
        var posted = await browser.PostAsync(page, form);
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var after = WebUtility.HtmlDecode(await browser.GetStringAsync(posted.Target()));
        Assert.Contains("Đã ghi kết quả rà soát hộ nghèo năm 2026 của 1 xã (chờ phê duyệt)", after);
        Assert.Contains("1 đã nhập chưa phê duyệt", after);
    }
}
