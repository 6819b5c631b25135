using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Scorecards;

/// <summary>
/// Who reads a commune's scorecard and a province's values workbook: by the province of today, so a
/// pre-reform commune counts under the province its province merged into; a commune officer reads
/// their commune and the old communes it was formed from.
/// </summary>
public sealed class ScorecardReadAccessTests
{
    /// <summary>Xã Tân Thượng (Văn Bàn, old Tỉnh Lào Cai 10) until 30/6/2025, then part of the new Xã Bảo Hà.</summary>
    private const string TanThuong = "03070";

    /// <summary>Xã Cốc Ly (Bắc Hà, old Tỉnh Lào Cai 10) until 30/6/2025, then part of Xã Bảo Nhai, not of Xã Bảo Hà.</summary>
    private const string CocLy = "02878";

    /// <summary>Xã Minh Bảo (old Tỉnh Yên Bái, code 15) until 30/6/2025; Yên Bái merged into today's Lào Cai (15).</summary>
    private const string MinhBao = "04270";

    [Theory]
    [InlineData(null, BaoHa, 2026, HttpStatusCode.Unauthorized)]
    [InlineData("demo.xa", BaoHa, 2026, HttpStatusCode.OK)]
    [InlineData("demo.xa", BaoNhai, 2026, HttpStatusCode.Forbidden)]
    [InlineData("demo.xa", SocSon, 2026, HttpStatusCode.Forbidden)]
    [InlineData("demo.dieuphoi", BaoHa, 2026, HttpStatusCode.OK)]
    [InlineData("demo.dieuphoi", TanThuong, 2024, HttpStatusCode.OK)]
    [InlineData("demo.dieuphoi", MinhBao, 2024, HttpStatusCode.OK)]
    [InlineData("demo.dieuphoi", SocSon, 2026, HttpStatusCode.Forbidden)]
    [InlineData("demo.xem", BaoHa, 2026, HttpStatusCode.OK)]
    [InlineData("demo.xem", TanThuong, 2024, HttpStatusCode.OK)]
    [InlineData("demo.xem", MinhBao, 2024, HttpStatusCode.OK)]
    [InlineData("demo.xem", SocSon, 2026, HttpStatusCode.Forbidden)]
    [InlineData("demo.thamdinh", BaoNhai, 2026, HttpStatusCode.OK)]
    [InlineData("demo.thamdinh", SocSon, 2026, HttpStatusCode.Forbidden)]
    // An agency reads the communes it is assigned to help (Bảo Hà, and the old communes it was formed from), no other.
    [InlineData("demo.giupdo", BaoHa, 2026, HttpStatusCode.OK)]
    [InlineData("demo.giupdo", TanThuong, 2024, HttpStatusCode.OK)]
    [InlineData("demo.giupdo", BaoNhai, 2026, HttpStatusCode.Forbidden)]
    [InlineData("demo.giupdo", MinhBao, 2024, HttpStatusCode.Forbidden)]
    [InlineData("demo.giupdo", SocSon, 2026, HttpStatusCode.Forbidden)]
    [InlineData("demo.admin", SocSon, 2026, HttpStatusCode.OK)]
    [InlineData("demo.admin", TanThuong, 2024, HttpStatusCode.OK)]
    public async Task A_scorecard_is_read_only_by_accounts_whose_scope_holds_the_commune(
        string? userName,
        string commune,
        int year,
        HttpStatusCode expected
    )
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var client = await ClientAsync(app, userName);

        var response = await client.GetAsync(ScorecardUrl(commune, year));

