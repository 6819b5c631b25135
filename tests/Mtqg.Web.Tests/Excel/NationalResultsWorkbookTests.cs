using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Mtqg.Data;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Scorecards.Excel;
using Mtqg.Web.Features.Units;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Excel;

/// <summary>
/// The national results workbook (GET /api/v1/years/{year}/scorecards.xlsx), whose rows are made one at a time as the file is
/// written: what a person opening it sees — every commune of the country once, in code order, under its province, the sheet's
/// extent covering every row, each criterion's status that commune's own.
/// </summary>
public sealed partial class NationalResultsWorkbookTests
{
    private const string LaoCai = "15",
        BaoHa = "02989";

    [Fact]
    public async Task The_2024_file_has_every_rural_commune_of_the_63_provinces_once_in_code_order_under_its_province()
    {
        await using var app = await MtqgApp.StartAsync();
        var file = await app.CreateClient().GetByteArrayAsync("/api/v1/years/2024/scorecards.xlsx");

        List<(string Code, string Province, string Name)> expected;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var inForce = UnitService.InForce(db.Units.AsNoTracking(), new DateOnly(2024, 12, 31));
            var provinces = await inForce.Where(u => u.Level == UnitLevel.Province).ToDictionaryAsync(u => u.Code, u => u.FullName);
            expected = [.. (
                    await inForce
                        .Where(u => u.Level == UnitLevel.Commune && (u.Kind == UnitKind.Xa || u.Kind == UnitKind.DacKhu))
                        .Select(u => new
                        {
                            u.Code,
                            u.ProvinceCode,
                            u.FullName,
                        })
                        .ToListAsync()
                ).OrderBy(u => u.Code, StringComparer.Ordinal).Select(u => (u.Code, provinces[u.ProvinceCode], u.FullName))];
            Assert.Equal(63, expected.Select(e => e.Province).Distinct().Count());
        }

        using var stream = new MemoryStream(file);
        var header = ((IDictionary<string, object?>)MiniExcel.Query(stream, sheetName: ResultsWorkbook.ResultsSheet).First())
            .Values.Select(v => v as string)
            .ToList();
        Assert.Equal(["Mã xã", "Tỉnh", "Tên xã", "Nhóm", "Số tiêu chí đạt", "Tổng số tiêu chí", "Xếp loại", "Mức đạt"], header.Take(8));
        var criteria = header.Skip(8).ToList();
        Assert.NotEmpty(criteria);
        Assert.All(criteria.Select((h, i) => (h, i)), c => Assert.StartsWith($"{c.i + 1}. ", c.h));

        var rows = MiniExcel
            .Query(stream, useHeaderRow: true, sheetName: ResultsWorkbook.ResultsSheet)
            .Cast<IDictionary<string, object?>>()
            .Select(r => (r["Mã xã"] as string, r["Tỉnh"] as string, r["Tên xã"] as string))
            .ToList();
        Assert.True(expected.Count > 7000, $"{expected.Count} communes in force on 31/12/2024");
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(expected, rows!);

        // The sheet's extent (what Excel reads to size the sheet): the header and every commune, every column.
        using var zip = new ZipArchive(new MemoryStream(file));
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var dimension = Dimension().Match(await sheet.ReadToEndAsync());
        Assert.True(dimension.Success, "the results sheet has no <dimension>");
        Assert.Equal($"A1:{Column(header.Count)}{expected.Count + 1}", dimension.Groups[1].Value);
    }

    [Fact]
    public async Task A_commune_with_values_shows_its_own_statuses_and_its_neighbours_keep_theirs()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var set = await given.IllustrativeCriteriaSet();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        // Communes before Bảo Hà in code order have no values: each of its criteria met or not is its own, not theirs.
        await given.Values(office.Client, BaoHa, 2026, set, new Dictionary<string, object> { ["1.1"] = true, ["1.2"] = 100m });
        var neighbour = (
            await office.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/units?level=commune&parent={LaoCai}&asOf=2026-12-31")
        )!
            .Where(u => u.GetProperty("kind").GetString() == "xa")
            .Select(u => u.GetProperty("code").GetString()!)
            .First(code => code != BaoHa);

        var file = await app.CreateClient().GetByteArrayAsync($"/api/v1/years/2026/scorecards.xlsx?set={set}");
        using var stream = new MemoryStream(file);
        var rows = MiniExcel
            .Query(stream, useHeaderRow: true, sheetName: ResultsWorkbook.ResultsSheet)
            .Cast<IDictionary<string, object?>>()
            .ToList();

        var shown = 0;
        foreach (var commune in new[] { BaoHa, neighbour })
        {
            var card = await office.Client.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{commune}/years/2026/scorecard?set={set}");
            var row = rows.Single(r => r["Mã xã"] as string == commune);
            Assert.Equal(card.GetProperty("criteriaMet").GetInt32(), Convert.ToInt32(row[ResultsWorkbook.MetHeader]));
            foreach (var criterion in card.GetProperty("criteria").EnumerateArray())
            {
                var status = criterion.GetProperty("status").GetString();
                Assert.Equal(
                    status switch
                    {
                        "met" => "Đạt",
                        "not_met" => "Chưa đạt",
                        "missing" => "Thiếu số liệu",
                        "no_threshold" => "Chưa có ngưỡng",
                        _ => "Không áp dụng",
                    },
                    row[$"{criterion.GetProperty("number").GetInt32()}. {criterion.GetProperty("name").GetString()}"]
                );
                if (commune == BaoHa && status is "met" or "not_met")
                    shown++;
            }
        }
        Assert.True(shown > 0, "Bảo Hà's values decide none of its criteria");
    }

    /// <summary>The spreadsheet column of a 1-based index: 1 → A, 27 → AA.</summary>
    private static string Column(int index)
    {
        var name = "";
        for (; index > 0; index = (index - 1) / 26)
            name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    [GeneratedRegex("<x:dimension ref=\"([A-Z]+[0-9]+:[A-Z]+[0-9]+)\"")]
    private static partial Regex Dimension();
}
