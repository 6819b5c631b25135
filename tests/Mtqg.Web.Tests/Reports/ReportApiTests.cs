using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Domain.Common;
using Mtqg.Web.Features.Reports;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Reports;

/// <summary>The reports officials owe (issue 16 item 2): the catalog, each report in .xlsx and .docx with the official header, the API's figures, refusals.</summary>
public sealed class ReportApiTests
{
    private static int Year => VietnamTime.Today(DateTime.UtcNow).Year;

    public static TheoryData<string, string> Reports() =>
        new()
        {
            { "ntm-results", "xlsx" },
            { "ntm-results", "docx" },
            { "recognition", "xlsx" },
            { "recognition", "docx" },
            { "money", "xlsx" },
            { "money", "docx" },
            { "poverty", "xlsx" },
            { "poverty", "docx" },
            { "agencies", "xlsx" },
            { "agencies", "docx" },
        };

    private static readonly string[] HeaderTexts =
    [
        "UBND TỈNH LÀO CAI",
        "VĂN PHÒNG ĐIỀU PHỐI CÁC CTMTQG",
        "Số:        /BC-VPĐP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nơi nhận:",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "(Ký, ghi rõ họ tên, đóng dấu)",
    ];

    [Fact]
    public async Task The_catalog_lists_the_five_reports_with_their_period_and_parameters()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var client = await app.ClientAsAsync("demo.xem");
        var catalog = JsonDocument.Parse(await client.GetStringAsync("/api/v1/reports")).RootElement.EnumerateArray().ToList();
        Assert.Equal(
            ["ntm-results", "recognition", "money", "poverty", "agencies"],
            catalog.Select(r => r.GetProperty("code").GetString())
        );
        Assert.Equal(["year", "year", "half-year", "year", "half-year"], catalog.Select(r => r.GetProperty("period").GetString()));
        Assert.Equal("year", catalog[0].GetProperty("period").GetString());
        Assert.Contains(catalog[4].GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "half");
        Assert.False(catalog[0].GetProperty("title").GetString()!.Length == 0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/reports")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task Each_report_downloads_for_the_demo_province_with_the_official_header_and_signature_block(string code, string format)
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var office = await app.ClientAsAsync("demo.dieuphoi");
        var response = await office.GetAsync($"/api/v1/reports/{code}.{format}?province=15&year={Year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(format == "xlsx" ? ReportXlsx.ContentType : ReportDocx.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"bao-cao-{code}-15-{Year}.{format}", response.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var errors = ReportFiles.SchemaErrors(bytes, format == "docx");
        Assert.True(errors.Length == 0, errors);
        var title = "BÁO CÁO " + ReportCatalog.Find(code)!.Title.ToUpper(CultureInfo.GetCultureInfo("vi-VN"));
        var today = VietnamTime.Today(DateTime.UtcNow);
        var place = $"Lào Cai, ngày {today.Day:00} tháng {today.Month:00} năm {today.Year}";
        // The demo closes no period: the closable parts say so; visits and titles are never closed.
        var closing = ReportService.ClosedPartOf(code) is null
            ? "Số liệu tại thời điểm lập báo cáo (phần số liệu này không khóa sổ)"
            : "Số liệu chưa khóa sổ";
        string[] expected = [.. HeaderTexts, closing, title, place, $"Năm {Year}", "Đơn vị tính: " + ReportCatalog.Find(code)!.Unit];
        if (format == "xlsx")
        {
            var texts = ReportFiles.Rows(bytes).SelectMany(r => r.Values).ToHashSet();
            foreach (var text in expected)
                Assert.Contains(text, texts);
            var info = ReportFiles.Info(bytes);
            Assert.Equal(9u, info.PaperSize);
            Assert.Equal(1u, info.FitToWidth);
            Assert.Equal("Times New Roman", info.Font);
            Assert.StartsWith("'Báo cáo'!$", info.PrintTitles);
        }
        else
        {
            var (text, _, page) = ReportFiles.Docx(bytes);
            foreach (var line in expected)
                Assert.Contains(line, text);
            Assert.Equal(new uint[] { 11906, 16838 }, new[] { page.Width!.Value, page.Height!.Value }.Order());
        }
    }

    [Fact]
    public async Task The_ntm_report_counts_equal_the_province_summary_API()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var office = await app.ClientAsAsync("demo.dieuphoi");
        var summary = JsonDocument.Parse(await office.GetStringAsync($"/api/v1/provinces/15/years/{Year}/summary")).RootElement;
        var rows = ReportFiles.Rows(await office.GetByteArrayAsync($"/api/v1/reports/ntm-results.xlsx?province=15&year={Year}"));
        Assert.Equal(summary.GetProperty("communesEvaluated").GetInt32().ToString(), ReportFiles.Row(rows, 0, "Số xã được đánh giá")[1]);
        foreach (var band in summary.GetProperty("bands").EnumerateArray())
            Assert.Equal(
                band.GetProperty("communes").GetInt32().ToString(),
                ReportFiles.Row(rows, 0, band.GetProperty("name").GetString()!, "II. Số xã theo số tiêu chí đạt")[2]
            );
        foreach (var criterion in summary.GetProperty("criteria").EnumerateArray())
            Assert.Equal(
                criterion.GetProperty("communesMet").GetInt32().ToString(),
                ReportFiles.Row(rows, 1, criterion.GetProperty("name").GetString()!, "III. Số xã đạt từng tiêu chí")[2]
            );
        var closest = summary.GetProperty("closest").EnumerateArray().ToList();
        Assert.NotEmpty(closest);
        Assert.Equal(closest.Count.ToString(), ReportFiles.Row(rows, 0, "Số xã gần đạt chuẩn (còn thiếu 1–2 tiêu chí)")[1]);
        foreach (var commune in closest)
            Assert.Equal(
                $"{commune.GetProperty("criteriaMet").GetInt32()}/{commune.GetProperty("criteriaTotal").GetInt32()}",
                ReportFiles.Row(rows, 1, commune.GetProperty("code").GetString()!, "IV. Các xã gần đạt chuẩn")[3]
            );
        var communes = summary.GetProperty("communes").EnumerateArray().ToList();
        var first = ReportFiles.Row(rows, 1, communes[0].GetProperty("code").GetString()!, "V. Kết quả từng xã theo tiêu chí");
        Assert.Equal(communes[0].GetProperty("criteriaMet").GetInt32(), first.Values.Count(v => v == "Đ"));

        var docx = ReportFiles.Docx(await office.GetByteArrayAsync($"/api/v1/reports/ntm-results.docx?province=15&year={Year}"));
        Assert.Equal(16838u, docx.Page.Width!.Value); // the commune × criterion table turns the page sideways
        foreach (var band in summary.GetProperty("bands").EnumerateArray())
            Assert.Contains(docx.TableRows, r =>
                r[0] == band.GetProperty("name").GetString() && r[2] == band.GetProperty("communes").GetInt32().ToString()
            );
    }

