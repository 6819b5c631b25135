using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Features.Scorecards.Excel;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Excel;

/// <summary>An upload counts what it changes, shows it before writing, and writes exactly the previewed file once (decision 0028).</summary>
public sealed class UploadPreviewTests
{
    private const string Set = "DEMO-MINH-HOA",
        Page = "/tinh/15/nam/2026/excel?set=DEMO-MINH-HOA",
        Workbook = "/api/v1/provinces/15/years/2026/workbook?set=DEMO-MINH-HOA",
        BaoHa = "02989";
    private static readonly System.Globalization.CultureInfo Vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public async Task A_preview_of_the_full_workbook_with_two_cells_changed_counts_them_and_writes_nothing_then_the_write_writes_exactly_those()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var (file, filled) = await TwoCellsChangedAsync(coordinator);
        var stored = await StoredAsync(app);

        var preview = await ReportAsync(await coordinator.PostAsync(Workbook + "&preview=true", Form(file)));

        Assert.Equal((2, 0, filled - 2, false), Counts(preview));
        Assert.Equal(2, preview.GetProperty("changesTotal").GetInt32());
        var commune = Assert.Single(preview.GetProperty("byCommune").EnumerateArray(), c => c.GetProperty("changed").GetInt32() > 0);
        Assert.Equal(BaoHa, commune.GetProperty("code").GetString());
        Assert.Equal(
            ["1.2: 77,5", "3.1: 45,5"],
            preview.GetProperty("changes").EnumerateArray().Select(c => $"{c.GetProperty("indicator")}: {c.GetProperty("newText")}").Order()
        );
        Assert.Equal(stored, await StoredAsync(app));

        var written = await ReportAsync(await coordinator.PostAsync(Workbook, Form(file)));

