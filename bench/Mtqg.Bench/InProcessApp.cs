using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Features.Accounts;

namespace Mtqg.Bench;

/// <summary>
/// The real app (its Program, services and configuration) in this process, without a server: the
/// import, criteria-set and evaluation services are called here exactly as the endpoints call them.
/// Starting it applies the migrations and seeds the units, as the app does on its first start.
/// </summary>
public sealed class InProcessApp(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    static InProcessApp()
    {
        // The content root is the benchmark's own output folder (appsettings.json and data/ are copied there), as for
        // the web app's process, so the run does not depend on the current directory or the source tree.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MTQG_WEB", AppContext.BaseDirectory);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.UseSetting("Database:MigrateOnStart", "true");
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>An administrator, as the sign-in would describe one (the import and group services check the role).</summary>
    public static ClaimsPrincipal Admin(string userName) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, Roles.Admin)], "bench"));
}
