using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Poverty;

/// <summary>PovertyApiTests, continued: access, and communes formed by the reform.</summary>
public sealed partial class PovertyApiTests
{
    [Fact]
    public async Task Another_province_and_another_commune_are_refused_and_the_province_reads()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        await JsonAsync(
            await office.Client.PutAsJsonAsync(
                Url(BaoHa, 2025),
                new
                {
                    households = 1000,
                    poor = 80,
                    nearPoor = 60,
                }
            )
        );

        var hanoi = await app.Given().Account(Roles.Coordinator, unit: "01");
        await ProblemAssert.IsProblemAsync(await hanoi.Client.GetAsync(Url(BaoHa, 2025)), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(
            await hanoi.Client.PutAsJsonAsync(
                Url(BaoHa, 2025),
                new
                {
                    households = 1,
                    poor = 0,
                    nearPoor = 0,
                }
            ),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(
            await hanoi.Client.PostAsJsonAsync($"{Url(BaoHa, 2025)}/approve", new { }),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(
            await hanoi.Client.GetAsync("/api/v1/provinces/15/years/2025/poverty"),
            HttpStatusCode.Forbidden
        );

        var other = await app.Given().Account(Roles.Commune, unit: SocSon);
        await ProblemAssert.IsProblemAsync(
            await other.Client.PutAsJsonAsync(
                Url(BaoHa, 2025),
                new
                {
                    households = 1,
                    poor = 0,
                    nearPoor = 0,
                }
            ),
            HttpStatusCode.Forbidden
        );
        await ProblemAssert.IsProblemAsync(await other.Client.GetAsync(Url(BaoHa, 2025)), HttpStatusCode.Forbidden);

        var viewer = await app.Given().Account(Roles.Viewer, unit: LaoCai);
        Assert.Equal(80, (await JsonAsync(await viewer.Client.GetAsync(Url(BaoHa, 2025)))).GetProperty("poor").GetInt32());
        await ProblemAssert.IsProblemAsync(
            await viewer.Client.PutAsJsonAsync(
                Url(BaoHa, 2025),
                new
                {
                    households = 1,
                    poor = 0,
                    nearPoor = 0,
                }
            ),
            HttpStatusCode.Forbidden
        );
        await JsonAsync(await viewer.Client.GetAsync("/api/v1/provinces/15/years/2025/poverty"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(Url(BaoHa, 2025))).StatusCode);
    }

    [Fact]
    public async Task The_province_summary_compares_a_new_commune_with_the_sum_of_the_communes_it_was_formed_from()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        async Task Approved(string commune, int year, int households, int poor, int nearPoor)
        {
            await JsonAsync(
                await office.Client.PutAsJsonAsync(
                    Url(commune, year),
                    new
                    {
                        households,
                        poor,
                        nearPoor,
                    }
                )
            );
            await JsonAsync(await office.Client.PostAsJsonAsync($"{Url(commune, year)}/approve", new { }));
        }

        // New Xã Bảo Hà (02989) was formed whole from five old communes: Kim Sơn, Cam Cọn, old Bảo Hà, Tân Thượng, Tân An.
        await Approved(BaoHa, 2025, 4000, 300, 200);
        await Approved("02971", 2024, 1000, 100, 50);
        await Approved("02974", 2024, 500, 50, 20);
        await Approved("02989", 2024, 1500, 120, 60);
        await Approved("03070", 2024, 800, 90, 40);

        var partial = await JsonAsync(await office.Client.GetAsync("/api/v1/provinces/15/years/2025/poverty"));
        var row = partial.GetProperty("communes").EnumerateArray().Single(c => c.GetProperty("code").GetString() == BaoHa);
        Assert.Equal(7.5m, row.GetProperty("povertyRate").GetDecimal());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("previousRate").ValueKind);
        Assert.Contains("03079", row.GetProperty("previousNote").GetString()); // Tân An's 2024 result is missing: said, not guessed

        await Approved("03079", 2024, 200, 40, 10);
        var summary = await JsonAsync(await office.Client.GetAsync("/api/v1/provinces/15/years/2025/poverty"));
        row = summary.GetProperty("communes").EnumerateArray().Single(c => c.GetProperty("code").GetString() == BaoHa);
        Assert.Equal(10m, row.GetProperty("previousRate").GetDecimal()); // 400 / 4000
        Assert.Equal(-2.5m, row.GetProperty("change").GetDecimal());
        Assert.Equal("approved", row.GetProperty("status").GetString());

        Assert.Equal(4000, summary.GetProperty("households").GetInt64());
        Assert.Equal(7.5m, summary.GetProperty("povertyRate").GetDecimal());
        Assert.Equal(5m, summary.GetProperty("nearPovertyRate").GetDecimal());
        Assert.Equal(10m, summary.GetProperty("previousRate").GetDecimal()); // the old communes of the provinces that formed Lào Cai
        Assert.Equal(-2.5m, summary.GetProperty("change").GetDecimal());
        Assert.Equal(1, summary.GetProperty("approved").GetInt32());
        Assert.True(summary.GetProperty("communeCount").GetInt32() > 50);
        var other = summary.GetProperty("communes").EnumerateArray().First(c => c.GetProperty("code").GetString() != BaoHa);
        Assert.Equal(JsonValueKind.Null, other.GetProperty("status").ValueKind);
        Assert.Equal(JsonValueKind.Null, other.GetProperty("povertyRate").ValueKind);
    }

    [Fact]
    public async Task A_commune_formed_with_part_of_a_split_commune_says_that_its_previous_year_cannot_be_computed()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        // Phường Ngọc Hà (00008) took part of Phường Cống Vị (00007), which was split; the mapping gives no share.
        await JsonAsync(
            await admin.PutAsJsonAsync(
                Url("00007", 2024),
                new
                {
                    households = 2000,
                    poor = 10,
                    nearPoor = 5,
                }
            )
        );
        await JsonAsync(await admin.PostAsJsonAsync($"{Url("00007", 2024)}/approve", new { }));
        await JsonAsync(
            await admin.PutAsJsonAsync(
                Url("00008", 2025),
                new
                {
                    households = 5000,
                    poor = 20,
                    nearPoor = 10,
                }
            )
        );
        await JsonAsync(await admin.PostAsJsonAsync($"{Url("00008", 2025)}/approve", new { }));
        var summary = await JsonAsync(await admin.GetAsync("/api/v1/provinces/01/years/2025/poverty"));
        var row = summary.GetProperty("communes").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "00008");
        Assert.Equal(0.4m, row.GetProperty("povertyRate").GetDecimal());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("previousRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("change").ValueKind);
        Assert.Contains("tỷ lệ chia", row.GetProperty("previousNote").GetString());
    }
}
