using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Mtqg.Domain.Common;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

/// <summary>
/// Issue 14's journey: the coordination office loads the capital plan from Excel, the investor commune reports a month's
/// disbursement on its project's page, and the province's dashboard rate moves.
/// </summary>
public sealed class MoneyJourneyTests
{
    private static decimal RateOf(string shown) =>
        decimal.Parse(shown.Trim().TrimEnd('%'), NumberStyles.Number, CultureInfo.GetCultureInfo("vi-VN"));

    [Fact]
    public async Task The_office_loads_the_capital_plan_the_commune_reports_a_month_and_the_province_rate_moves()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        var today = VietnamTime.Today(DateTime.UtcNow);
        var year = today.Year;

        // The office downloads the plan's workbook and loads it back: a new version of the plan.
        await session.SignInAsync("demo.dieuphoi");
        await session.GoToAsync($"/von/15/{year}");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Tải Excel" }).ClickAsync()
        );
        var workbook = Path.Combine(Path.GetTempPath(), $"mtqg-ke-hoach-von-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(workbook);
        await page.GetByLabel("Tệp .xlsx").SetInputFilesAsync(workbook);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await Expect(page.GetByText($"Đã lưu kế hoạch vốn năm {year}")).ToBeVisibleAsync();
        File.Delete(workbook);

        await session.GoToAsync($"/giai-ngan/15/{year}");
        var before = RateOf(await page.Locator("[data-rate]").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

        // A project of which Xã Bảo Hà is the investor, with what is left to disburse this year on one source.
        int id;
        string source;
        long allocated;
        using (var scope = session.App.Services.CreateScope())
        {
            var db = session.App.Db(scope);
            var allocations = await db
                .ProjectAllocations.Where(a => a.Year == year && a.Project.InvestorCommuneCode == "02989")
                .Select(a => new
                {
                    a.ProjectId,
                    a.Source,
                    a.Amount,
                })
                .ToListAsync();
            var reported = await db
                .ProjectDisbursements.Where(d => d.Year == year && d.Month == today.Month)
                .Select(d => new
                {
                    d.ProjectId,
                    d.Source,
                    d.Cumulative,
                })
                .ToListAsync();
            var open = allocations.First(a =>
                a.Amount > (reported.FirstOrDefault(r => r.ProjectId == a.ProjectId && r.Source == a.Source)?.Cumulative ?? 0)
            );
            (id, source, allocated) = (open.ProjectId, open.Source, open.Amount);
        }

        await session.SignInAsync("demo.xa");
        await session.GoToAsync($"/du-an/{id}");
        await page.GetByLabel("Tháng").FillAsync($"{year}-{today.Month:00}");
        await page.GetByLabel("Nguồn vốn").SelectOptionAsync(source);
        await page.GetByLabel("Lũy kế (đồng)").FillAsync(allocated.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Expect(page.GetByText($"Đã lưu giải ngân tháng {year}-{today.Month:00}")).ToBeVisibleAsync();
        await session.ScreenshotAsync("giai-ngan-xa");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

        await session.SignInAsync("demo.dieuphoi");
        await session.GoToAsync($"/giai-ngan/15/{year}");
        var after = RateOf(await page.Locator("[data-rate]").InnerTextAsync());
        Assert.True(after > before, $"The province's rate was {before}% and is {after}% after the commune's report.");
        await session.ScreenshotAsync("giai-ngan-tinh");
    }
}