    [Fact]
    public async Task The_money_report_totals_equal_the_capital_and_disbursement_APIs()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var office = await app.ClientAsAsync("demo.dieuphoi");
        var spent = JsonDocument.Parse(await office.GetStringAsync($"/api/v1/provinces/15/years/{Year}/disbursement")).RootElement;
        var plan = JsonDocument.Parse(await office.GetStringAsync($"/api/v1/provinces/15/years/{Year}/capital")).RootElement;
        Assert.True(spent.GetProperty("disbursed").GetInt64() > 0);
        var rows = ReportFiles.Rows(await office.GetByteArrayAsync($"/api/v1/reports/money.xlsx?province=15&year={Year}"));
        foreach (var section in new[] { "I. Theo chương trình", "II. Theo nguồn vốn" })
        {
            var total = ReportFiles.Row(rows, 1, "Tổng cộng", section);
            Assert.Equal(plan.GetProperty("totals").GetProperty("total").GetInt64().ToString(), total[2]);
            Assert.Equal(spent.GetProperty("allocated").GetInt64().ToString(), total[3]);
            Assert.Equal(spent.GetProperty("disbursed").GetInt64().ToString(), total[4]);
        }
        foreach (var source in spent.GetProperty("bySource").EnumerateArray())
            Assert.Equal(
                source.GetProperty("disbursed").GetInt64().ToString(),
                ReportFiles.Row(rows, 1, source.GetProperty("name").GetString()!, "II. Theo nguồn vốn")[4]
            );
        // Six months: the disbursement of those months, the year's cumulative at the end of June (the API's month line) and the rest.
        var june = spent
            .GetProperty("months")
            .EnumerateArray()
            .Single(m => m.GetProperty("month").GetInt32() == 6)
            .GetProperty("disbursed")
            .GetInt64();
        var first = ReportFiles.Rows(await office.GetByteArrayAsync($"/api/v1/reports/money.xlsx?province=15&year={Year}&half=1"));
        Assert.Equal(june.ToString(), ReportFiles.Row(first, 1, "Tổng cộng", "I. Theo chương trình")[4]);
        Assert.Contains($"6 tháng đầu năm {Year}", first.SelectMany(r => r.Values));
        var second = ReportFiles.Rows(await office.GetByteArrayAsync($"/api/v1/reports/money.xlsx?province=15&year={Year}&half=2"));
        Assert.Equal(
            (spent.GetProperty("disbursed").GetInt64() - june).ToString(),
            ReportFiles.Row(second, 1, "Tổng cộng", "II. Theo nguồn vốn")[4]
        );
        Assert.True(june > 0);

