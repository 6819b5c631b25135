using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

public sealed class RecognitionJourneyTests
{
    private const string BaoHa = "/xa/02989?nam=2026&set=DEMO-MINH-HOA";
    private const string Dashboard = "/tinh/15/tong-hop?nam=2026&set=DEMO-MINH-HOA";

    private static async Task SwitchToAsync(BrowserSession session, string userName)
    {
        await session.Page.Context.ClearCookiesAsync();
        await session.SignInAsync(userName);
    }

    private static async Task<int> RecognisedByDecisionAsync(BrowserSession session)
    {
        await session.GoToAsync(Dashboard);
        var tile = session.Page.GetByTestId("recognised-NTM");
        return await tile.CountAsync() == 0 ? 0 : int.Parse(await tile.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task AppraiseOnPageAsync(IPage page, int criterion)
    {
        var block = page.Locator($"#tieu-chi-{criterion}");
        await block.GetByLabel($"Nhận xét tiêu chí {criterion}").FillAsync($"Tiêu chí {criterion} đạt theo hồ sơ và minh chứng.");
        await block.GetByRole(AriaRole.Button, new() { Name = "Đạt", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Đã ghi kết quả thẩm định tiêu chí {criterion}");
        await Expect(page.GetByTestId($"state-{criterion}")).ToHaveTextAsync("Thẩm định đạt");
    }

    [Fact]
    public async Task A_commune_dossier_goes_through_two_departments_and_the_coordination_office_and_the_dashboard_count_moves()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;

        // The commune officer brings every value of Xã Bảo Hà to its threshold, then creates and submits the dossier.
        await session.SignInAsync("demo.xa");
        await session.GoToAsync(BaoHa);
        foreach (var input in await page.Locator("input.mtqg-value-input").AllAsync())
            await input.FillAsync("100");
        foreach (var select in await page.Locator("select.mtqg-value-input").AllAsync())
            await select.SelectOptionAsync("true");
        foreach (var zero in new[] { "6.1", "6.2", "10.2" })
            await page.GetByLabel($"Giá trị chỉ tiêu {zero}").FillAsync("0");
        await page.GetByLabel("Giá trị chỉ tiêu 8.3").FillAsync("2,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" }).ClickAsync();
        await Expect(page.Locator(".mtqg-stat").First).ToContainTextAsync("10/10");

        await page.GetByRole(AriaRole.Button, new() { Name = "Lập hồ sơ đề nghị công nhận" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hồ sơ đề nghị công nhận — Xã Bảo Hà" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("dossier-status")).ToHaveTextAsync("Đang soạn");
        var dossierUrl = page.Url;

        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("chưa có kết quả lấy ý kiến sự hài lòng");
        await page.GetByLabel("Tỷ lệ người dân hài lòng (%)").FillAsync("95,5");
        await page.GetByLabel("Xã cam kết không còn nợ đọng xây dựng cơ bản").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu hồ sơ" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu hồ sơ");

        var pdf = Path.Combine(Path.GetTempPath(), $"bien-ban-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, Encoding.ASCII.GetBytes("%PDF-1.4\n% Biên bản kiểm tra\n%%EOF\n"));
        await page.GetByLabel("Minh chứng cho").SelectOptionAsync("i8.3");
        await page.Locator("input[type=file][name=file]").SetInputFilesAsync(pdf);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải minh chứng lên" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã tải lên");
        await Expect(page.Locator("#tieu-chi-8 .mtqg-files a")).ToHaveTextAsync(Path.GetFileName(pdf));
        File.Delete(pdf);

        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ" }).ClickAsync();
        await Expect(page.GetByTestId("dossier-status")).ToHaveTextAsync("Đã nộp, đang thẩm định");
        await session.ScreenshotAsync("ho-so-da-nop");

        // Sở Xây dựng sees criteria 1 and 2 in its queue and appraises them on the dossier page.
        await SwitchToAsync(session, "demo.thamdinh");
        await session.GoToAsync("/tham-dinh");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        await session.ScreenshotAsync("hang-cho-tham-dinh");
        await page.Locator("tbody").GetByRole(AriaRole.Link, new() { Name = "Thẩm định" }).First.ClickAsync();
        await Expect(page.Locator("#tieu-chi-3").GetByRole(AriaRole.Button, new() { Name = "Đạt", Exact = true })).ToHaveCountAsync(0); // not its criterion
        await AppraiseOnPageAsync(page, 1);
        await AppraiseOnPageAsync(page, 2);

        // Sở Nông nghiệp và Môi trường appraises its three criteria.
        await SwitchToAsync(session, "demo.thamdinh.nnmt");
        await page.GotoAsync(dossierUrl);
        foreach (var criterion in new[] { 3, 6, 8 })
            await AppraiseOnPageAsync(page, criterion);

        // The other departments answer through the API.
        var id = int.Parse(dossierUrl.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        foreach (
            var (user, criteria) in new[]
            {
                ("demo.thamdinh.noivu", new[] { 4, 9 }),
                ("demo.thamdinh.vhttdl", new[] { 5 }),
                ("demo.thamdinh.khcn", new[] { 7 }),
                ("demo.thamdinh.congan", new[] { 10 }),
            }
        )
        {
            using var client = await ClientAsync(session, user);
            foreach (var criterion in criteria)
                (
                    await client.PostAsJsonAsync($"/api/v1/dossiers/{id}/criteria/{criterion}/appraisal", new { result = "met" })
                ).EnsureSuccessStatusCode();
        }

        // The coordination office records the council and the decision; the province dashboard counts the commune.
        await SwitchToAsync(session, "demo.dieuphoi");
        var before = await RecognisedByDecisionAsync(session);
        await page.GotoAsync(dossierUrl);
        await Expect(page.GetByTestId("dossier-status")).ToHaveTextAsync("Đã thẩm định đạt, chờ hội đồng");
        await page.GetByLabel("Phiếu tán thành").FillAsync("7");
        await page.GetByLabel("Phiếu không tán thành").FillAsync("1");
        await page.GetByLabel("Thành viên (mỗi dòng một người)")
            .FillAsync(string.Join("\n", Enumerable.Range(1, 9).Select(i => $"Thành viên {i}")));
        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận hội đồng" }).ClickAsync();
        await Expect(page.GetByTestId("dossier-status")).ToHaveTextAsync("Hội đồng đề nghị công nhận, chờ quyết định");
        await page.GetByLabel("Số quyết định").FillAsync("1234/QĐ-UBND");
        await page.GetByLabel("Đợt").FillAsync("Đợt 2 năm 2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận quyết định" }).ClickAsync();
        await Expect(page.GetByTestId("dossier-status")).ToHaveTextAsync("Đã công nhận");
        await Expect(page.Locator(".mtqg-timeline li").Last).ToContainTextAsync("Quyết định số 1234/QĐ-UBND");
        await session.ScreenshotAsync("ho-so-da-cong-nhan");

        Assert.Equal(before + 1, await RecognisedByDecisionAsync(session));
        await session.ScreenshotAsync("tong-hop-cong-nhan-theo-quyet-dinh");
        await session.GoToAsync("/ho-so-de-nghi");
        await session.ScreenshotAsync("bang-dieu-phoi");
        await session.GoToAsync(BaoHa);
        await Expect(page.Locator("#danh-hieu")).ToContainTextAsync("1234/QĐ-UBND");
        await Expect(page.Locator("#ho-so-de-nghi")).ToContainTextAsync("Đã công nhận");
        await page.Locator("#ho-so-de-nghi").ScrollIntoViewIfNeededAsync();
        await ViewportShotAsync(page, "xa-ho-so-va-danh-hieu");
        await session.GoToAsync("/");
        await session.ScreenshotAsync("trang-chu-viec-cho-toi");

        // On a phone.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(dossierUrl);
        await session.ScreenshotAsync("ho-so-dien-thoai");
        await ViewportShotAsync(page, "ho-so-dien-thoai-dau");
        await page.Locator("#tieu-chi-8").ScrollIntoViewIfNeededAsync();
        await ViewportShotAsync(page, "ho-so-dien-thoai-tieu-chi");
        await session.GoToAsync("/ho-so-de-nghi");
        await session.ScreenshotAsync("bang-dieu-phoi-dien-thoai");
        await session.GoToAsync("/ra-soat-duy-tri?nam=2027");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rà soát duy trì danh hiệu năm 2027" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("ra-soat-duy-tri");
        await session.GoToAsync("/quyet-dinh?tinh=15");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "1234/QĐ-UBND", Exact = true })).ToBeVisibleAsync();
        await session.ScreenshotAsync("quyet-dinh");
    }

    /// <summary>What a phone shows at once (the full-page shots are too tall to judge).</summary>
    private static Task ViewportShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png") });

    private static async Task<HttpClient> ClientAsync(BrowserSession session, string userName)
    {
        var client = new HttpClient { BaseAddress = session.App.BaseAddress };
        var response = await client.PostAsJsonAsync(
            "/api/v1/auth/token",
            new { userName, password = Mtqg.Web.Features.Accounts.AccountSeeder.DemoPassword }
        );
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
