using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Poverty.PovertyApiTests;

namespace Mtqg.Web.Tests.Poverty;

/// <summary>
/// Issue 15 item 5 (DESIGN §12): a plan target "reduce the poverty rate by N points", judged from the approved results of
/// the communes it names (across the 2025 reform) or of the province; the production-support projects' households that
/// escaped poverty against their beneficiaries on the province's poverty summary.
/// </summary>
public sealed class PovertyTargetTests
{
    private const string HaNoi = "01",
        SocSon = "00376", // Xã Sóc Sơn since 1/7/2025
        PhuLinh = "00400", // Xã Phù Linh until 30/6/2025, merged whole into Sóc Sơn
        QuangTien = "00409"; // Xã Quang Tiến until 30/6/2025, split (part into Sóc Sơn)

    private static async Task ResultAsync(HttpClient office, string commune, int year, int households, int poor, bool approve = true)
    {
        var url = $"/api/v1/communes/{commune}/years/{year}/poverty";
        await JsonAsync(
            await office.PutAsJsonAsync(
                url,
                new
                {
                    households,
                    poor,
                    nearPoor = 0,
                }
            )
        );
        if (approve)
            await JsonAsync(await office.PostAsJsonAsync($"{url}/approve", new { }));
    }

    private static async Task<JsonElement> TargetAsync(HttpClient client, int plan, string asOf = "2026-12-31") =>
        (await JsonAsync(await client.GetAsync($"/api/v1/plans/{plan}?asOf={asOf}"))).GetProperty("targets")[0];

