using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data;

namespace Mtqg.Web.Tests.Infrastructure;

/// <summary>
/// The real app on its own fresh database (see <see cref="TestDatabase"/>): outside demo mode unless <paramref name="demo"/>,
/// so a test makes its own data with <see cref="Given"/>; tests that are about the demo start it with <see cref="StartDemoAsync"/>.
/// <paramref name="clock"/>, when given, is the app's today.
/// </summary>
public sealed class MtqgApp(
    string connectionString,
    bool migrate = false,
    IReadOnlyDictionary<string, string>? settings = null,
    bool ownsDatabase = true,
    TimeProvider? clock = null,
    bool demo = false
) : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>The file store's folder of this app (a fresh temporary folder unless the settings name one).</summary>
    public string FilesPath { get; } =
        settings?.GetValueOrDefault("Mtqg:Files:Path") ?? Path.Combine(Path.GetTempPath(), $"mtqg-files-{Guid.NewGuid():N}");

    /// <summary>Where dossier evidence goes: the one file store's folder.</summary>
    public string EvidencePath => FilesPath;

    public bool IsDemo { get; } = demo;

    /// <summary>The app with the real units and national criteria sets and one administrator (<see cref="TestDatabase.AdminUserName"/>), no demo data.</summary>
    public static async Task<MtqgApp> StartAsync()
    {
        var app = new MtqgApp(await TestDatabase.CreateAsync());
        app.Server.ToString();
        return app;
    }

    /// <summary>The app in demo mode on a copy of the demo template (demo accounts, values, plans, visits), for tests about the demo.</summary>
    public static async Task<MtqgApp> StartDemoAsync()
    {
        var app = new MtqgApp(await TestDatabase.CreateAsync(demo: true), demo: true);
        app.Server.ToString();
        return app;
    }

    /// <summary>The builders of this app's data: accounts, values, assignments, visits… made through the real API.</summary>
    public Given Given() => new(this);

    /// <summary>The app on a real Kestrel port on loopback, for browser tests (journeys through the demo).</summary>
    public static async Task<MtqgApp> StartOnKestrelAsync(
        string? sharedConnectionString = null,
        IReadOnlyDictionary<string, string>? settings = null
    )
    {
        var app = sharedConnectionString is null
            ? new MtqgApp(await TestDatabase.CreateAsync(demo: true), settings: settings, demo: true)
            : new MtqgApp(sharedConnectionString, settings: settings, ownsDatabase: false, demo: true);
        // No port here: UseKestrel(port) rewrites the server's addresses after the host is built, racing Kestrel's own bind
        // (dotnet/aspnetcore#67714, "Addresses cannot be modified after the server has started"); the "urls" setting below
        // already asks for a free port on loopback.
        app.UseKestrel();
        app.StartServer();
        return app;
    }

    public Uri BaseAddress =>
        new(
            Services
                .GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!
                .Addresses.First()
                .Replace("[::]", "127.0.0.1")
                .Replace("localhost", "127.0.0.1")
        );

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets(); // MudBlazor and app.css from the build output, as in Development
        builder.UseSetting("Database:Provider", TestDatabase.Provider);
        builder.UseSetting("ConnectionStrings:Mtqg", ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", migrate ? "true" : "false");
        builder.UseSetting("Mtqg:Demo", IsDemo ? "true" : "false");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Mtqg:Files:Path", FilesPath);
        // Tests start without the demo recognition batches (they count decisions and titles from zero); RecognitionDemoTests turns them on.
        builder.UseSetting("Mtqg:DemoRecognitions", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            // Passwords are hashed and checked as in production (PBKDF2, format v3), with fewer rounds: a sign-in costs ~140 ms of CPU
            // at the default 100,000, and the suite signs in over a thousand times. The hash records its own count, so nothing else changes.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);
            if (clock is not null)
                services.AddSingleton(clock);
        });
    }

    public AppDbContext Db(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDbContext>();

    /// <summary>A client signed in through the public token endpoint (keeping cookies; <paramref name="followRedirects"/> false to see a redirect itself).</summary>
    public async Task<HttpClient> ClientAsAsync(
        string userName,
        string password = Features.Accounts.AccountSeeder.DemoPassword,
        bool followRedirects = true
    )
    {
        var client = followRedirects ? CreateClient() : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase && (!migrate || settings is not null))
            await TestDatabase.DropAsync(ConnectionString);
        if (Directory.Exists(FilesPath) && settings?.ContainsKey("Mtqg:Files:Path") != true)
            Directory.Delete(FilesPath, recursive: true);
    }

    private sealed record TokenResponse(string AccessToken, int ExpiresIn);
}
