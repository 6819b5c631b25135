using Microsoft.Playwright;
using Mtqg.Domain.Common;
using Mtqg.Web.Tests.Scorecards;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

/// <summary>
/// Issue 15's journey: a commune enters its poverty review results, the coordination office approves them, and the
/// commune's poverty indicator on the scorecard — of a set whose indicator 6.1 follows the approved rate — turns met.
/// </summary>
public sealed class PovertyIndicatorJourneyTests
{
    [Fact]
    public async Task The_commune_enters_its_results_the_office_approves_and_the_poverty_indicator_turns_met()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        var year = VietnamTime.Today(DateTime.UtcNow).Year;
        // The national data does not say which indicator is the poverty rate, so the journey's set is the illustrative one
        // with 6.1 marked (threshold: at most 5%), imported as a province imports its own detailed set.
        var admin = await session.App.ClientAsAsync("demo.admin", Mtqg.Web.Features.Accounts.AccountSeeder.DemoPassword);
        var created = await admin.PostAsync("/api/v1/criteria-sets", await SourcedIndicatorTests.SetJsonAsync(session.App, "poverty.rate"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var scorecard = $"/xa/02989?nam={year}&set={SourcedIndicatorTests.Set}";
        var sourced = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Theo kết quả rà soát hộ nghèo" });

        // Xã Bảo Hà's review of this year is not entered yet (the demo leaves it to demo.xa): the indicator has no value.
        await session.SignInAsync("demo.xa");
        await session.GoToAsync(scorecard);
        await Expect(sourced).ToContainTextAsync($"chưa có kết quả rà soát hộ nghèo được phê duyệt năm {year}");
        await sourced.GetByRole(AriaRole.Link, new() { Name = "xem hộ nghèo" }).ClickAsync();
        await page.GetByLabel("Tổng số hộ").FillAsync("2400");
        await page.GetByLabel("Số hộ nghèo", new() { Exact = true }).FillAsync("96");
        await page.GetByLabel("Số hộ cận nghèo", new() { Exact = true }).FillAsync("150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp" }).ClickAsync();
        await Expect(page.GetByText($"Đã lưu bản nháp kết quả rà soát năm {year}.")).ToBeVisibleAsync();
        await session.CheckAccessibilityAsync();
        await session.GoToAsync(scorecard);
        await Expect(sourced).ToContainTextAsync("chưa có kết quả rà soát hộ nghèo được phê duyệt"); // a draft does not count
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

        // The coordination office approves: the value is the approved rate, 4% ≤ 5%, and the criterion counts it.
        await session.SignInAsync("demo.dieuphoi");
        await session.GoToAsync($"/xa/02989/ngheo?nam={year}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt kết quả" }).ClickAsync();
        await Expect(page.GetByText($"Đã phê duyệt kết quả rà soát năm {year}.")).ToBeVisibleAsync();
        await session.CheckAccessibilityAsync();
        await session.GoToAsync(scorecard);
        await Expect(sourced).ToContainTextAsync("Tỷ lệ hộ nghèo đã phê duyệt ngày");
        await Expect(sourced).ToContainTextAsync("4");
        await Expect(sourced).Not.ToContainTextAsync("chưa có kết quả");
        await Expect(sourced.GetByText("Đạt", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(sourced.GetByRole(AriaRole.Textbox)).ToHaveCountAsync(0); // shown, never typed over
        await sourced.ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("the-diem-chi-tieu-ho-ngheo", fullPage: false);
    }
}
