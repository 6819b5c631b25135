using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

/// <summary>
/// Each role's day starts from "Việc chờ tôi": signing in lands there, the navigation shows the count, each item leads to
/// the page where it is done — and on a phone (390 px) those pages fit the screen: no sideways scroll of the page, and
/// none inside its main tables (the name, value, threshold and status of an indicator stay together).
/// </summary>
public sealed class HomeJourneyTests
{
    [Fact]
    public async Task A_commune_officer_on_a_phone_lands_on_what_waits_answers_a_recommendation_and_reads_the_scorecard_without_sideways_scroll()
    {
        await using var session = await BrowserSession.StartAsync(390, 844);
        var page = session.Page;
        await session.SignInAsync("demo.xa");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/viec-cho-toi$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Việc chờ tôi", Exact = true })).ToBeVisibleAsync();
        var count = page.Locator("a.mtqg-work-link .mtqg-badge");
        await Expect(count).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]* việc"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kiến nghị cần trả lời" })).ToBeVisibleAsync();
        await FitsAsync(session, "viec-cho-toi-xa-dien-thoai");

        await page.Locator(".mtqg-work-list a", new() { HasText = "Trả lời kiến nghị tại" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/kien-nghi/[0-9]+$"));
        await FitsAsync(session, "kien-nghi-dien-thoai");

        await session.GoToAsync("/viec-cho-toi");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bảng số liệu của xã" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bảo Hà");
        await FitsAsync(session, "bang-so-lieu-xa-dien-thoai");
        // The indicator's threshold and status sit beside its value, on screen.
        var status = page.Locator("[data-label='Đánh giá']").First;
        await status.ScrollIntoViewIfNeededAsync();
        await Expect(status).ToBeInViewportAsync();
        await session.ScreenshotAsync("bang-so-lieu-xa-dien-thoai-the", fullPage: false);

        await session.GoToAsync("/kien-nghi");
        await FitsAsync(session, "kien-nghi-danh-sach-dien-thoai");
        await session.GoToAsync("/ho-so-de-nghi");
        await FitsAsync(session, "ho-so-danh-sach-dien-thoai");
    }

    [Fact]
    public async Task An_agency_on_a_phone_is_told_which_communes_it_has_not_visited_this_half_year_and_records_a_visit_there()
    {
        await using var session = await BrowserSession.StartAsync(390, 844);
        var page = session.Page;
        await session.SignInAsync("demo.giupdo");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Xã được giúp đỡ" })).ToBeVisibleAsync();
        var first = page.Locator(".mtqg-work-list a", new() { HasText = "Làm việc với" }).First;
        var commune = (await first.TextContentAsync())!.Split(':')[0]["Làm việc với ".Length..];
        await FitsAsync(session, "viec-cho-toi-co-quan-dien-thoai");
        await first.ClickAsync();
        await Expect(page.GetByLabel("Xã làm việc").Locator("option:checked")).ToHaveTextAsync(commune);
        // Dates are written day first whatever the browser's language, with a calendar button beside the field.
        var today = Mtqg.Domain.Common.VietnamTime.Format(Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow));
        await Expect(page.Locator("input[name=date]")).ToHaveValueAsync(today);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Chọn ngày trên lịch" }).First).ToBeVisibleAsync();
        await FitsAsync(session, "buoi-lam-viec-moi-dien-thoai");

        // Typed and not saved: leaving by a link asks first, and staying keeps what was typed.
        await page.GetByLabel("Nội dung làm việc").FillAsync("Kiểm tra tiến độ tiêu chí giao thông");
        string? asked = null;
        page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.DismissAsync();
        };
        await page.Locator("a.mtqg-work-link").ClickAsync();
        await Expect(page.GetByLabel("Nội dung làm việc")).ToHaveValueAsync("Kiểm tra tiến độ tiêu chí giao thông");
        Assert.Equal("Các thay đổi trên biểu mẫu chưa được lưu. Rời trang và bỏ các thay đổi này?", asked);
        Assert.Equal("/buoi-lam-viec/moi", new Uri(page.Url).AbsolutePath); // still on the form
    }

    [Fact]
    public async Task A_department_appraiser_on_a_phone_reads_the_appraisal_queue_and_a_dossier_without_sideways_scroll()
    {
        // The demo's dossiers at every step (off by default in the tests).
        await using var session = await BrowserSession.StartAsync(
            390,
            844,
            new Dictionary<string, string> { ["Mtqg:DemoRecognitions"] = "true" }
        );
        var page = session.Page;
        await session.SignInAsync("demo.thamdinh.noivu"); // the Department of Home Affairs has criteria waiting in the demo
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thẩm định hồ sơ" })).ToBeVisibleAsync();
        await FitsAsync(session, "viec-cho-toi-tham-dinh-dien-thoai");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hàng đợi thẩm định →" }).ClickAsync();
        await FitsAsync(session, "tham-dinh-dien-thoai");
        // The queue's button is on screen (it was cut off on a phone).
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Thẩm định", Exact = true }).First).ToBeInViewportAsync();
        var dossiers = await (await session.App.ClientAsAsync("demo.thamdinh.noivu")).GetFromJsonAsync<JsonElement[]>("/api/v1/dossiers");
        Assert.NotEmpty(dossiers!);
        await session.GoToAsync($"/ho-so-de-nghi/{dossiers![0].GetProperty("id").GetInt32()}");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ho-so-de-nghi/[0-9]+$"));
        await FitsAsync(session, "ho-so-dien-thoai");
        await page.Locator(".mtqg-stack table").First.ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("ho-so-dien-thoai-the", fullPage: false);
    }

    [Fact]
    public async Task The_coordination_office_at_its_desk_sees_its_dossier_steps_and_overdue_recommendations_and_follows_one()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.dieuphoi");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/viec-cho-toi$"));
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Việc chờ tôi \\([0-9]+\\) — MTQG$"));
        // The page lists what the API says waits for the office, section by section, each item linking where it is done.
        var work = await (await session.App.ClientAsAsync("demo.dieuphoi")).GetFromJsonAsync<JsonElement>("/api/v1/my-work");
        var sections = work.GetProperty("sections").EnumerateArray().ToList();
        Assert.NotEmpty(sections);
        Assert.Equal(work.GetProperty("count").GetInt32(), sections.Sum(x => x.GetProperty("items").GetArrayLength()));
        await Expect(page.Locator("a.mtqg-work-link .mtqg-badge"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{work.GetProperty("count").GetInt32()} việc"));
        foreach (var section in sections)
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = section.GetProperty("title").GetString()! })).ToBeVisibleAsync();
            foreach (var item in section.GetProperty("items").EnumerateArray().Take(15))
                await Expect(
                        page.Locator(
                            $".mtqg-work-list a[href='{item.GetProperty("href").GetString()}']",
                            new() { HasText = item.GetProperty("text").GetString()! }
                        ).First
                    )
                    .ToBeVisibleAsync();
        }
        await session.ScreenshotAsync("viec-cho-toi-dieu-phoi");
        var first = sections[0].GetProperty("items")[0];
        await page.Locator($".mtqg-work-list a[href='{first.GetProperty("href").GetString()}']").First.ClickAsync();
        await Expect(page)
            .ToHaveURLAsync(
                new System.Text.RegularExpressions.Regex(
                    System.Text.RegularExpressions.Regex.Escape(first.GetProperty("href").GetString()!) + "$"
                )
            );
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("— MTQG$"));
    }

    [Fact]
    public async Task A_provincial_leader_with_nothing_to_do_is_told_so_and_goes_on_to_the_province_s_dashboard()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.xem");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/viec-cho-toi$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Không có việc nào đang chờ bạn" })).ToBeVisibleAsync();
        await Expect(page.Locator("a.mtqg-work-link .mtqg-badge")).ToHaveCountAsync(0); // no count when nothing waits
        await session.ScreenshotAsync("viec-cho-toi-lanh-dao");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tổng hợp của tỉnh" }).Last.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Lào Cai");
    }

    [Fact]
    public async Task An_administrator_sees_the_appraisals_and_dossier_steps_of_every_province_and_opens_one()
    {
        // The demo's dossiers at every step (off by default in the tests).
        await using var session = await BrowserSession.StartAsync(
            settings: new Dictionary<string, string> { ["Mtqg:DemoRecognitions"] = "true" }
        );
        var page = session.Page;
        await session.SignInAsync("demo.admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thẩm định hồ sơ" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hồ sơ công nhận" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("viec-cho-toi-quan-tri");
        await page.Locator(".mtqg-work-list a", new() { HasText = "Ghi nhận quyết định công nhận" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ho-so-de-nghi/[0-9]+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Hồ sơ đề nghị công nhận");
    }

    /// <summary>
    /// The page fits a phone: no sideways scroll of the page, of its forms, nor of its main tables (those stacked as cards on a
    /// phone, <c>mtqg-stack</c>); secondary tables may scroll inside their own focusable frame. Then a screenshot and axe.
    /// </summary>
    private static async Task FitsAsync(BrowserSession session, string screenshot)
    {
        var page = session.Page;
        await page.WaitForLoadStateAsync(LoadState.Load);
        var wide = await page.EvaluateAsync<string[]>(
            """
            () => [document.documentElement, ...document.querySelectorAll('main table.mtqg-stack, main .mtqg-stack table, main form')]
                .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => {
                    const edge = e.getBoundingClientRect().left + e.clientWidth;
                    const culprit = [...e.querySelectorAll('*')].filter(d => d.getBoundingClientRect().right > edge + 1).pop();
                    const name = x => x ? `${x.tagName.toLowerCase()}.${[...x.classList].join('.')}` : '';
                    return `${name(e)} ${e.scrollWidth}/${e.clientWidth}${culprit ? ` (${name(culprit)} «${(culprit.textContent ?? '').trim().slice(0, 40)}»)` : ''}`;
                })
            """
        );
        await session.ScreenshotAsync(screenshot);
        Assert.True(wide.Length == 0, $"{new Uri(page.Url).PathAndQuery} is wider than the phone: {string.Join("; ", wide)}");
    }
}
