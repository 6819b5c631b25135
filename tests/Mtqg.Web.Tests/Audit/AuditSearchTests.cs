using System.Net;
using MiniExcelLibs;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Audit;

/// <summary>The trail searched and exported by administrators and coordination offices (their province only).</summary>
public sealed class AuditSearchTests
{
    /// <summary>A xã of Hà Nội before the reform.</summary>
    private const string BacSon = "00379";

    [Theory]
    [InlineData("demo.xa")]
    [InlineData("demo.xem")]
    [InlineData("demo.thamdinh")]
    public async Task The_search_and_the_export_are_refused_to_accounts_other_than_administrators_and_coordination_offices(string userName)
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var client = await app.ClientAsAsync(userName);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/audit.xlsx"), HttpStatusCode.Forbidden);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/nhat-ky")).StatusCode);
        await ProblemAssert.IsProblemAsync(await app.CreateClient().GetAsync("/api/v1/audit"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_coordinator_sees_the_changes_of_their_province_now_and_before_the_reform_but_not_another_provinces()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        // Bảo Hà in 2024 is the old commune of old Lào Cai (10), which merged into province 15; Sóc Sơn and, in 2024, Bắc Sơn are in Hà Nội.
        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 61.25m });
        await admin.PutValuesOkAsync(BaoHa, 2024, new Dictionary<string, object?> { ["2.1"] = 51.25m });
        await admin.PutValuesOkAsync(SocSon, 2026, new Dictionary<string, object?> { ["2.1"] = 71.25m });
        await admin.PutValuesOkAsync(BacSon, 2024, new Dictionary<string, object?> { ["2.1"] = 81.25m });

        var (total, rows) = await coordinator.SearchAsync("entity=IndicatorValue");
        var (other, _) = await coordinator.SearchAsync($"unit={SocSon}");
        var (all, _) = await admin.SearchAsync("entity=IndicatorValue");
        var (hanoi, hanoiRows) = await admin.SearchAsync("unit=01&entity=IndicatorValue");
        var (accounts, accountRows) = await coordinator.SearchAsync("entity=AppUser");

        Assert.Equal(2, total);
        Assert.Equal([(BaoHa, 2024), (BaoHa, 2026)], rows.Select(r => (r.UnitCode!, r.Year!.Value)));
        Assert.Equal(0, other);
        Assert.Equal(4, all);
        Assert.Equal(2, hanoi);
        Assert.Equal([(BacSon, 2024), (SocSon, 2026)], hanoiRows.Select(r => (r.UnitCode!, r.Year!.Value)));
        // The demo accounts were created at start-up: a coordinator sees those of their province, never the national administrator.
        Assert.True(accounts > 0);
        Assert.Contains(accountRows, r => r.Key == "demo.xa");
        Assert.DoesNotContain(accountRows, r => r.Key == "demo.admin");
    }

    [Fact]
    public async Task The_search_filters_by_user_and_date_and_pages_by_fifty_newest_first()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        await coordinator.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 61.25m });
        var today = Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var tomorrow = Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd");

        var (mine, rows) = await admin.SearchAsync($"user=demo.dieuphoi&from={today}&to={today}");
        var (later, _) = await admin.SearchAsync($"user=demo.dieuphoi&from={tomorrow}");
        var (everything, first) = await admin.SearchAsync("");
        var (_, second) = await admin.SearchAsync("page=2");

        Assert.Equal(1, mine);
        Assert.Equal(("demo.dieuphoi", "2.1", "61.25"), (rows[0].UserName, rows[0].Key, rows[0].NewValue));
        Assert.Equal(0, later);
        Assert.True(everything > 50, $"the demo start-up records more than a page, got {everything}");
        Assert.Equal(50, first.Count);
        Assert.Equal(rows[0], first[0]);
        Assert.True(first.Zip(first.Skip(1)).All(p => p.First.At >= p.Second.At));
        Assert.True(first[^1].At >= second[0].At);
        var problem = await ProblemAssert.IsProblemAsync(await admin.GetAsync("/api/v1/audit?from=31/12/2026"), HttpStatusCode.BadRequest);
        Assert.Contains("yyyy-MM-dd", ProblemAssert.Errors(problem, "from")[0]);
    }

    [Fact]
    public async Task The_export_is_a_real_workbook_with_the_filtered_rows()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 61.25m, ["9.2"] = false });

        var response = await admin.GetAsync("/api/v1/audit.xlsx?user=demo.admin&entity=IndicatorValue");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(
            ".xlsx",
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName
        );
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Nhật ký", "Ghi chú"], MiniExcel.GetSheetNames(stream));
        var rows = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Nhật ký").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r =>
            Assert.Equal(("demo.admin", "Giá trị chỉ tiêu", BaoHa, Code), (r["Người thực hiện"], r["Loại"], r["Đơn vị"], r["Bộ tiêu chí"]))
        );
        Assert.Equal(["2.1", "9.2"], rows.Select(r => (string)r["Chỉ tiêu / đối tượng"]!).Order());
        var flag = rows.Single(r => (string)r["Chỉ tiêu / đối tượng"]! == "9.2");
        Assert.Equal("false", flag["Giá trị mới"]);
        Assert.Matches(@"^\d\d/\d\d/\d{4} \d\d:\d\d:\d\d$", (string)rows[0]["Thời điểm (giờ Việt Nam)"]!);
    }

    [Fact]
    public async Task The_trail_page_lists_the_changes_in_the_coordinators_province_with_an_export_link()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        await coordinator.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 61.25m });

        var html = WebUtility.HtmlDecode(await coordinator.GetStringAsync("/nhat-ky?nguoi=demo.dieuphoi&loai=IndicatorValue"));

        Assert.Contains("Nhật ký thay đổi", html);
        Assert.Contains("Phạm vi: tỉnh 15", html);
        Assert.Contains("1 bản ghi", html);
        Assert.Contains("61,25", html);
        Assert.Contains("href=\"/api/v1/audit.xlsx?user=demo.dieuphoi&entity=IndicatorValue\"", html);
    }
}
