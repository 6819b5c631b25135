using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Mtqg.Web.Tests.Files;

/// <summary>
/// The upload gate (decision 0018) against the files that broke the upload (issue 18): each is refused with the bound it
/// passed named in Vietnamese, with the right status, nothing is written, and the app answers the next request.
/// </summary>
public sealed class UploadGateTests(ITestOutputHelper output)
{
    private const string Workbook = "/api/v1/provinces/15/years/2026/workbook?set=DEMO-MINH-HOA",
        Page = "/tinh/15/nam/2026/excel?set=DEMO-MINH-HOA";

    [Fact]
    public async Task A_workbook_with_cells_in_column_XFD_is_refused_naming_the_column_bound_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        var problem = await RefusedAsync(app, coordinator, HostileFiles.CellsInColumnXfd(), "xfd.xlsx", HttpStatusCode.BadRequest);

        Assert.Equal("Mtqg:Uploads:MaxColumns", problem.GetProperty("bound").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("cột XFD", detail);
        Assert.Contains("16384", detail);
        Assert.Contains("tối đa cho phép là cột GR (cột 200)", detail);
    }

    [Fact]
    public async Task A_viewer_sending_the_XFD_workbook_is_refused_with_403_before_the_file_is_read()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var viewer = await app.ClientAsAsync("demo.xem");

        var problem = await RefusedAsync(app, viewer, HostileFiles.CellsInColumnXfd(), "xfd.xlsx", HttpStatusCode.Forbidden);

