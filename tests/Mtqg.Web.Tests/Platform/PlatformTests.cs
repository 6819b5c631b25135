using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Web.Data;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Platform;

public sealed class PlatformTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=localhost;Database=model_only")]
    public void Neither_migration_set_lags_behind_the_model(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, provider, connectionString);
        using var db = new AppDbContext(options.Options);
        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"The model has changes that no {provider} migration holds: run scripts/add-migration NAME."
        );
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public async Task Health_answers_200_when_the_database_answers()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_v1_core_in_Vietnamese_and_Scalar_serves_it()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var client = app.CreateClient();
        var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = doc.GetProperty("paths");
        foreach (
            var path in new[]
            {
                "/health",
                "/api/v1/auth/token",
                "/api/v1/units",
                "/api/v1/units/{code}",
                "/api/v1/criteria-sets",
                "/api/v1/criteria-sets/{code}",
                "/api/v1/communes/{code}/years/{year}/values",
                "/api/v1/communes/{code}/years/{year}/scorecard",
                "/api/v1/communes/{code}/criteria-sets/{set}/group",
                "/api/v1/provinces/{code}/years/{year}/summary",
                "/api/v1/provinces/{code}/years/{year}/workbook",
                "/api/v1/plans",
                "/api/v1/plans/{id}",
                "/api/v1/plans/{id}/targets",
                "/api/v1/commune-lists",
                "/api/v1/assignments",
                "/api/v1/visits",
                "/api/v1/recommendations",
                "/api/v1/recommendations/{id}/response",
                "/api/v1/recommendations/{id}/close",
            }
        )
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        Assert.Contains(
            "không phân biệt dấu",
            paths.GetProperty("/api/v1/units").GetProperty("get").GetProperty("description").GetString()
        );
        // Bodies are typed for integrators (text, dates, lists of codes) although their fields are read by checking converters.
        var assignment = doc.GetProperty("components").GetProperty("schemas").GetProperty("AssignmentInput").GetProperty("properties");
        Assert.Contains("string", assignment.GetProperty("provinceCode").GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("date", assignment.GetProperty("from").GetProperty("format").GetString());
        Assert.Equal("string", assignment.GetProperty("communes").GetProperty("items").GetProperty("type").GetString());
        var scalar = await client.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("openapi/v1.json", await scalar.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_api_address_is_a_problem_and_an_unknown_page_is_a_Vietnamese_page()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var client = app.CreateClient();
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/khong-co"), HttpStatusCode.NotFound);
        var page = await client.GetAsync("/trang-khong-co");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Không tìm thấy trang", await page.Content.ReadAsStringAsync());
    }
}
