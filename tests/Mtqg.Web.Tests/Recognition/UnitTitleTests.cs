using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;

namespace Mtqg.Web.Tests.Recognition;

/// <summary>
/// Titles belong to units (DESIGN §9, decision 0021). The 2025 reform merged old Xã Bảo Hà (02989), Tân Thượng (03070)
/// and others into a new Xã Bảo Hà that kept the code 02989: a title of old Bảo Hà is not the new commune's.
/// </summary>
public sealed class UnitTitleTests
{
    private const string BaoHa = "02989";
    private const string TanThuong = "03070";

    private static Task<HttpResponseMessage> BaselineAsync(
        HttpClient client,
        string commune,
        string number,
        string date,
        string level = "NTM"
    ) =>
        client.PostAsJsonAsync(
            "/api/v1/titles",
            new
            {
                communeCode = commune,
                level,
                decisionNumber = number,
                decisionDate = date,
                signer = "Chủ tịch UBND tỉnh",
                note = "Danh hiệu theo chỉ thị 1810/UBND-NLN",
            }
        );

    private static async Task<JsonElement> TitlesAsync(HttpClient client, string commune, string? asOf = null) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{commune}/titles{(asOf is null ? "" : $"?asOf={asOf}")}");

    [Fact]
    public async Task A_title_of_an_old_commune_is_shown_apart_and_not_held_by_the_new_commune_that_reuses_its_code_until_acknowledged()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        var oldBaoHa = await OkAsync(await BaselineAsync(coordinator, BaoHa, "1520/QĐ-UBND", "2020-12-18"), HttpStatusCode.Created);
        Assert.Equal(("NTM", "baseline", "1520/QĐ-UBND"), (oldBaoHa.Str("level"), oldBaoHa.Str("origin"), oldBaoHa.Str("decisionNumber")));
        var tanThuong = await OkAsync(await BaselineAsync(coordinator, TanThuong, "1520/QĐ-UBND", "2020-12-18"), HttpStatusCode.Created);

        // In 2024 the code named old Bảo Hà, which holds its title.
        var before = await TitlesAsync(app.CreateClient(), BaoHa, "2024-12-31");
        Assert.Equal("2025-06-30", before.GetProperty("commune").Str("validTo"));
        Assert.Equal(
            oldBaoHa.GetProperty("id").GetInt32(),
            Assert.Single(before.GetProperty("held").EnumerateArray()).GetProperty("id").GetInt32()
        );

        // Today the code names the new commune: it holds nothing; its predecessors' titles are listed apart.
        var now = await TitlesAsync(app.CreateClient(), BaoHa);
        Assert.Null(now.GetProperty("commune").Str("validTo"));
        Assert.Empty(now.GetProperty("held").EnumerateArray());
        var predecessors = now.GetProperty("predecessors").EnumerateArray().ToList();
        Assert.Contains(predecessors, p => p.Str("code") == BaoHa && p.GetProperty("titles").GetArrayLength() == 1);
        Assert.Contains(predecessors, p => p.Str("code") == TanThuong && p.GetProperty("titles").GetArrayLength() == 1);

