using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data;
using Mtqg.Web.Features.Scorecards.Excel;
using Mtqg.Web.Tests.Excel;
using Mtqg.Web.Tests.Infrastructure;
using Mtqg.Web.Tests.Scorecards;

namespace Mtqg.Web.Tests.Concurrency;

/// <summary>
/// Several workbooks of one province-year sent at the same moment (by two offices, or twice by an impatient one): each is
/// written whole after the one before it, never a 500, and the values stored are exactly one file's.
/// </summary>
public sealed class ConcurrentUploadTests
{
    private const string Workbook = "/api/v1/provinces/15/years/2026/workbook?set=" + DemoSet.Code;

    [Fact]
    public async Task Four_workbooks_of_one_province_year_sent_at_once_are_each_written_whole_and_the_values_are_one_files()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var office = await app.ClientAsAsync("demo.dieuphoi");
        var admin = await app.ClientAsAsync("demo.admin");
        var workbook = await (await office.GetAsync(Workbook)).Content.ReadAsByteArrayAsync();
        var column = ValuesFiles.Rows(workbook)[0].Keys.Skip(3).First(h => h.StartsWith("2.1", StringComparison.Ordinal));
        var communes = ValuesFiles
            .Rows(workbook)
            .Where(r => r[column] is not null)
            .Select(r => (string)r[ValuesWorkbook.CodeHeader]!)
            .ToList();
        Assert.True(communes.Count > 10, $"the demo has values of 2.1 in {communes.Count} communes");

        byte[] With(decimal value)
        {
            var rows = ValuesFiles.Rows(workbook);
            foreach (var row in rows.Where(r => r[column] is not null))
                row[column] = value;
            return ValuesFiles.Save(rows);
        }
        var files = new[] { With(81m), With(87m), With(81m), With(87m) };
        var answers = await Task.WhenAll(
            files.Select((file, i) => (i % 2 == 0 ? office : admin).PostAsync(Workbook, ValuesFiles.Form(file)))
        );

        foreach (var answer in answers)
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db
            .IndicatorValues.Where(v =>
                v.Year == 2026
                && v.Indicator.Code == "2.1"
                && v.Indicator.Set.Code == DemoSet.Code
                && db.Units.Any(u => u.Id == v.UnitId && communes.Contains(u.Code))
            )
            .Select(v => v.Value)
            .ToListAsync();
        Assert.Equal(communes.Count, stored.Count);
        Assert.Single(stored.Distinct());
        Assert.Contains(stored[0], new[] { 81m, 87m });
    }
}