        // 403, not the 400 the file's columns would get: permission is asked first.
        Assert.Contains("không có quyền nhập số liệu", problem.GetProperty("detail").GetString());
        Assert.Contains("tệp không được đọc", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_shared_string_of_500_MB_is_refused_naming_the_text_length_bound()
    {
        var file = HostileFiles.SharedStringOf500Megabytes();
        Assert.True(file.Length < 1024 * 1024, $"{file.Length} bytes");
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var problem = await RefusedAsync(app, admin, file, "chuoi.xlsx", HttpStatusCode.BadRequest);

        Assert.Equal("Mtqg:Uploads:MaxTextLength", problem.GetProperty("bound").GetString());
        Assert.Contains("dài hơn 32.767 ký tự (chuỗi dùng chung thứ 1", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_long_text_in_a_cell_written_without_its_reference_is_refused_naming_the_cell_Excel_shows()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var problem = await RefusedAsync(app, admin, HostileFiles.LongTextInAnUnnamedCell(), "dai.xlsx", HttpStatusCode.BadRequest);

        Assert.Equal("Mtqg:Uploads:MaxTextLength", problem.GetProperty("bound").GetString());
        Assert.Contains("dài hơn 32.767 ký tự (ô C5, trong xl/worksheets/sheet1.xml)", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_sheet_declaring_data_past_the_last_column_is_refused_naming_the_declared_cell()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var problem = await RefusedAsync(app, admin, HostileFiles.DimensionPastTheLastColumn(), "vung.xlsx", HttpStatusCode.BadRequest);

        Assert.Equal("Mtqg:Uploads:MaxColumns", problem.GetProperty("bound").GetString());
        Assert.Contains("ở cột (ngoài XFD) (vùng dữ liệu khai báo đến ô ZZZ10, cột 18278)", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_package_that_decompresses_past_100_MB_is_refused_naming_the_uncompressed_bound()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var problem = await RefusedAsync(app, admin, HostileFiles.DecompressingTo150Megabytes(), "nen.xlsx", HttpStatusCode.BadRequest);

        Assert.Equal("Mtqg:Uploads:MaxUncompressedMegabytes", problem.GetProperty("bound").GetString());
        Assert.Contains("khi giải nén lớn hơn 100 MB", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_cell_in_the_last_row_of_a_sheet_is_refused_naming_the_row_bound()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var problem = await RefusedAsync(app, admin, HostileFiles.CellInTheLastRow(), "dong.xlsx", HttpStatusCode.BadRequest);

        Assert.Equal("Mtqg:Uploads:MaxRows", problem.GetProperty("bound").GetString());
        Assert.Contains("dòng 1.048.576", problem.GetProperty("detail").GetString());
        Assert.Contains("tối đa cho phép là dòng 20.000", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_package_of_300_parts_is_refused_naming_the_parts_bound()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var problem = await RefusedAsync(app, admin, HostileFiles.ThreeHundredParts(), "phan.xlsx", HttpStatusCode.BadRequest);

        Assert.Equal("Mtqg:Uploads:MaxParts", problem.GetProperty("bound").GetString());
        Assert.Contains("tối đa cho phép là 200 phần", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_CSV_of_4000_columns_is_refused_naming_the_column_bound()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var problem = await RefusedAsync(app, admin, HostileFiles.CsvWith4000Columns(), "rong.csv", HttpStatusCode.BadRequest);

        Assert.Equal("Mtqg:Uploads:MaxColumns", problem.GetProperty("bound").GetString());
        Assert.Contains("Dòng 1 của tệp CSV có hơn 200 cột", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_CSV_with_more_lines_than_the_row_bound_is_refused_naming_it()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var problem = await RefusedAsync(app, admin, HostileFiles.CsvWithRows(20_000), "dai.csv", HttpStatusCode.BadRequest);

        Assert.Equal("Mtqg:Uploads:MaxRows", problem.GetProperty("bound").GetString());
        Assert.Contains("Tệp CSV có hơn 20.000 dòng", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_file_one_byte_over_the_limit_is_refused_with_413_naming_the_limit_in_MB()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");

        var problem = await RefusedAsync(app, admin, new byte[20 * 1024 * 1024 + 1], "lon.xlsx", HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("Tệp quá lớn", problem.GetProperty("title").GetString());
        Assert.Contains("tối đa 20 MB (Mtqg:Uploads:WorkbookMegabytes)", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task On_the_values_page_the_XFD_workbook_is_refused_with_400_naming_the_column_bound()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var before = await WrittenAsync(app);

        var response = await PostPageAsync(coordinator, HostileFiles.CellsInColumnXfd(), "xfd.xlsx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Tệp có ô ở cột XFD", html);
        Assert.Contains("Mtqg:Uploads:MaxColumns", html);
        Assert.Equal(before, await WrittenAsync(app));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(Page)).StatusCode);
    }

    [Fact]
    public async Task A_viewer_posting_a_file_to_the_values_page_is_refused_with_403_before_the_form_is_read()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var viewer = await app.ClientAsAsync("demo.xem");

        var response = await PostPageAsync(viewer, HostileFiles.CellsInColumnXfd(), "xfd.xlsx");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Tài khoản không có quyền nhập số liệu của tỉnh 15; tệp không được đọc", html);
    }

    [Fact]
    public async Task A_criteria_set_body_over_its_limit_is_refused_with_413_naming_the_limit()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var body = new StringContent("{\"code\":\"" + new string('A', 6 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");

        var problem = await ProblemAssert.IsProblemAsync(
            await admin.PostAsync("/api/v1/criteria-sets", body),
            HttpStatusCode.RequestEntityTooLarge
        );

        Assert.Contains("tối đa 5 MB (Mtqg:Uploads:CriteriaSetMegabytes)", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Evidence_far_over_the_store_limit_is_refused_with_413_before_the_file_is_stored()
    {
        await using var app = new MtqgApp(
            await TestDatabase.CreateAsync(demo: true),
            settings: new Dictionary<string, string> { ["Mtqg:Files:MaxMegabytes"] = "1" },
            demo: true
        );
        var xa = await app.ClientAsAsync("demo.xa");
        var created = await Recognition.Recognition.CreateAsync(xa);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var file = new ByteArrayContent(new byte[3 * 1024 * 1024]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        var response = await xa.PostAsync($"/api/v1/dossiers/{id}/evidence", new MultipartFormDataContent { { file, "file", "lon.pdf" } });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("tối đa 1 MB (Mtqg:Files:MaxMegabytes)", problem.GetProperty("detail").GetString());
        Assert.Empty(Directory.Exists(app.FilesPath) ? Directory.GetFiles(app.FilesPath) : []);
    }

    [Fact]
    public void A_parse_stopped_by_the_application_stopping_is_a_503_and_one_past_its_time_a_refusal_naming_the_setting()
    {
        using var stopping = new CancellationTokenSource();
        stopping.Cancel();
        using (var budget = new ParseBudget(CancellationToken.None, stopping.Token, TimeSpan.FromMinutes(1)))
        {
            Assert.True(budget.Token.IsCancellationRequested);
            Assert.Equal(503, budget.Refusal!.Status);
        }
        using (var budget = new ParseBudget(CancellationToken.None, CancellationToken.None, TimeSpan.FromMilliseconds(1)))
        {
            budget.Token.WaitHandle.WaitOne();
            Assert.Equal(400, budget.Refusal!.Status);
            Assert.Equal("Mtqg:Uploads:ParseSeconds", budget.Refusal.Bound);
        }
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();
        using (var budget = new ParseBudget(aborted.Token, CancellationToken.None, TimeSpan.FromMinutes(1)))
            Assert.Null(budget.Refusal); // the client left: nobody to answer
    }

    [Fact]
    public void The_values_reader_stops_between_rows_when_its_token_is_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        using var csv = new MemoryStream(HostileFiles.CsvWithRows(10));

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Web.Features.Scorecards.Excel.ValuesSheetReader.Read(
                csv,
                Web.Features.Scorecards.Excel.UploadFormat.Csv,
                "a.csv",
                new Dictionary<string, Web.Features.Scorecards.SetIndicator>(),
                cancelled.Token
            )
        );
    }

    /// <summary>Posts the file to the values API, asserts the refusal, that nothing was written and that the app answers the next request.</summary>
    private async Task<JsonElement> RefusedAsync(MtqgApp app, HttpClient client, byte[] file, string name, HttpStatusCode status)
    {
        var before = await WrittenAsync(app);
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsync(Workbook, Form(file, name));
        output.WriteLine($"{name}: {file.Length:N0} bytes refused with {(int)response.StatusCode} in {watch.ElapsedMilliseconds} ms");

        var problem = await ProblemAssert.IsProblemAsync(response, status);
        Assert.Equal(before, await WrittenAsync(app));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        return problem;
    }

    private static MultipartFormDataContent Form(byte[] file, string name)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".csv") ? "text/csv" : "application/octet-stream");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    private static async Task<HttpResponseMessage> PostPageAsync(HttpClient client, byte[] file, string name)
    {
        var page = await client.GetStringAsync(Page);
        var form = new MultipartFormDataContent
        {
            { new StringContent(PageForms.Hidden(page, "__RequestVerificationToken")), "__RequestVerificationToken" },
            { new StringContent("excel-upload"), "_handler" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "File", name);
        return await client.PostAsync(Page, form);
    }

    /// <summary>What an upload would have written: the values and the audit trail.</summary>
    private static async Task<(int Values, int Audit)> WrittenAsync(MtqgApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        return (await db.IndicatorValues.CountAsync(), await db.AuditEntries.CountAsync());
    }
}
