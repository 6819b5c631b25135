using System.Net;
using System.Text.Json;
using Mtqg.Domain.Common;
using Mtqg.Web.Features.Poverty;
using Mtqg.Web.Features.Poverty.Pages;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Poverty;

/// <summary>The demo database's poverty results (demo figures): Lào Cai's page shows a rate, the chart's line, all three states of the board, and Xã Bảo Hà left to enter.</summary>
public sealed class PovertyDemoTests
{
    [Fact]
    public async Task The_demo_province_has_approved_results_its_page_shows_the_rate_the_chart_line_and_every_status()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var office = await app.ClientAsAsync("demo.dieuphoi");
        // The demo follows the calendar (decision 0012): this year's review is under way, the years before are approved.
        var (first, year) = PovertyDemoSeeder.Years(VietnamTime.Today(DateTime.UtcNow));
        var summary = JsonDocument.Parse(await office.GetStringAsync($"/api/v1/provinces/15/years/{year}/poverty")).RootElement;
        Assert.True(summary.GetProperty("approved").GetInt32() > 0, $"the demo has approved results in {year}");
        var rate = summary.GetProperty("povertyRate").GetDecimal();
        var previous = summary.GetProperty("previousRate").GetDecimal();
        Assert.True(rate < previous, $"the rate falls a little: {previous} → {rate}");
        var communes = summary.GetProperty("communes").EnumerateArray().ToList();
        Assert.Contains(communes, c => c.GetProperty("status").ValueKind == JsonValueKind.Null);
        Assert.Contains(communes, c => c.GetProperty("status").GetString() == "draft");
        var baoHa = communes.Single(c => c.GetProperty("code").GetString() == "02989");
        Assert.Equal(JsonValueKind.Null, baoHa.GetProperty("status").ValueKind);

        var page = WebUtility.HtmlDecode(await office.GetStringAsync($"/tinh/15/ngheo?nam={year}"));
        Assert.Contains(PovertyFormat.Rate(rate), page);
        Assert.Contains("<polyline", page);
        Assert.DoesNotContain("nên chưa vẽ được biểu đồ", page);
        Assert.Contains("chờ phê duyệt", page);
        Assert.Contains("chưa nhập", page);
        Assert.Contains("Tỉnh Lào Cai", page); // the breadcrumb names the province
        for (var earlier = first; earlier < year; earlier++)
            Assert.Contains($"<title>{earlier}: ", page); // a point of the chart each year
    }
}