        Assert.Equal((2, 0, filled - 2, true), Counts(written));
        var after = await StoredAsync(app);
        Assert.Equal(stored.Values, after.Values); // two replaced, none added or removed
        Assert.Equal(stored.Audit + 1, after.Audit); // one audit row for the one commune-year changed
        var again = await ReportAsync(await coordinator.PostAsync(Workbook + "&preview=true", Form(file)));
        Assert.Equal((0, 0, filled, false), Counts(again));
    }

    [Fact]
    public async Task On_the_page_the_preview_lists_old_and_new_values_and_the_confirmation_writes_that_file_once()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var (file, filled) = await TwoCellsChangedAsync(coordinator);
        var stored = await StoredAsync(app);

        var preview = await SubmitAsync(coordinator, file, "so-lieu.xlsx");

        Assert.Contains("Xem trước: tệp so-lieu.xlsx", preview);
        Assert.Contains(
            $"Nếu ghi: 2 giá trị thay đổi (mới hoặc khác giá trị đang lưu), 0 giá trị bị xóa, {(filled - 2).ToString("N0", Vi)} giá trị giữ nguyên",
            Text(preview)
        );
        Assert.Contains("<td>45,5</td>", preview);
        Assert.Contains("Ghi 2 thay đổi</button>", preview);
        Assert.Contains(">Hủy</a>", preview);
        Assert.Contains("data-mtqg-progress=\"Đang ghi các thay đổi…\"", preview);
        Assert.Equal(stored, await StoredAsync(app));

        var done = await ExcelPageTests.ConfirmAsync(coordinator, preview, Page);

        Assert.Contains("Đã ghi số liệu từ tệp so-lieu.xlsx.", done);
        Assert.Contains("2 giá trị đã thay đổi", done);
        var card = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/years/2026/scorecard?set={Set}");
        Assert.Equal(45.5m, card.GetProperty("criteria")[2].GetProperty("indicators")[0].GetProperty("value").GetDecimal());
        var written = await StoredAsync(app);
        Assert.Equal(stored.Audit + 1, written.Audit);

        // The same confirmation again (a second tab, a replayed request): the file was taken.
        var replay = await PostConfirmAsync(coordinator, preview, PageForms.Hidden(preview, "Token"));
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Contains("Phiên kiểm tra tệp không còn hoặc không đúng", replay.Html);
        Assert.Equal(written, await StoredAsync(app));
    }

    [Fact]
    public async Task A_file_equal_to_the_stored_values_says_so_and_offers_no_write()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var file = await (await coordinator.GetAsync(Workbook)).Content.ReadAsByteArrayAsync();

        var preview = await SubmitAsync(coordinator, file, "nguyen-ven.xlsx");

        Assert.Contains("Tệp không có thay đổi nào so với số liệu đang lưu: không có gì để ghi.", preview);
        Assert.DoesNotContain("name=\"Token\"", preview);
        Assert.DoesNotContain("thay đổi</button>", preview);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("nul")]
    [InlineData("short")]
    [InlineData("another account")]
    public async Task A_confirmation_with_a_token_not_given_to_this_account_is_refused_in_Vietnamese_and_writes_nothing(string kind)
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var (file, _) = await TwoCellsChangedAsync(coordinator);
        var preview = await SubmitAsync(coordinator, file, "so-lieu.xlsx");
        var token = PageForms.Hidden(preview, "Token");
        var admin = await app.ClientAsAsync("demo.admin");
        var stored = await StoredAsync(app);

        var (client, sent) = kind switch
        {
            "forged" => (coordinator, new string('a', 64)),
            "nul" => (coordinator, token[..32] + "\0" + token[33..]),
            "short" => (coordinator, "../../appsettings"),
            _ => (admin, token),
        };
        var page = await client.GetStringAsync(Page);
        var refused = await PostConfirmAsync(client, page, sent);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(
            kind switch
            {
                "another account" => "không phải của tài khoản này cho tỉnh, năm và bộ tiêu chí này. Chưa có gì được ghi.",
                // Every form of the app refuses a control character before a page sees it.
                "nul" => "Biểu mẫu có ký tự điều khiển (như NUL) không được phép",
                _ => "Phiên kiểm tra tệp không còn hoặc không đúng",
            },
            refused.Html
        );
        Assert.Equal(stored, await StoredAsync(app));
        if (kind == "another account")
        {
            // Refused to another account, the token still serves its own.
            var done = await ExcelPageTests.ConfirmAsync(coordinator, preview, Page);
            Assert.Contains("2 giá trị đã thay đổi", done);
        }
    }

    [Fact]
    public async Task Values_changed_between_preview_and_confirmation_are_counted_as_they_are_when_written()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var (file, filled) = await TwoCellsChangedAsync(coordinator);
        var preview = await SubmitAsync(coordinator, file, "so-lieu.xlsx");
        Assert.Contains("Ghi 2 thay đổi</button>", preview);
        // Meanwhile someone else writes one of the two new values.
        var csv = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"Mã xã,1.2\r\n{BaoHa},77.5\r\n"));
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        Assert.Equal(
            HttpStatusCode.OK,
            (await coordinator.PostAsync(Workbook, new MultipartFormDataContent { { csv, "file", "mot-o.csv" } })).StatusCode
        );

        var done = Text(await ExcelPageTests.ConfirmAsync(coordinator, preview, Page));

        Assert.Contains("1 giá trị đã thay đổi", done);
        Assert.Contains($"{(filled - 1).ToString("N0", Vi)} giá trị giữ nguyên", done);
    }

    [Fact]
    public async Task A_preview_older_than_30_minutes_is_refused_in_Vietnamese_and_its_file_removed()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var (file, _) = await TwoCellsChangedAsync(coordinator);
        var preview = await SubmitAsync(coordinator, file, "so-lieu.xlsx");
        var token = PageForms.Hidden(preview, "Token");
        // The file kept on disk (any web node reads it there), its time set back 31 minutes.
        var meta = Path.Combine(app.FilesPath, "pending-uploads", token + ".json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(meta))!;
        json["Created"] = DateTimeOffset.UtcNow.AddMinutes(-31);
        await File.WriteAllTextAsync(meta, json.ToJsonString());
        var stored = await StoredAsync(app);

        var refused = await PostConfirmAsync(coordinator, preview, token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Phiên kiểm tra tệp không còn hoặc không đúng (hết hạn sau 30 phút, hoặc đã ghi)", refused.Html);
        Assert.Equal(stored, await StoredAsync(app));
        Assert.False(File.Exists(meta));
        Assert.False(File.Exists(Path.ChangeExtension(meta, ".bin")));
    }

    /// <summary>The downloaded workbook of Lào Cai 2026 with two cells of Bảo Hà changed, and the number of its filled indicator cells.</summary>
    private static async Task<(byte[] File, int Filled)> TwoCellsChangedAsync(HttpClient client)
    {
        var rows = ValuesFiles.Rows(await (await client.GetAsync(Workbook)).Content.ReadAsByteArrayAsync());
        var headers = rows[0].Keys.ToList();
        var row = rows.Single(r => r[ValuesWorkbook.CodeHeader] as string == BaoHa);
        Assert.NotEqual(77.5, row[headers.Single(h => h.StartsWith("1.2 "))]);
        Assert.NotEqual(45.5, row[headers.Single(h => h.StartsWith("3.1 "))]);
        row[headers.Single(h => h.StartsWith("1.2 "))] = 77.5;
        row[headers.Single(h => h.StartsWith("3.1 "))] = "45,5";
        var filled = rows.Sum(r => headers.Skip(3).Count(h => r[h] is not null));
        return (ValuesFiles.Save(rows), filled);
    }

    private static MultipartFormDataContent Form(byte[] file) => ValuesFiles.Form(file);

    private static async Task<JsonElement> ReportAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static (int, int, int, bool) Counts(JsonElement report) =>
        (
            report.GetProperty("valuesChanged").GetInt32(),
            report.GetProperty("valuesCleared").GetInt32(),
            report.GetProperty("valuesUnchanged").GetInt32(),
            report.GetProperty("written").GetBoolean()
        );

    private static async Task<string> SubmitAsync(HttpClient client, byte[] file, string name)
    {
        var page = await client.GetStringAsync(Page);
        var form = new MultipartFormDataContent
        {
            { new StringContent(PageForms.Hidden(page, "__RequestVerificationToken")), "__RequestVerificationToken" },
            { new StringContent("excel-upload"), "_handler" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(ValuesWorkbook.ContentType);
        form.Add(content, "File", name);
        var response = await client.PostAsync(Page, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, string Html)> PostConfirmAsync(HttpClient client, string page, string token)
    {
        var response = await client.PostAsync(
            Page,
            new FormUrlEncodedContent([
                new("__RequestVerificationToken", PageForms.Hidden(page, "__RequestVerificationToken")),
                new("_handler", "excel-confirm"),
                new("Token", token),
            ])
        );
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>A page's text without tags, its white space collapsed.</summary>
    private static string Text(string html) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""), @"\s+", " ");

    /// <summary>What the database holds: the number of values, the last value's id (a rewrite inserts anew) and the audit rows.</summary>
    private static async Task<(int Values, long LastId, int Audit)> StoredAsync(MtqgApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        return (await db.IndicatorValues.CountAsync(), await db.IndicatorValues.MaxAsync(v => v.Id), await db.AuditEntries.CountAsync());
    }
}