    [Fact]
    public async Task The_average_reduction_of_a_commune_list_follows_the_approved_results_and_a_merged_commune_its_new_commune()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: HaNoi);
        // A plan of 2024 names the communes of 2024 (Phù Linh, Quang Tiến), before the reform merged them into Sóc Sơn.
        var plan = await app.Given()
            .Plan(office.Client, HaNoi, "5/KH-GN", "Giảm nghèo 2024–2026", "2024-01-15", "2024-01-01", "2026-12-31");
        await ResultAsync(office.Client, PhuLinh, 2024, households: 1000, poor: 300); // 30%
        await ResultAsync(office.Client, QuangTien, 2024, households: 500, poor: 100); // 20%
        await ResultAsync(office.Client, SocSon, 2026, households: 4000, poor: 720, approve: false); // 18%, not yet approved

        await JsonAsync(
            await office.Client.PostAsJsonAsync(
                $"/api/v1/plans/{plan}/targets",
                new
                {
                    kind = "rateReduction",
                    name = "Giảm tỷ lệ hộ nghèo bình quân 10 điểm % ở các xã khó khăn",
                    baselineYear = 2024,
                    year = 2026,
                    goal = 10,
                    scope = "overall",
                    communes = new[] { new { code = PhuLinh }, new { code = QuangTien } },
                }
            ),
            HttpStatusCode.Created
        );

        var draft = await TargetAsync(office.Client, plan);
        Assert.Equal("rateReduction", draft.GetProperty("kind").GetString());
        Assert.Equal("behind", draft.GetProperty("state").GetString()); // a draft does not count
        Assert.Contains("0/2 đơn vị", draft.GetProperty("summary").GetString());

        await JsonAsync(await office.Client.PostAsJsonAsync($"/api/v1/communes/{SocSon}/years/2026/poverty/approve", new { }));
        var target = await TargetAsync(office.Client, plan);
        Assert.Equal("done", target.GetProperty("state").GetString());
        Assert.Equal(12m, target.GetProperty("achieved").GetDecimal()); // 30% → 18%; Quang Tiến was split, not guessed
        Assert.Equal(2024, target.GetProperty("baselineYear").GetInt32());
        Assert.Equal("kết quả rà soát hộ nghèo đã phê duyệt", target.GetProperty("source").GetString());
        var communes = target.GetProperty("communes").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);
        Assert.Equal(30m, communes[PhuLinh].GetProperty("baseline").GetDecimal());
        Assert.Equal(18m, communes[PhuLinh].GetProperty("latest").GetDecimal());
        Assert.Contains("Xã Sóc Sơn", communes[PhuLinh].GetProperty("note").GetString());
        Assert.Equal(JsonValueKind.Null, communes[QuangTien].GetProperty("latest").ValueKind);
        Assert.Contains("chia cho nhiều xã", communes[QuangTien].GetProperty("note").GetString());

        var page = WebUtility.HtmlDecode(await office.Client.GetStringAsync($"/ke-hoach/{plan}?ngay=2026-12-31"));
        Assert.Contains("Giảm tỷ lệ hộ nghèo", page);
        Assert.Contains("Bình quân giảm 12/10 điểm %", page);
        Assert.Contains("Tỷ lệ hộ nghèo từng xã (1/2 xã đã giảm đủ 10 điểm %)", page);
    }

    [Fact]
    public async Task A_province_target_reads_the_province_rate_and_each_commune_targets_count_the_communes_that_fell_enough()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: HaNoi);
        var plan = await app.Given().Plan(office.Client, HaNoi, "6/KH-GN");
        await ResultAsync(office.Client, SocSon, 2025, households: 1000, poor: 100); // 10%
        await ResultAsync(office.Client, "00382", 2025, households: 1000, poor: 50); // Kim Anh 5%
        await ResultAsync(office.Client, SocSon, 2026, households: 1000, poor: 40); // 4%: −6
        await ResultAsync(office.Client, "00382", 2026, households: 1000, poor: 30); // 3%: −2

        await JsonAsync(
            await office.Client.PostAsJsonAsync(
                $"/api/v1/plans/{plan}/targets",
                new
                {
                    kind = "rateReduction",
                    name = "Tỷ lệ hộ nghèo toàn thành phố giảm 3 điểm %",
                    baselineYear = 2025,
                    year = 2026,
                    goal = 3,
                }
            ),
            HttpStatusCode.Created
        );
        var province = await TargetAsync(office.Client, plan);
        Assert.Equal(4m, province.GetProperty("achieved").GetDecimal()); // 7.5% → 3.5%
        Assert.Equal("done", province.GetProperty("state").GetString());

        var plan2 = await app.Given().Plan(office.Client, HaNoi, "7/KH-GN");
        await JsonAsync(
            await office.Client.PostAsJsonAsync(
                $"/api/v1/plans/{plan2}/targets",
                new
                {
                    kind = "rateReduction",
                    name = "Mỗi xã giảm ít nhất 3 điểm %",
                    baselineYear = 2025,
                    year = 2026,
                    goal = 3,
                    scope = "perCommune",
                    communes = new[] { new { code = SocSon }, new { code = "00382" } },
                }
            ),
            HttpStatusCode.Created
        );
        var each = await TargetAsync(office.Client, plan2);
        Assert.Equal(1m, each.GetProperty("achieved").GetDecimal());
        Assert.Equal(2m, each.GetProperty("goal").GetDecimal());
        Assert.Equal("behind", each.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_rate_target_without_a_baseline_with_its_year_not_after_it_or_with_points_out_of_range_is_refused_and_nothing_is_added()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: HaNoi);
        var plan = await app.Given().Plan(office.Client, HaNoi, "8/KH-GN");

        async Task RefusedAsync(object target, string field, string words)
        {
            var problem = await ProblemAssert.IsProblemAsync(
                await office.Client.PostAsJsonAsync($"/api/v1/plans/{plan}/targets", target),
                HttpStatusCode.BadRequest
            );
            Assert.Contains(words, problem.GetRawText());
            Assert.Contains($"\"{field}\"", problem.GetRawText());
        }

        await RefusedAsync(
            new
            {
                kind = "rateReduction",
                name = "Giảm nghèo",
                year = 2026,
                goal = 3,
            },
            "baselineYear",
            "Phải nhập năm gốc"
        );
        await RefusedAsync(
            new
            {
                kind = "rateReduction",
                name = "Giảm nghèo",
                baselineYear = 2026,
                year = 2026,
                goal = 3,
            },
            "year",
            "phải sau năm gốc (2026)"
        );
        await RefusedAsync(
            new
            {
                kind = "rateReduction",
                name = "Giảm nghèo",
                baselineYear = 2025,
                year = 2026,
                goal = 120,
            },
            "goal",
            "không quá 100 điểm phần trăm"
        );
        await RefusedAsync(
            new
            {
                kind = "rateReduction",
                name = "Giảm nghèo",
                baselineYear = 2025,
                year = 2026,
                goal = 3,
                scope = "perCommune",
            },
            "communes",
            "phải có danh sách xã"
        );
        var view = await JsonAsync(await office.Client.GetAsync($"/api/v1/plans/{plan}"));
        Assert.Equal(0, view.GetProperty("targets").GetArrayLength());
    }

    [Fact]
    public async Task The_province_summary_counts_the_production_support_projects_escaped_households_against_their_beneficiaries()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: "15");
        await Money.ProjectsApiTests.CreateAsync(office.Client, Money.ProjectsApiTests.Project()); // 2024–2025: 40 poor households, 12 escaped
        var other = Money.ProjectsApiTests.Project("Nuôi ong lấy mật");
        other["beneficiaries"] = new
        {
            households = 50,
            poor = 20,
            nearPoor = 10,
            escapedPoverty = 15,
        };
        await Money.ProjectsApiTests.CreateAsync(office.Client, other);
        var noFigures = Money.ProjectsApiTests.Project("Trồng quế (chưa ghi hộ thoát nghèo)");
        noFigures["beneficiaries"] = null;
        await Money.ProjectsApiTests.CreateAsync(office.Client, noFigures);

        var support = (await JsonAsync(await office.Client.GetAsync("/api/v1/provinces/15/years/2025/poverty"))).GetProperty(
            "productionSupport"
        );
        Assert.Equal(3, support.GetProperty("projects").GetInt32());
        Assert.Equal(60, support.GetProperty("beneficiaries").GetInt64());
        Assert.Equal(27, support.GetProperty("escaped").GetInt64());
        Assert.Equal(45m, support.GetProperty("escapedShare").GetDecimal());
        Assert.Equal(1, support.GetProperty("withoutFigures").GetInt32());
        var later = (await JsonAsync(await office.Client.GetAsync("/api/v1/provinces/15/years/2026/poverty"))).GetProperty(
            "productionSupport"
        );
        Assert.Equal(0, later.GetProperty("projects").GetInt32()); // the projects ended in 2025

        var page = WebUtility.HtmlDecode(await office.Client.GetStringAsync("/tinh/15/ngheo?nam=2025"));
        Assert.Contains("3 dự án; 60 hộ nghèo hưởng lợi", page);
        Assert.Contains("27 hộ đã thoát nghèo (45", page);
        Assert.Contains(
            "Chưa có dự án hỗ trợ phát triển sản xuất nào",
            WebUtility.HtmlDecode(await office.Client.GetStringAsync("/tinh/15/ngheo?nam=2026"))
        );
    }
}
