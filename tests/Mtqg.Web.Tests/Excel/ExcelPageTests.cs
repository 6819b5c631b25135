using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Excel;

/// <summary>The Excel page posts its form to itself and calls the same service in process.</summary>
public sealed class ExcelPageTests
{
    private const string Page = "/tinh/15/nam/2026/excel?set=DEMO-MINH-HOA";

    [Fact]
    public async Task The_page_offers_both_downloads_and_lists_every_problem_of_a_bad_file_by_row_and_column()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var page = await coordinator.GetStringAsync(Page);
        Assert.Contains("href=\"/api/v1/provinces/15/years/2026/workbook?set=DEMO-MINH-HOA\"", page);
        Assert.Contains("href=\"/api/v1/provinces/15/years/2026/scorecards.xlsx?set=DEMO-MINH-HOA\"", page);

        var html = await SubmitAsync(coordinator, page, "Mã xã;1.2;1.1\r\n02989;150;Đạt\r\n02647;50;có lẽ\r\n", "sai.csv");

        Assert.Contains("Có 3 lỗi trong tệp; chưa có gì được ghi.", html);
        var problems = TableRows(html).Where(r => r[0] == "sai.csv").ToList();
        Assert.Equal(
            [
                ["sai.csv", "2", "1.2", "B2"],
                ["sai.csv", "3", "Mã xã", "A3"],
                ["sai.csv", "3", "1.1", "C3"],
            ],
            problems.Select(r => r[..4])
        );
        Assert.Contains("0–100", problems[0][4]);
        Assert.Contains("là phường", problems[1][4]);
        var card = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/communes/02989/years/2026/scorecard?set=DEMO-MINH-HOA");
        Assert.NotEqual(150m, card.GetProperty("criteria")[0].GetProperty("indicators")[1].GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task A_clean_file_uploaded_on_the_page_is_written_and_the_report_shows_rows_values_and_time()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var page = await coordinator.GetStringAsync(Page);

        var preview = await SubmitAsync(coordinator, page, "Mã xã,1.2,1.1\r\n02989,64.5,Đạt\r\n", "dung.csv");

        Assert.Contains("Xem trước: tệp dung.csv", preview);
        var html = await ConfirmAsync(coordinator, preview);
        Assert.Contains("Đã ghi số liệu từ tệp dung.csv.", html);
        Assert.Contains("giá trị đã thay đổi", html);
        Assert.Contains("giây", html);
        var card = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/communes/02989/years/2026/scorecard?set=DEMO-MINH-HOA");
        Assert.Equal(64.5m, card.GetProperty("criteria")[0].GetProperty("indicators")[1].GetProperty("value").GetDecimal());
    }

    private static async Task<string> SubmitAsync(HttpClient client, string page, string csv, string fileName)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(PageForms.Hidden(page, "__RequestVerificationToken")), "__RequestVerificationToken" },
            { new StringContent(PageForms.Hidden(page, "_handler")), "_handler" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "File", fileName);
        var response = await client.PostAsync(Page, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts the preview's "Ghi … thay đổi" form, as the browser does.</summary>
    internal static async Task<string> ConfirmAsync(HttpClient client, string preview, string page = Page)
    {
        var response = await client.PostAsync(
            page,
            new FormUrlEncodedContent([
                new("__RequestVerificationToken", PageForms.Hidden(preview, "__RequestVerificationToken")),
                new("_handler", "excel-confirm"),
                new("Token", PageForms.Hidden(preview, "Token")),
            ])
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The cells' text of every table row of the page.</summary>
    private static IEnumerable<string[]> TableRows(string html) =>
        Regex
            .Matches(html, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)
            .Select(row =>
                Regex
                    .Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline)
                    .Select(td => Regex.Replace(td.Groups[1].Value, "<[^>]+>", "").Trim())
                    .ToArray()
            )
            .Where(cells => cells.Length > 0);
}