        var docx = ReportFiles.Docx(await office.GetByteArrayAsync($"/api/v1/reports/money.docx?province=15&year={Year}"));
        var shown = ReportCell.Of(spent.GetProperty("disbursed").GetInt64()).Display;
        Assert.Contains(docx.TableRows, r => r.Contains("Tổng cộng") && r.Contains(shown));
    }

    [Fact]
    public async Task The_poverty_report_counts_equal_the_province_poverty_API()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var office = await app.ClientAsAsync("demo.dieuphoi");
        var year = Year - 1; // the demo's last complete review (this year's is under way)
        var summary = JsonDocument.Parse(await office.GetStringAsync($"/api/v1/provinces/15/years/{year}/poverty")).RootElement;
        Assert.True(summary.GetProperty("approved").GetInt32() > 0);
        var rows = ReportFiles.Rows(await office.GetByteArrayAsync($"/api/v1/reports/poverty.xlsx?province=15&year={year}"));
        var total = ReportFiles.Row(rows, 2, "Toàn tỉnh", "II. Từng xã");
        Assert.Equal(summary.GetProperty("households").GetInt64().ToString(), total[4]);
        Assert.Equal(summary.GetProperty("poor").GetInt64().ToString(), total[5]);
        Assert.Equal(summary.GetProperty("nearPoor").GetInt64().ToString(), total[6]);
        Assert.Equal(summary.GetProperty("povertyRate").GetDecimal(), decimal.Parse(total[7], CultureInfo.InvariantCulture));
        var communes = summary.GetProperty("communes").EnumerateArray().ToList();
        Assert.Equal(
            communes.Count(c => c.GetProperty("status").GetString() == "approved"),
            rows.Count(r => r.GetValueOrDefault(3) == "Đã phê duyệt")
        );
        var docx = ReportFiles.Docx(await office.GetByteArrayAsync($"/api/v1/reports/poverty.docx?province=15&year={year}"));
        Assert.Contains(docx.TableRows, r =>
            r.Contains("Toàn tỉnh") && r.Contains(ReportCell.Of(summary.GetProperty("poor").GetInt64()).Display)
        );
    }

    [Fact]
    public async Task The_agencies_report_counts_the_visits_and_recommendations_of_the_half_year()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var office = await app.ClientAsAsync("demo.dieuphoi");
        var visits = JsonDocument.Parse(await office.GetStringAsync("/api/v1/visits?province=15")).RootElement.EnumerateArray().ToList();
        var recommendations = JsonDocument
            .Parse(await office.GetStringAsync("/api/v1/recommendations?province=15&status=all"))
            .RootElement.EnumerateArray()
            .ToList();
        foreach (var half in new[] { 1, 2 })
        {
            var (from, to) =
                half == 1 ? (new DateOnly(Year, 1, 1), new DateOnly(Year, 6, 30)) : (new DateOnly(Year, 7, 1), new DateOnly(Year, 12, 31));
            bool In(JsonElement e, string field) =>
                DateOnly.Parse(e.GetProperty(field).GetString()!, CultureInfo.InvariantCulture) is var d && d >= from && d <= to;
            var xlsx = await office.GetByteArrayAsync($"/api/v1/reports/agencies.xlsx?province=15&year={Year}&half={half}");
            var rows = ReportFiles.Rows(xlsx);
            Assert.Contains(half == 1 ? $"6 tháng đầu năm {Year}" : $"6 tháng cuối năm {Year}", rows.SelectMany(r => r.Values));
            var total = ReportFiles.Row(rows, 1, "Cộng", "I. Tổng hợp theo cơ quan, đơn vị");
            Assert.Equal(visits.Count(v => In(v, "date")).ToString(), total[3]);
            Assert.Equal(visits.Where(v => In(v, "date")).Sum(v => v.GetProperty("supportValue").GetInt64()).ToString(), total[5]);
            Assert.Equal(recommendations.Count(r => In(r, "raisedOn")).ToString(), total[6]);
        }
        Assert.Contains(visits, v => DateOnly.Parse(v.GetProperty("date").GetString()!, CultureInfo.InvariantCulture).Year == Year);
    }

    [Fact]
    public async Task The_recognition_report_lists_the_titles_granted_in_the_year_their_count_by_batch_and_the_revocations()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account("coordinator", "15")).Client;
        var communes = JsonDocument
            .Parse(await office.GetStringAsync("/api/v1/units?parent=15&level=commune"))
            .RootElement.EnumerateArray()
            .Select(u => u.GetProperty("code").GetString()!)
            .Take(2)
            .ToList();
        var ids = new List<int>();
        foreach (var (commune, number) in communes.Zip(new[] { "11/QĐ-UBND", "12/QĐ-UBND" }))
        {
            var created = await office.PostAsJsonAsync(
                "/api/v1/titles",
                new
                {
                    communeCode = commune,
                    level = "NTM",
                    decisionNumber = number,
                    decisionDate = $"{Year}-01-15",
                    signer = "Chủ tịch UBND tỉnh",
                }
            );
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids.Add(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32());
        }
        var today = VietnamTime.Today(DateTime.UtcNow);
        var revoked = await office.PostAsJsonAsync(
            "/api/v1/decisions/revocations",
            new
            {
                number = "13/QĐ-UBND",
                date = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                signer = "Chủ tịch UBND tỉnh",
                titles = new[] { ids[1] },
                reason = "=Không duy trì tiêu chí 17",
            }
        );
        Assert.Equal(HttpStatusCode.Created, revoked.StatusCode);

        var rows = ReportFiles.Rows(await office.GetByteArrayAsync($"/api/v1/reports/recognition.xlsx?province=15&year={Year}"));
        Assert.Equal("2", ReportFiles.Row(rows, 0, "Cộng", "I. Số xã được công nhận")[2]);
        foreach (var (commune, number) in communes.Zip(new[] { "11/QĐ-UBND", "12/QĐ-UBND" }))
            Assert.Equal(number, ReportFiles.Row(rows, 1, commune, "II. Danh sách xã được công nhận")[4]);
        var revocation = ReportFiles.Row(rows, 1, communes[1], "III. Các xã bị thu hồi danh hiệu");
        Assert.Equal(("13/QĐ-UBND", VietnamTime.Format(today)), (revocation[5], revocation[6]));
        Assert.Equal("'=Không duy trì tiêu chí 17", revocation[7]); // typed text starting with '=' is written as text

        var docx = ReportFiles.Docx(await office.GetByteArrayAsync($"/api/v1/reports/recognition.docx?province=15&year={Year}"));
        Assert.Contains(docx.TableRows, r => r.Contains(communes[1]) && r.Contains("=Không duy trì tiêu chí 17"));
        var before = ReportFiles.Rows(await office.GetByteArrayAsync($"/api/v1/reports/recognition.xlsx?province=15&year={Year - 1}"));
        Assert.DoesNotContain(before, r => r.GetValueOrDefault(1) == communes[0]);
    }

    [Fact]
    public async Task A_bad_report_code_or_parameter_is_refused_with_400_naming_it()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var office = await app.ClientAsAsync("demo.dieuphoi");
        foreach (
            var (url, field) in new[]
            {
                ($"/api/v1/reports/khong-co.xlsx?province=15&year={Year}", "code"),
                ("/api/v1/reports/ntm-results.xlsx?province=15&year=abc", "year"),
                ("/api/v1/reports/ntm-results.docx?province=15", "year"),
                ("/api/v1/reports/ntm-results.xlsx?province=15&year=1999", "year"),
                ($"/api/v1/reports/agencies.xlsx?province=15&year={Year}&half=3", "half"),
                ($"/api/v1/reports/poverty.xlsx?province=15&year={Year}&half=1", "half"),
                ($"/api/v1/reports/poverty.docx?province=99&year={Year}", "province"),
                ($"/api/v1/reports/poverty.xlsx?year={Year}", "province"),
                ($"/api/v1/reports/money.xlsx?province=15&year={Year}&set=DEMO", "set"),
            }
        )
        {
            var problem = await ProblemAssert.IsProblemAsync(await office.GetAsync(url), HttpStatusCode.BadRequest);
            Assert.NotEmpty(ProblemAssert.Errors(problem, field));
            Assert.Contains(field == "code" ? "khong-co" : field, problem.GetProperty("detail").GetString());
        }
        var admin = await app.ClientAsAsync("demo.admin");
        var national = await ProblemAssert.IsProblemAsync(
            await admin.GetAsync($"/api/v1/reports/money.xlsx?year={Year}&half=1"),
            HttpStatusCode.BadRequest
        );
        Assert.NotEmpty(ProblemAssert.Errors(national, "half"));
    }

    [Fact]
    public async Task A_province_the_account_cannot_read_is_refused_with_403()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var office = await app.ClientAsAsync("demo.dieuphoi");
        var commune = await app.ClientAsAsync("demo.xa");
        await ProblemAssert.IsProblemAsync(
            await office.GetAsync($"/api/v1/reports/ntm-results.xlsx?province=01&year={Year}"),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(
            await commune.GetAsync($"/api/v1/reports/poverty.docx?province=15&year={Year}"),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(
            await office.GetAsync($"/api/v1/reports/ntm-results.xlsx?year={Year}"),
            HttpStatusCode.Forbidden
        );

        var admin = await app.ClientAsAsync("demo.admin");
        var national = ReportFiles.Rows(await admin.GetByteArrayAsync($"/api/v1/reports/money.xlsx?year={Year}"));
        Assert.Contains(national, r => r.Values.Any(v => v.EndsWith("CẢ NƯỚC", StringComparison.Ordinal)));
        Assert.Contains(national, r => r.GetValueOrDefault(1) == "Cả nước");
        var nation = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/years/{Year}/summary")).RootElement;
        var ntm = ReportFiles.Rows(await admin.GetByteArrayAsync($"/api/v1/reports/ntm-results.xlsx?year={Year}"));
        var lines = nation.GetProperty("provinces").EnumerateArray().ToList();
        Assert.Equal(lines.Sum(p => p.GetProperty("communesEvaluated").GetInt32()).ToString(), ReportFiles.Row(ntm, 1, "Cả nước")[2]);
        Assert.Equal(
            lines[0].GetProperty("communesWithData").GetInt32().ToString(),
            ReportFiles.Row(ntm, 0, lines[0].GetProperty("code").GetString()!)[3]
        );
    }
}
