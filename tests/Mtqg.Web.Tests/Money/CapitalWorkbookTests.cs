using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Money;

/// <summary>The capital plan as a workbook, both ways: download and upload give the same plan; a bad workbook names every bad cell and writes nothing.</summary>
public sealed class CapitalWorkbookTests
{
    private const string Url = "/api/v1/provinces/15/years/2025/capital";

    private static MultipartFormDataContent File(byte[] bytes) => new() { { new ByteArrayContent(bytes), "file", "ke-hoach-von.xlsx" } };

    private static List<Dictionary<string, object?>> Rows(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return MiniExcel
            .Query(stream, useHeaderRow: false, sheetName: "Kế hoạch vốn", excelType: ExcelType.XLSX)
            .Select(r => new Dictionary<string, object?>((IDictionary<string, object?>)r))
            .ToList();
    }

    private static byte[] Write(List<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, printHeader: false, sheetName: "Kế hoạch vốn");
        return stream.ToArray();
    }

    private static string RowsOf(JsonElement plan) => plan.GetProperty("rows").GetRawText();

    [Fact]
    public async Task A_downloaded_plan_uploaded_again_is_the_same_plan_as_a_new_version()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;
        var first = await CapitalPlanApiTests.JsonAsync(
            await office.PutAsJsonAsync(
                Url,
                CapitalPlanApiTests.Plan(
                    new
                    {
                        programme = "ntm-2021-2025",
                        component = "2",
                        source = "central-investment",
                        amount = 12_345_678_901L,
                    },
                    new
                    {
                        programme = "dtts-mn-2021-2025",
                        component = "1",
                        source = "community",
                        communeCode = "02989",
                        amount = 7L,
                    },
                    new
                    {
                        programme = "chuyen-de-1",
                        source = "enterprise",
                        amount = 0L,
                    }
                )
            )
        );

        var workbook = await office.GetAsync($"{Url}.xlsx");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        Assert.Equal("MTQG-ke-hoach-von-15-2025.xlsx", workbook.Content.Headers.ContentDisposition?.FileNameStar);
        var uploaded = await CapitalPlanApiTests.JsonAsync(
            await office.PostAsync(Url, File(await workbook.Content.ReadAsByteArrayAsync()))
        );

        Assert.Equal(2, uploaded.GetProperty("version").GetInt32());
        Assert.Equal(RowsOf(first), RowsOf(uploaded));
        Assert.Equal(first.GetProperty("totals").GetRawText(), uploaded.GetProperty("totals").GetRawText());
    }

    [Fact]
    public async Task A_bad_workbook_names_each_bad_cell_by_sheet_row_and_column_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;
        await CapitalPlanApiTests.JsonAsync(
            await office.PutAsJsonAsync(
                Url,
                CapitalPlanApiTests.Plan(
                    new
                    {
                        programme = "ntm-2021-2025",
                        source = "local",
                        amount = 100L,
                    }
                )
            )
        );
        var rows = Rows(await office.GetByteArrayAsync($"{Url}.xlsx"));
        // Row 1 is the header; row 2 the plan's row. Rows 3–6 are added, each wrong in one cell.
        Dictionary<string, object?> Row(object? programme, object? component, object? source, object? commune, object? amount) =>
            new()
            {
                ["A"] = programme,
                ["B"] = component,
                ["C"] = source,
                ["D"] = commune,
                ["E"] = amount,
            };
        rows.Add(Row("ntm-2021-2025", null, "credit", null, "một tỷ")); // row 3: not a number
        rows.Add(Row("ntm-2021-2025", "99", "local", null, 1)); // row 4: no such component
        rows.Add(Row("ntm-2021-2025", null, "tiền túi", null, 1)); // row 5: no such source
        rows.Add(Row("ntm-2021-2025", null, "local", "00376", -3)); // row 6: a Hà Nội commune, and a negative amount

        var problem = await ProblemAssert.IsProblemAsync(await office.PostAsync(Url, File(Write(rows))), HttpStatusCode.BadRequest);
        var problems = problem
            .GetProperty("problems")
            .EnumerateArray()
            .Select(p => (p.GetProperty("sheet").GetString(), p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString()))
            .ToList();
        Assert.Contains(("Kế hoạch vốn", 3, "Số tiền (đồng)"), problems);
        Assert.Contains(("Kế hoạch vốn", 4, "Nội dung thành phần"), problems);
        Assert.Contains(("Kế hoạch vốn", 5, "Nguồn vốn"), problems);
        Assert.Contains(("Kế hoạch vốn", 6, "Mã xã"), problems);
        Assert.Contains(("Kế hoạch vốn", 6, "Số tiền (đồng)"), problems);
        Assert.True(problems.Count == 5, problem.GetRawText());
        Assert.Contains("Kế hoạch vốn!E3", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));

        var plan = await CapitalPlanApiTests.JsonAsync(await office.GetAsync(Url));
        Assert.Equal(1, plan.GetProperty("version").GetInt32());
        Assert.Equal(100L, plan.GetProperty("totals").GetProperty("total").GetInt64());

        // Another province's office: refused before the file is read.
        var hanoi = (await app.Given().Account(Roles.Coordinator, unit: "01")).Client;
        await ProblemAssert.IsProblemAsync(await hanoi.PostAsync(Url, File(Write(rows))), HttpStatusCode.Forbidden);
    }
}