        await AssertAnswerAsync(response, expected, card =>
            Assert.Equal(
                (commune, year),
                (card.GetProperty("commune").GetProperty("code").GetString(), card.GetProperty("year").GetInt32())
            )
        );
    }

    [Fact]
    public async Task A_commune_officer_reads_the_old_communes_merged_into_theirs_and_no_other_old_commune()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var officer = await app.ClientAsAsync("demo.xa");
        var baoHa = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/units/{BaoHa}?asOf=2026-12-31");
        var baoNhai = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/units/{BaoNhai}?asOf=2026-12-31");
        var tanThuong = Predecessors(baoHa).Single(p => p.GetProperty("code").GetString() == TanThuong);
        Assert.Equal(
            ("Xã Tân Thượng", "2025-06-30"),
            (tanThuong.GetProperty("fullName").GetString(), tanThuong.GetProperty("validTo").GetString())
        );
        Assert.Contains(Predecessors(baoNhai), p => p.GetProperty("code").GetString() == CocLy);
        Assert.DoesNotContain(Predecessors(baoHa), p => p.GetProperty("code").GetString() == CocLy);

        var own = await officer.GetAsync(ScorecardUrl(TanThuong, 2024));
        var other = await officer.GetAsync(ScorecardUrl(CocLy, 2024));

        await AssertAnswerAsync(own, HttpStatusCode.OK, card =>
            Assert.Equal(
                (TanThuong, "Xã Tân Thượng", 2024),
                (
                    card.GetProperty("commune").GetProperty("code").GetString(),
                    card.GetProperty("commune").GetProperty("name").GetString(),
                    card.GetProperty("year").GetInt32()
                )
            )
        );
        var refused = await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Forbidden);
        Assert.Contains("Xã Cốc Ly", refused.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("demo.dieuphoi")]
    [InlineData("demo.thamdinh")]
    [InlineData("demo.giupdo")]
    [InlineData("demo.xem")]
    [InlineData("demo.xa")]
    public async Task Lao_Cai_accounts_do_not_read_a_xa_of_Ha_Noi(string userName)
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var haNoi = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/units?parent=01&level=commune&asOf=2026-12-31"))!
            .First(u => u.GetProperty("kind").GetString() == "xa")
            .GetProperty("code")
            .GetString()!;
        await admin.ScorecardAsync(haNoi, 2026); // the commune exists and has a scorecard
        var client = await app.ClientAsAsync(userName);

        var response = await client.GetAsync(ScorecardUrl(haNoi, 2026));

        await AssertAnswerAsync(response, HttpStatusCode.Forbidden, _ => { });
    }

    [Fact]
    public async Task A_national_viewer_created_by_the_administrator_reads_communes_and_workbooks_of_every_province()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var created = await admin.PostAsJsonAsync(
            "/api/v1/users",
            new
            {
                userName = "xem.toanquoc",
                password = "Mat-khau-2026",
                displayName = "Xem toàn quốc",
                role = "viewer",
                unitCode = (string?)null,
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var viewer = await app.ClientAsAsync("xem.toanquoc", "Mat-khau-2026");

        (string Commune, int Year)[] communes = [(BaoHa, 2026), (TanThuong, 2024), (MinhBao, 2024), (SocSon, 2026)];
        foreach (var (commune, year) in communes)
            Assert.Equal(commune, (await viewer.ScorecardAsync(commune, year)).GetProperty("commune").GetProperty("code").GetString());
        foreach (var province in new[] { "15", "01" })
            await AssertAnswerAsync(await viewer.GetAsync(WorkbookUrl(province, 2026)), HttpStatusCode.OK, _ => { });
    }

    [Theory]
    [InlineData(null, "15", 2026, HttpStatusCode.Unauthorized)]
    [InlineData("demo.dieuphoi", "15", 2026, HttpStatusCode.OK)]
    [InlineData("demo.dieuphoi", "10", 2024, HttpStatusCode.OK)]
    [InlineData("demo.dieuphoi", "01", 2026, HttpStatusCode.Forbidden)]
    [InlineData("demo.thamdinh", "15", 2026, HttpStatusCode.OK)]
    [InlineData("demo.xem", "15", 2026, HttpStatusCode.OK)]
    [InlineData("demo.xem", "01", 2026, HttpStatusCode.Forbidden)]
    [InlineData("demo.xa", "15", 2026, HttpStatusCode.Forbidden)]
    [InlineData("demo.admin", "01", 2026, HttpStatusCode.OK)]
    public async Task The_values_workbook_is_downloaded_only_by_accounts_that_read_the_provinces_detailed_data(
        string? userName,
        string province,
        int year,
        HttpStatusCode expected
    )
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var client = await ClientAsync(app, userName);

        var response = await client.GetAsync(WorkbookUrl(province, year));

        await AssertAnswerAsync(response, expected, _ =>
            Assert.Equal(
                $"MTQG-{province}-{year}-{Code}.xlsx",
                response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName
            )
        );
    }

    private static string WorkbookUrl(string province, int year) => $"/api/v1/provinces/{province}/years/{year}/workbook?set={Code}";

    private static async Task<HttpClient> ClientAsync(MtqgApp app, string? userName) =>
        userName is null ? app.CreateClient() : await app.ClientAsAsync(userName);

    private static IEnumerable<JsonElement> Predecessors(JsonElement unit) => unit.GetProperty("predecessors").EnumerateArray();

    /// <summary>A 200 whose body passes <paramref name="onOk"/>, or the Vietnamese 401/403 problem.</summary>
    private static async Task AssertAnswerAsync(HttpResponseMessage response, HttpStatusCode expected, Action<JsonElement> onOk)
    {
        if (expected != HttpStatusCode.OK)
        {
            var problem = await ProblemAssert.IsProblemAsync(response, expected);
            Assert.Equal(
                expected == HttpStatusCode.Unauthorized ? "Chưa đăng nhập" : "Không có quyền",
                problem.GetProperty("title").GetString()
            );
            return;
        }
        if (response.StatusCode != HttpStatusCode.OK)
            Assert.Fail($"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        onOk(
            response.Content.Headers.ContentType?.MediaType == "application/json"
                ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
                : default
        );
    }
}
