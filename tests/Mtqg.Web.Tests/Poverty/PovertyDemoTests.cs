using System.Net;
using System.Text.Json;
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
        var summary = JsonDocument.Parse(await office.GetStringAsync("/api/v1/provinces/15/years/2025/poverty")).RootElement;
        Assert.True(summary.GetProperty("approved").GetInt32() > 0, "the demo has approved results in 2025");
        var rate = summary.GetProperty("povertyRate").GetDecimal();
        var previous = summary.GetProperty("previousRate").GetDecimal();
        Assert.True(rate < previous, $"the rate falls a little: {previous} → {rate}");
        var communes = summary.GetProperty("communes").EnumerateArray().ToList();
        Assert.Contains(communes, c => c.GetProperty("status").ValueKind == JsonValueKind.Null);
        Assert.Contains(communes, c => c.GetProperty("status").GetString() == "draft");
        var baoHa = communes.Single(c => c.GetProperty("code").GetString() == "02989");
        Assert.Equal(JsonValueKind.Null, baoHa.GetProperty("status").ValueKind);

        var page = WebUtility.HtmlDecode(await office.GetStringAsync("/tinh/15/ngheo?nam=2025"));
        Assert.Contains(PovertyFormat.Rate(rate), page);
        Assert.Contains("<polyline", page);
        Assert.DoesNotContain("nên chưa vẽ được biểu đồ", page);
        Assert.Contains("chờ phê duyệt", page);
        Assert.Contains("chưa nhập", page);
        Assert.Contains("Tỉnh Lào Cai", page); // the breadcrumb names the province
        foreach (var year in new[] { 2022, 2023, 2024 })
            Assert.Contains($"<title>{year}: ", page); // a point of the chart each year
    }
}
