using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

/// <summary>A newcomer to the demo finds the recognition process alive: dossiers at each step, with a history.</summary>
public sealed class DemoBoardJourneyTests
{
    [Fact]
    public async Task At_first_start_the_coordinator_sees_dossiers_at_each_step_and_the_one_sent_back_says_why()
    {
        await using var session = await BrowserSession.StartAsync(
            settings: new Dictionary<string, string> { ["Mtqg:DemoRecognitions"] = "true" }
        );
        var page = session.Page;
        await session.SignInAsync("demo.dieuphoi");
        await session.GoToAsync("/ho-so-de-nghi");

        foreach (var step in new[] { "Đang soạn (1)", "Trả lại xã để bổ sung (1)", "Đã thẩm định đạt, chờ hội đồng (1)" })
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = step })).ToBeVisibleAsync();
        // The dossier with a council held can be put into a decision straight away.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận quyết định" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("ho-so-minh-hoa");

        var sentBack = page.Locator("h2:has-text('Trả lại xã để bổ sung') + form").GetByRole(AriaRole.Link).First;
        await sentBack.ClickAsync();
        await Expect(page.GetByTestId("dossier-status")).ToHaveTextAsync("Trả lại xã để bổ sung");
        await Expect(page.GetByText("Thiếu biên bản kiểm tra thực tế của tiêu chí").First).ToBeVisibleAsync();
        await session.ScreenshotAsync("ho-so-minh-hoa-tra-lai");
    }
}
