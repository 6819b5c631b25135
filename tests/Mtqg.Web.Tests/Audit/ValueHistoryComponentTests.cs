using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mtqg.Web.Features.Audit.Pages;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Audit;

/// <summary>The history table the commune page embeds, rendered by the app's own services.</summary>
public sealed class ValueHistoryComponentTests
{
    [Fact]
    public async Task The_history_component_shows_a_commune_years_changes_newest_first_the_vietnamese_way()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 61.25m, ["9.2"] = true });
        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = null, ["9.2"] = false });

        var baoHa = await HistoryAsync(app, BaoHa);
        var all = await RenderAsync(app, new() { ["Entries"] = baoHa });
        var one = await RenderAsync(app, new() { ["Entries"] = baoHa, ["Key"] = "2.1" });
        var none = await RenderAsync(app, new() { ["Entries"] = await HistoryAsync(app, BaoNhai), ["Key"] = "2.1" });

        Assert.Contains("demo.admin", all);
        Assert.True(all.IndexOf("đã xóa", StringComparison.Ordinal) < all.LastIndexOf("61,25", StringComparison.Ordinal), all);
        Assert.Contains("Chưa đạt", all);
        Assert.Contains("Nhóm xã", all); // the group the demo data assigned at start-up
        Assert.Contains("61,25", one);
        Assert.DoesNotContain("Chưa đạt", one);
        Assert.Contains("Chỉ tiêu 2.1 chưa có thay đổi nào được ghi nhận.", none);
    }

    private static async Task<IReadOnlyList<Mtqg.Web.Features.Audit.AuditRow>> HistoryAsync(MtqgApp app, string commune)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.SignInManager<Mtqg.Data.Accounts.AppUser>>();
        var admin = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByNameAsync("demo.admin"))!);
        scope.ServiceProvider.GetRequiredService<Mtqg.Web.Features.Access.CurrentUser>().ActAs(admin);
        var (rows, outcome) = await scope
            .ServiceProvider.GetRequiredService<Mtqg.Web.Features.Audit.AuditService>()
            .HistoryAsync(commune, 2026, Code, CancellationToken.None);
        return rows ?? throw new Xunit.Sdk.XunitException(outcome.Message);
    }

    private static async Task<string> RenderAsync(MtqgApp app, Dictionary<string, object?> parameters)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<ValueHistory>(ParameterView.FromDictionary(parameters))).ToHtmlString()
        );
        return WebUtility.HtmlDecode(html);
    }
}
