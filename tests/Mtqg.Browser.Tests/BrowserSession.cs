using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Browser.Tests;

/// <summary>
/// The app on a real port and Debian's Chromium driven by Playwright (no browser download).
/// A missing Chromium fails the test: it is never skipped.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public required MtqgApp App { get; init; }
    public required IPlaywright Playwright { get; init; }
    public required IBrowser Browser { get; init; }
    public required IPage Page { get; init; }
    public string BaseUrl => App.BaseAddress.ToString().TrimEnd('/');

    /// <summary>Console errors of the pages (a blocked script or style under the Content Security Policy shows here).</summary>
    public List<string> ConsoleErrors { get; } = [];

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("MTQG_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new InvalidOperationException(
            "Không tìm thấy Chromium: cài gói chromium (apt-get install chromium) hoặc đặt MTQG_CHROMIUM."
        );

    public static async Task<BrowserSession> StartAsync(
        int width = 1280,
        int height = 900,
        IReadOnlyDictionary<string, string>? settings = null
    )
    {
        var app = await MtqgApp.StartOnKestrelAsync(settings: settings);
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            }
        );
        var context = await browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = width, Height = height },
                Locale = "vi-VN",
            }
        );
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var session = new BrowserSession
        {
            App = app,
            Playwright = playwright,
            Browser = browser,
            Page = page,
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                session.ConsoleErrors.Add($"{message.Text} [{message.Location}]");
        };
        return session;
    }

    /// <summary>What axe-core found on the pages a journey opened or photographed (rule, page, first element).</summary>
    public List<string> AccessibilityViolations { get; } = [];

    /// <summary>
    /// The addresses already opened and checked by axe-core in this run, per account and window width: the same address
    /// opened again by the same account on the same width is the same page (the demo data is the same in every journey),
    /// so axe runs once for it (it takes seconds on a big page). Checks after an action (<see cref="CheckAccessibilityAsync"/>,
    /// <see cref="ScreenshotAsync"/>) always run.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Checked = new();

    /// <summary>The account signed in through <see cref="SignInAsync"/> ("" before).</summary>
    private string signedIn = "";

    /// <summary>Opens a page as a user types its address, and checks it with axe-core (once per address, account and width).</summary>
    public async Task GoToAsync(string path)
    {
        await Page.GotoAsync(BaseUrl + path);
        if (Checked.TryAdd($"{signedIn}|{Page.ViewportSize?.Width}|{path}", true))
            await CheckAccessibilityAsync();
    }

    /// <summary>Runs axe-core on the page as it is now; violations are kept and fail the journey at its end.</summary>
    public async Task CheckAccessibilityAsync()
    {
        // The journeys run in parallel on a small CI machine: a page's load event once came after the 15 s default there
        // (session 16), so this wait, which only says "the page is complete", gets longer; assertions keep their 15 s.
        // Once more (session 17) the load event did not come within 45 s although the page had rendered and the network was
        // idle: then the document as parsed is what axe checks (nothing a user sees waits for that event).
        try
        {
            await Page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 45_000 });
        }
        catch (TimeoutException)
        {
            await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new() { Timeout = 15_000 });
        }
        var result = await Page.RunAxe();
        var path = new Uri(Page.Url).PathAndQuery;
        AccessibilityViolations.AddRange(
            result.Violations.Select(v => $"{path}: {v.Id} ({v.Nodes.Length}×, e.g. {v.Nodes[0].Target}) — {v.Help}")
        );
    }

    /// <summary>Keeps a screenshot of the page (or of the window only) under bin/…/screenshots for people to look at.</summary>
    public async Task ScreenshotAsync(string name, bool fullPage = true)
    {
        await CheckAccessibilityAsync();
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
    }

    public async Task SignInAsync(string userName, string password = Mtqg.Web.Features.Accounts.AccountSeeder.DemoPassword)
    {
        signedIn = "";
        await GoToAsync("/dang-nhap");
        await Page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await Page.GetByLabel("Mật khẩu").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).WaitForAsync();
        signedIn = userName;
    }

    /// <summary>Follows a link of the main navigation as a user does: opens the Menu (on a phone), then the group, then clicks the link.</summary>
    public async Task NavigateAsync(string group, string link)
    {
        // Whether the Menu button shows is decided by the stylesheet: wait for it, or a page still loading shows the button
        // for a moment on a desk too and the click then finds it hidden.
        await Page.WaitForLoadStateAsync(LoadState.Load);
        var menu = Page.Locator("details.mtqg-menu");
        var button = menu.Locator(":scope > summary");
        if (await button.IsVisibleAsync() && await menu.GetAttributeAsync("open") is null)
            await button.ClickAsync();
        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" });
        var details = nav.Locator("details.mtqg-group").Filter(new() { Has = Page.Locator(":scope > summary", new() { HasText = group }) });
        if (await details.GetAttributeAsync("open") is null)
            await details.Locator(":scope > summary").ClickAsync();
        await nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
    }

    /// <summary>Every journey ends here: the pages worked under the security headers, with no script or style blocked.</summary>
    public void AssertNoPolicyViolations()
    {
        var blocked = ConsoleErrors
            .Where(e =>
                e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || e.Contains("Refused to", StringComparison.Ordinal)
            )
            .ToList();
        Assert.True(blocked.Count == 0, "Blocked by the Content Security Policy:\n" + string.Join("\n", blocked));
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
        AssertNoPolicyViolations();
        Assert.True(
            AccessibilityViolations.Count == 0,
            "axe-core found accessibility problems:\n" + string.Join("\n", AccessibilityViolations.Distinct())
        );
    }
}
