using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

public sealed class EvidenceJourneyTests
{
    [Fact]
    public async Task The_commune_officer_uploads_a_wrong_file_to_the_draft_and_deletes_it_from_the_page()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.xa");
        await session.GoToAsync("/xa/02989?nam=2026&set=DEMO-MINH-HOA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lập hồ sơ đề nghị công nhận" }).ClickAsync();
        await Expect(page.GetByTestId("dossier-status")).ToHaveTextAsync("Đang soạn");

        await page.Locator("input[type=file][name=file]")
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "nham-tep.pdf",
                    MimeType = "application/pdf",
                    Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"),
                }
            );
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải minh chứng lên" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã tải lên «nham-tep.pdf»");
        await session.ScreenshotAsync("ho-so-minh-chung-da-tai");

        await page.GetByRole(AriaRole.Button, new() { Name = "Xóa minh chứng nham-tep.pdf" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã xóa minh chứng «nham-tep.pdf»");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "nham-tep.pdf" })).ToHaveCountAsync(0);
    }
}
