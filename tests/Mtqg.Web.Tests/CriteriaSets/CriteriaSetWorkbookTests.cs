using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.CriteriaSets;

/// <summary>A criteria set as a workbook, both ways (DESIGN §9): download → new code → upload is the same set; a bad workbook names every problem.</summary>
public sealed class CriteriaSetWorkbookTests
{
    private static MultipartFormDataContent File(byte[] bytes) => new() { { new ByteArrayContent(bytes), "file", "bo-tieu-chi.xlsx" } };

    /// <summary>Every sheet of a workbook as rows of cells (keys A, B, …), to change and write back.</summary>
    private static Dictionary<string, List<Dictionary<string, object?>>> Sheets(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return MiniExcel
            .GetSheetNames(stream)
            .ToDictionary(
                name => name,
                name =>
                    MiniExcel
                        .Query(stream, useHeaderRow: false, sheetName: name)
                        .Cast<IDictionary<string, object?>>()
                        .Select(r => new Dictionary<string, object?>(r))
                        .ToList()
            );
    }

    private static byte[] Write(Dictionary<string, List<Dictionary<string, object?>>> sheets)
    {
        using var buffer = new MemoryStream();
        // Rows as they are, the header row included (printHeader off), as a spreadsheet program saves them.
        MiniExcel.SaveAs(buffer, sheets.ToDictionary(s => s.Key, s => (object)s.Value), printHeader: false);
        return buffer.ToArray();
    }

    private static void SetField(Dictionary<string, List<Dictionary<string, object?>>> sheets, string key, object? value) =>
        sheets["Bộ tiêu chí"].Single(r => (r["A"] as string) == key)["C"] = value;

    [Fact]
    public async Task A_downloaded_set_uploaded_under_a_new_code_is_the_same_set()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;
        var draft = await ProvinceSetsApiTests.ProvinceDraftAsync(office, "LC-XL");
        draft["criteria"]![0]!["indicators"]![0]!["thresholds"]!
            .AsArray()
            .Add(
                new JsonObject
                {
                    ["level"] = "NTM",
                    ["group"] = "N1",
                    ["year"] = 2027,
                    ["value"] = null,
                    ["note"] = "=chưa có số",
                }
            );
        draft["recognition"] = new JsonObject
        {
            ["requiredSatisfaction"] = 90,
            ["revocation"] = new JsonObject
            {
                ["failingShareFrom"] = 0.3,
                ["failingShareTo"] = 0.5,
                ["protectedCriteria"] = new JsonArray(1, 2),
            },
        };
        Assert.Equal(HttpStatusCode.Created, (await office.PostAsJsonAsync("/api/v1/criteria-sets", draft)).StatusCode);

        var workbook = await office.GetByteArrayAsync("/api/v1/criteria-sets/LC-XL.xlsx");
        var sheets = Sheets(workbook);
        Assert.Equal(
            ["Bộ tiêu chí", "Mức đạt chuẩn", "Nhóm xã", "Nhóm báo cáo", "Tiêu chí", "Chỉ tiêu", "Ngưỡng", "Điều kiện của mức"],
            sheets.Keys
        );
        SetField(sheets, "code", "LC-XL-2");
        var uploaded = await office.PostAsync("/api/v1/criteria-sets", File(Write(sheets)));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);

        var first = JsonNode.Parse(await office.GetStringAsync("/api/v1/criteria-sets/LC-XL"))!;
        var second = JsonNode.Parse(await office.GetStringAsync("/api/v1/criteria-sets/LC-XL-2"))!;
        second["code"] = "LC-XL";
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Equal("=chưa có số", (string?)second["criteria"]![0]!["indicators"]![0]!["thresholds"]!.AsArray().Last()!["note"]);
    }

    [Fact]
    public async Task A_workbook_with_several_problems_names_each_by_sheet_row_and_column_and_writes_nothing()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;
        var draft = await ProvinceSetsApiTests.ProvinceDraftAsync(office, "LC-BAD");
        Assert.Equal(HttpStatusCode.Created, (await office.PostAsJsonAsync("/api/v1/criteria-sets", draft)).StatusCode);
        var sheets = Sheets(await office.GetByteArrayAsync("/api/v1/criteria-sets/LC-BAD.xlsx"));
        SetField(sheets, "code", "LC-BAD-2");
        SetField(sheets, "validFrom", "năm sau");
        sheets["Ngưỡng"][1]["E"] = "chín mươi"; // value of the first threshold row (row 2)
        sheets["Ngưỡng"]
            .Insert(
                2,
                new()
                {
                    ["A"] = "KHONG-CO",
                    ["B"] = "NTM",
                    ["C"] = null,
                    ["D"] = null,
                    ["E"] = 1,
                    ["F"] = null,
                }
            ); // an indicator the set does not have (row 3)
        sheets["Chỉ tiêu"][1]["F"] = "khoảng"; // rule (row 2)
        var response = await office.PostAsync("/api/v1/criteria-sets", File(Write(sheets)));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var problems = problem
            .GetProperty("problems")
            .EnumerateArray()
            .Select(p =>
                (
                    p.GetProperty("sheet").GetString(),
                    p.GetProperty("row").ValueKind == JsonValueKind.Number ? p.GetProperty("row").GetInt32() : 0,
                    p.GetProperty("column").GetString()
                )
            )
            .ToList();
        Assert.Contains(("Bộ tiêu chí", 5, "Giá trị"), problems);
        Assert.Contains(("Ngưỡng", 2, "Giá trị ngưỡng"), problems);
        Assert.Contains(("Ngưỡng", 3, "Mã chỉ tiêu"), problems);
        Assert.Contains(("Chỉ tiêu", 2, "Quy tắc"), problems);
        Assert.Contains("Ngưỡng!E2", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync("/api/v1/criteria-sets/LC-BAD-2")).StatusCode);
    }
}
