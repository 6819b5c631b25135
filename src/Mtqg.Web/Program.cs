using Mtqg.Web.Api;
using Mtqg.Web.Components;
using Mtqg.Web.Components.Shared;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Audit;
using Mtqg.Web.Features.Closing;
using Mtqg.Web.Features.CriteriaSets;
using Mtqg.Web.Features.Departments;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Health;
using Mtqg.Web.Features.Home;
using Mtqg.Web.Features.Mail;
using Mtqg.Web.Features.Map;
using Mtqg.Web.Features.Money;
using Mtqg.Web.Features.NationalExport;
using Mtqg.Web.Features.Plans;
using Mtqg.Web.Features.Poverty;
using Mtqg.Web.Features.Recognition;
using Mtqg.Web.Features.Recognition.Titles;
using Mtqg.Web.Features.Reports;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Scorecards.Excel;
using Mtqg.Web.Features.Units;
using Mtqg.Web.Features.Visits;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddInMemoryCollection(
    new Dictionary<string, string?>
    {
        // DESIGN §5, issue 18: on by default only for the embedded SQLite database in Development (DemoOptions.IsOn).
        ["Mtqg:Demo"] = DemoOptions
            .IsOn(builder.Configuration["Mtqg:Demo"], builder.Environment.IsDevelopment(), DatabaseSetup.Provider(builder.Configuration))
            .ToString(),
    }
);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SeedFiles>();
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
builder.Services.AddMtqgDatabase(builder.Configuration, builder.Environment);
builder.Services.AddScoped<DatabaseInitializer>();
builder.Services.AddMtqgAuthentication(builder.Configuration);
builder.Services.AddMtqgRateLimits();
builder.Services.AddMtqgReverseProxy(builder.Configuration);
builder.Services.AddMtqgApi();
builder.Services.AddRazorComponents();
builder.Services.AddMudServices();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<Flash>(); // Post/Redirect/Get of the page forms
builder.Services.AddCascadingAuthenticationState();

builder.Services.AddAccess();
builder.Services.AddAccounts();
builder.Services.AddUnits();
builder.Services.AddDepartments();
builder.Services.AddMoney();
builder.Services.AddPoverty();
builder.Services.AddClosing();
builder.Services.AddNationalExport();
builder.Services.AddReports();
builder.Services.AddCriteriaSets();
builder.Services.AddScorecards();
builder.Services.AddMap();
builder.Services.AddScorecardExcel();
builder.Services.AddAudit();
builder.Services.AddFiles();
builder.Services.AddPlans();
builder.Services.AddVisits();
builder.Services.AddRecognition();
builder.Services.AddHome();
builder.Services.AddMail();

var app = builder.Build();

// A setting out of range stops the app here, naming the setting, before the database is touched (also for "migrate").
app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();

if (!app.Environment.IsDevelopment() && string.IsNullOrEmpty(app.Configuration[AuthenticationSetup.CertificatePathSetting]))
    app.Logger.LogWarning(
        "Khóa ký phiên đăng nhập (data protection) được lưu không mã hóa trong cơ sở dữ liệu: đặt {Setting} (tệp .pfx) để mã hóa (README, triển khai thật).",
        AuthenticationSetup.CertificatePathSetting
    );

if (args.FirstOrDefault() == "migrate")
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(migrate: true);
    Console.WriteLine("Đã áp dụng migration và nạp dữ liệu gốc.");
    return;
}

await using (var scope = app.Services.CreateAsyncScope())
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(migrate: false);

app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseMtqgErrorHandling();
app.UseAuthentication();
app.UseAccountStatusCheck();
app.UseCurrentUser();
app.UseRateLimiter();
app.UseAuthorization();
app.UseUploadGate(); // before the antiforgery check reads a page's form: permission, then bytes
app.UseAntiforgery();
app.UseInputGuard();

app.MapStaticAssets();
app.MapMtqgOpenApi();
app.MapHealth();
app.MapAccountsApi();
app.MapUsersApi();
app.MapUnitsApi();
app.MapDepartmentsApi();
app.MapMoneyApi();
app.MapPovertyApi();
app.MapClosingApi();
app.MapNationalExportApi();
app.MapReportsApi();
app.MapCriteriaSetsApi();
app.MapScorecardsApi();
app.MapMapApi();
app.MapScorecardExcelApi();
app.MapAuditApi();
app.MapPlansApi();
app.MapVisitsApi();
app.MapRecognitionApi();
app.MapTitlesApi();
app.MapHomeApi();
app.MapMailApi();
app.MapAccountPages();
app.MapRazorComponents<App>();

app.LogWhenReady();
app.Run();

public partial class Program;
