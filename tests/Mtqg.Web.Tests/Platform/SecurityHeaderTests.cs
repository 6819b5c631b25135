using Microsoft.AspNetCore.Mvc.Testing;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Platform;

public sealed class SecurityHeaderTests
{
    [Fact]
    public async Task Pages_forbid_framing_and_foreign_scripts_and_over_HTTPS_tell_browsers_to_keep_to_HTTPS()
    {
        await using var app = await MtqgApp.StartAsync();

        var overHttps = await app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") })
            .GetAsync("/dang-nhap");
        var overHttp = await app.CreateClient().GetAsync("/dang-nhap");

        Assert.Equal("max-age=31536000; includeSubDomains", overHttps.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
        foreach (var response in new[] { overHttps, overHttp })
        {
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("script-src 'self';", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }
}
