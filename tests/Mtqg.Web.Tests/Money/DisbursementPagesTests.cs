using System.Net;
using System.Text.Json;
using Mtqg.Domain.Common;
using Mtqg.Domain.Money;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Money;

/// <summary>The disbursement pages as a person sees them: the demo province's dashboard in triệu đồng with its rate, a project's page.</summary>
public sealed class DisbursementPagesTests
{
    [Fact]
    public async Task The_demo_dashboard_shows_the_province_figures_in_triệu_đồng_and_the_slowest_project_first()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var office = await app.ClientAsAsync("demo.dieuphoi");
        var year = VietnamTime.Today(DateTime.UtcNow).Year;
        var summary = JsonDocument.Parse(await office.GetStringAsync($"/api/v1/provinces/15/years/{year}/disbursement")).RootElement;
        Assert.True(summary.GetProperty("allocated").GetInt64() > 0, "the demo has allocations this year");

        var page = WebUtility.HtmlDecode(await office.GetStringAsync($"/giai-ngan/15/{year}"));
        Assert.Contains(Rate.Show(summary.GetProperty("rate").GetDecimal()), page);
        Assert.Contains(CapitalTotals.Millions(summary.GetProperty("disbursed").GetInt64()), page);
        Assert.Contains(CapitalTotals.Millions(summary.GetProperty("allocated").GetInt64()), page);
        Assert.Contains("<polyline", page);
        var slowest = summary.GetProperty("projects")[0].GetProperty("name").GetString()!;
        var fastest = summary.GetProperty("projects").EnumerateArray().Last().GetProperty("name").GetString()!;
        Assert.True(page.IndexOf(slowest, StringComparison.Ordinal) < page.IndexOf(fastest, StringComparison.Ordinal));

        var id = summary.GetProperty("projects")[0].GetProperty("id").GetInt32();
        var project = WebUtility.HtmlDecode(await office.GetStringAsync($"/du-an/{id}"));
        Assert.Contains(slowest, project);
        Assert.Contains("Báo giải ngân lũy kế", project);
        var list = WebUtility.HtmlDecode(await office.GetStringAsync("/du-an"));
        Assert.Contains(slowest, list);
    }
}