        // The province acknowledges by decision that the new commune holds NTM, based on its predecessors' titles.
        var ids = new[] { oldBaoHa.GetProperty("id").GetInt32(), tanThuong.GetProperty("id").GetInt32() };
        var acknowledged = await OkAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/titles/acknowledgements",
                new
                {
                    communeCode = BaoHa,
                    level = "NTM",
                    decisionNumber = "15/QĐ-UBND",
                    decisionDate = "2025-09-01",
                    basedOn = ids,
                }
            ),
            HttpStatusCode.Created
        );
        Assert.Equal("acknowledgement", acknowledged.Str("origin"));
        var held = Assert.Single((await TitlesAsync(app.CreateClient(), BaoHa)).GetProperty("held").EnumerateArray());
        Assert.Equal(ids, held.GetProperty("basedOn").EnumerateArray().Select(i => i.GetInt32()));

        // Twice is refused; so is a basis that is not a predecessor's title.
        var again = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/titles/acknowledgements",
                new
                {
                    communeCode = BaoHa,
                    level = "NTM",
                    decisionNumber = "16/QĐ-UBND",
                    decisionDate = "2025-09-02",
                    basedOn = ids,
                }
            ),
            HttpStatusCode.Conflict
        );
        Assert.Contains("đã giữ danh hiệu mức NTM theo quyết định 15/QĐ-UBND", again.Str("detail"));
        var wrongBasis = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/titles/acknowledgements",
                new
                {
                    communeCode = "02680",
                    level = "NTM",
                    decisionNumber = "17/QĐ-UBND",
                    decisionDate = "2025-09-02",
                    basedOn = new[] { ids[0] },
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("không phải xã được sắp xếp vào", ProblemAssert.Errors(wrongBasis, "basedOn")[0]);
    }

    [Fact]
    public async Task A_baseline_title_is_refused_with_every_problem_named_and_only_the_province_of_today_may_record_it()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        var bad = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/titles",
                new
                {
                    communeCode = " ",
                    level = "",
                    decisionNumber = "quyết định 12",
                    decisionDate = "2099-01-01",
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("Chưa có mã xã", ProblemAssert.Errors(bad, "communeCode")[0]);
        Assert.Contains("Chưa có mức", ProblemAssert.Errors(bad, "level")[0]);
        Assert.Contains("không đúng dạng", ProblemAssert.Errors(bad, "decisionNumber")[0]);
        Assert.Contains("không được sau ngày hôm nay", ProblemAssert.Errors(bad, "decisionDate")[0]);

        // Tân Thượng did not exist any more in 2026; an unknown level is named with the known ones.
        var gone = await ProblemAssert.IsProblemAsync(
            await BaselineAsync(coordinator, TanThuong, "3/QĐ-UBND", "2025-12-01"),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("có hiệu lực ngày 01/12/2025", ProblemAssert.Errors(gone, "communeCode")[0]);
        var level = await ProblemAssert.IsProblemAsync(
            await BaselineAsync(coordinator, BaoHa, "4/QĐ-UBND", "2020-12-18", "KIEUMAU-X"),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("Không có mức \"KIEUMAU-X\"", ProblemAssert.Errors(level, "level")[0]);

        // A commune officer, and a coordination office of another province (Hà Nội's commune), are refused.
        await ProblemAssert.IsProblemAsync(
            await BaselineAsync(await app.ClientAsAsync("demo.xa"), BaoHa, "5/QĐ-UBND", "2020-12-18"),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(await BaselineAsync(coordinator, "00376", "6/QĐ-UBND", "2020-12-18"), HttpStatusCode.Forbidden);

        // The same decision number with another date is a mistake, not a second decision.
        await OkAsync(await BaselineAsync(coordinator, BaoHa, "7/QĐ-UBND", "2020-12-18"), HttpStatusCode.Created);
        var clash = await ProblemAssert.IsProblemAsync(
            await BaselineAsync(coordinator, TanThuong, "7/QĐ-UBND", "2020-12-19"),
            HttpStatusCode.Conflict
        );
        Assert.Contains("đã có quyết định số 7/QĐ-UBND ngày 18/12/2020", clash.Str("detail"));
    }

    [Fact]
    public async Task A_dossier_for_a_higher_level_needs_the_level_below_held_by_the_commune()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var commune = await app.ClientAsAsync("demo.xa");
        var advanced = () =>
            commune.PostAsJsonAsync(
                "/api/v1/dossiers",
                new
                {
                    commune = BaoHa,
                    year = Year,
                    set = Scorecards.DemoSet.Code,
                    level = "NTMNC",
                }
            );

        var refused = await ProblemAssert.IsProblemAsync(await advanced(), HttpStatusCode.Conflict);
        Assert.Contains("chưa giữ danh hiệu mức NTM", refused.Str("detail"));
        Assert.Contains("trước khi lập hồ sơ mức NTMNC", refused.Str("detail"));

        // Old Bảo Hà's title does not make the new commune NTM; a title of the new commune does.
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        await OkAsync(await BaselineAsync(coordinator, BaoHa, "1520/QĐ-UBND", "2020-12-18"), HttpStatusCode.Created);
        await ProblemAssert.IsProblemAsync(await advanced(), HttpStatusCode.Conflict);
        await OkAsync(await BaselineAsync(coordinator, BaoHa, "20/QĐ-UBND", "2025-12-20"), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Created, (await advanced()).StatusCode);
    }

    [Fact]
    public async Task The_coordination_office_records_an_old_title_and_acknowledges_it_for_the_merged_commune_on_the_page_and_the_commune_page_tells_them_apart()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        var recorded = await coordinator.PostFormAsync(
            "/danh-hieu/ghi-nhan",
            "baseline-title",
            ("Baseline.CommuneCode", TanThuong),
            ("Baseline.Level", "NTM"),
            ("Baseline.DecisionNumber", "1520/QĐ-UBND"),
            ("Baseline.DecisionDate", "2020-12-18"),
            ("Baseline.Signer", "Chủ tịch UBND tỉnh")
        );
        // The client follows the 303 back to the page, which says what was recorded.
        Assert.Contains(
            "Đã ghi nhận danh hiệu mức NTM theo quyết định 1520/QĐ-UBND",
            WebUtility.HtmlDecode(await recorded.Content.ReadAsStringAsync())
        );

        // A wrong date is named on the page, and nothing is written.
        var refused = WebUtility.HtmlDecode(
            await (
                await coordinator.PostFormAsync(
                    "/danh-hieu/ghi-nhan",
                    "baseline-title",
                    ("Baseline.CommuneCode", TanThuong),
                    ("Baseline.Level", "NTM"),
                    ("Baseline.DecisionNumber", "1521/QĐ-UBND"),
                    ("Baseline.DecisionDate", "2025-12-01")
                )
            ).Content.ReadAsStringAsync()
        );
        Assert.Contains("Không có xã mã \"03070\" có hiệu lực ngày 01/12/2025", refused);

        var page = WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/danh-hieu/ghi-nhan?xa={BaoHa}"));
        Assert.Contains("Xã Tân Thượng — mức NTM, quyết định 1520/QĐ-UBND ngày 18/12/2020", page);
        var titleId = (await TitlesAsync(app.CreateClient(), BaoHa))
            .GetProperty("predecessors")
            .EnumerateArray()
            .Single(p => p.Str("code") == TanThuong)
            .GetProperty("titles")[0]
            .GetProperty("id")
            .GetInt32();

        var scorecard = WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/xa/{BaoHa}"));
        Assert.Contains("Danh hiệu của Xã Tân Thượng (xã cũ", scorecard);
        Assert.Contains("chưa giữ danh hiệu nào theo quyết định", scorecard);
        Assert.Contains($"href=\"/danh-hieu/ghi-nhan?xa={BaoHa}&amp;ngay=", await coordinator.GetStringAsync($"/xa/{BaoHa}"));

        var acknowledged = await coordinator.PostFormAsync(
            $"/danh-hieu/ghi-nhan?xa={BaoHa}",
            "acknowledge-title",
            ("Ack.CommuneCode", BaoHa),
            ($"Ack.BasedOn[{titleId}]", "true"),
            ("Ack.Level", "NTM"),
            ("Ack.DecisionNumber", "15/QĐ-UBND"),
            ("Ack.DecisionDate", "2025-09-01")
        );
        Assert.Contains(
            "Đã ghi nhận Xã Bảo Hà giữ mức NTM theo quyết định 15/QĐ-UBND",
            WebUtility.HtmlDecode(await acknowledged.Content.ReadAsStringAsync())
        );
        var after = WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/xa/{BaoHa}"));
        Assert.Contains("Ghi nhận cho xã sau sắp xếp (căn cứ danh hiệu #" + titleId + ")", after);

        // A commune officer is not offered the page.
        var officer = await app.ClientAsAsync("demo.xa");
        Assert.NotEqual(HttpStatusCode.OK, (await officer.GetAsync("/danh-hieu/ghi-nhan")).StatusCode);
    }

    private static readonly string[] Columns = ["Mã xã", "Mức", "Bộ tiêu chí", "Số quyết định", "Ngày quyết định", "Người ký", "Ghi chú"];

    /// <summary>A workbook with the template's header row (checked against the template) and these rows, posted as a file.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, params object?[][] rows)
    {
        var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(await WorkbookAsync(client, rows)), "file", "danh-hieu.xlsx" },
        };
        return await client.PostAsync("/api/v1/titles/workbook", content);
    }

    /// <summary>The same workbook posted through the page's form, as a browser sends it; the page as it then reads.</summary>
    private static async Task<string> UploadOnPageAsync(HttpClient client, params object?[][] rows)
    {
        const string page = "/danh-hieu/ghi-nhan";
        var form = new MultipartFormDataContent
        {
            {
                new StringContent(PageForms.Hidden(await client.GetStringAsync(page), "__RequestVerificationToken")),
                "__RequestVerificationToken"
            },
            { new StringContent("titles-file"), "_handler" },
            { new ByteArrayContent(await WorkbookAsync(client, rows)), "file", "danh-hieu.xlsx" },
        };
        var response = await client.PostAsync(page, form);
        if (response.StatusCode == HttpStatusCode.SeeOther)
            response = await client.GetAsync(response.Target());
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    private static async Task<byte[]> WorkbookAsync(HttpClient client, object?[][] rows)
    {
        var template = new MemoryStream(await client.GetByteArrayAsync("/api/v1/titles/workbook"));
        var header = (IDictionary<string, object?>)MiniExcelLibs.MiniExcel.Query(template, sheetName: "Danh hiệu").First();
        Assert.Equal(Columns, header.Values.Select(v => v?.ToString()));
        using var saved = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(
            saved,
            new Dictionary<string, object>
            {
                ["Danh hiệu"] = rows.Select(r =>
                        Columns.Select((c, i) => (c, v: i < r.Length ? r[i] : null)).ToDictionary(x => x.c, x => x.v)
                    )
                    .ToList(),
            }
        );
        return saved.ToArray();
    }

    [Fact]
    public async Task The_titles_page_loads_the_workbook_naming_every_bad_row_and_writing_nothing_until_all_are_right()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        var refused = await UploadOnPageAsync(
            coordinator,
            [2989, "NTM", null, "1520/QĐ-UBND", new DateTime(2020, 12, 18)],
            [TanThuong, "NTM", null, "1520/QĐ-UBND", "ngày 18"]
        );
        Assert.Contains("1 lỗi trong tệp", refused);
        Assert.Contains("«ngày 18» không phải ngày", refused);
        Assert.Empty((await TitlesAsync(app.CreateClient(), BaoHa, "2024-12-31")).GetProperty("held").EnumerateArray());

        var loaded = await UploadOnPageAsync(
            coordinator,
            [2989, "NTM", null, "1520/QĐ-UBND", new DateTime(2020, 12, 18)],
            [TanThuong, "NTM", null, "1520/QĐ-UBND", "18/12/2020"]
        );
        Assert.Contains("Đã nạp 2 danh hiệu từ tệp", loaded);
        Assert.Equal(
            "1520/QĐ-UBND",
            (await TitlesAsync(app.CreateClient(), BaoHa, "2024-12-31")).GetProperty("held")[0].Str("decisionNumber")
        );
    }

    [Fact]
    public async Task Titles_granted_before_the_system_load_from_the_workbook_all_or_nothing_with_every_bad_row_named()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        // Row 3 names a commune of another province, row 4 a date that is not one: nothing is written. Row 2's code was typed as
        // a number (the leading zero is gone) and its date is a date cell.
        var refused = await ProblemAssert.IsProblemAsync(
            await UploadAsync(
                coordinator,
                [2989, "NTM", null, "1520/QĐ-UBND", new DateTime(2020, 12, 18)],
                ["00376", "NTM", null, "8/QĐ-UBND", "18/12/2020"],
                [TanThuong, "NTM", null, "1520/QĐ-UBND", "ngày 18"]
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("Chỉ Văn phòng Điều phối tỉnh 01", ProblemAssert.Errors(refused, "dòng 3")[0]);
        Assert.Contains("«ngày 18» không phải ngày", ProblemAssert.Errors(refused, "dòng 4")[0]);
        Assert.Empty((await TitlesAsync(app.CreateClient(), BaoHa, "2024-12-31")).GetProperty("held").EnumerateArray());

        var loaded = await UploadAsync(
            coordinator,
            [2989, "NTM", null, "1520/QĐ-UBND", new DateTime(2020, 12, 18)],
            [TanThuong, "NTM", null, "1520/QĐ-UBND", "18/12/2020", "Chủ tịch UBND tỉnh"]
        );
        Assert.Equal(2, (await OkAsync(loaded)).GetProperty("recorded").GetInt32());
        var predecessors = (await TitlesAsync(app.CreateClient(), BaoHa)).GetProperty("predecessors").EnumerateArray().ToList();
        Assert.All(predecessors.Where(p => p.Str("code") is BaoHa or TanThuong), p =>
            Assert.Equal("1520/QĐ-UBND", p.GetProperty("titles")[0].Str("decisionNumber"))
        );
    }
}

internal static class TitleJson
{
    public static string? Str(this JsonElement element, string name) => element.GetProperty(name).GetString();
}
