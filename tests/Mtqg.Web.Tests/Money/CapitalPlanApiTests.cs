using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Money;

/// <summary>
/// A province's capital plan for a year (DESIGN §11, issue 14 item 2): replaced whole, each replacement kept as a
/// version, totals by source and programme; every bad row named with nothing written; access by province.
/// </summary>
public sealed class CapitalPlanApiTests
{
    private const string LaoCai = "15",
        BaoHa = "02989",
        SocSon = "00376";

    private const string Url = "/api/v1/provinces/15/years/2025/capital";

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    internal static object Plan(params object[] rows) => new { rows };

    [Fact]
    public async Task A_plan_replaced_twice_keeps_both_versions_and_gives_the_totals_by_source_and_programme()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);

        var empty = await JsonAsync(await office.Client.GetAsync(Url));
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("version").ValueKind);
        Assert.Equal(0, empty.GetProperty("totals").GetProperty("total").GetInt64());

        var first = await JsonAsync(
            await office.Client.PutAsJsonAsync(
                Url,
                Plan(
                    new
                    {
                        programme = "ntm-2021-2025",
                        component = "1",
                        source = "central-investment",
                        amount = 5_000_000_000L,
                    },
                    new
                    {
                        programme = "ntm-2021-2025",
                        source = "local",
                        communeCode = BaoHa,
                        amount = 1_250_000_000L,
                    },
                    new
                    {
                        programme = "gnbv-2021-2025",
                        component = "2",
                        source = "central-investment",
                        amount = 800_000_000L,
                    }
                )
            )
        );
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.EndsWith("Z", first.GetProperty("at").GetString()); // when, in UTC on both databases
        var totals = first.GetProperty("totals");
        Assert.Equal(7_050_000_000L, totals.GetProperty("total").GetInt64());
        Assert.Equal(5_800_000_000L, totals.GetProperty("bySource").GetProperty("central-investment").GetInt64());
        Assert.Equal(1_250_000_000L, totals.GetProperty("bySource").GetProperty("local").GetInt64());
        Assert.Equal(6_250_000_000L, totals.GetProperty("byProgramme").GetProperty("ntm-2021-2025").GetInt64());
        Assert.Equal(BaoHa, first.GetProperty("rows")[1].GetProperty("communeCode").GetString());

        // An adjustment during the year: a new version; the first is still there.
        var second = await JsonAsync(
            await office.Client.PutAsJsonAsync(
                Url,
                Plan(
                    new
                    {
                        programme = "ntm-2021-2025",
                        component = "1",
                        source = "central-investment",
                        amount = 6_000_000_000L,
                    }
                )
            )
        );
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal(6_000_000_000L, second.GetProperty("totals").GetProperty("total").GetInt64());
        var versions = (await JsonAsync(await office.Client.GetAsync($"{Url}/versions"))).EnumerateArray().ToList();
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(7_050_000_000L, versions[1].GetProperty("total").GetInt64());
        Assert.False(string.IsNullOrEmpty(versions[1].GetProperty("by").GetString()));
        var older = await JsonAsync(await office.Client.GetAsync($"{Url}?version=1"));
        Assert.Equal(3, older.GetProperty("rows").GetArrayLength());
        Assert.Equal(2, (await JsonAsync(await office.Client.GetAsync(Url))).GetProperty("version").GetInt32());

        // Province's appraisers and viewers read it.
        var viewer = await app.Given().Account(Roles.Viewer, unit: LaoCai);
        Assert.Equal(
            6_000_000_000L,
            (await JsonAsync(await viewer.Client.GetAsync(Url))).GetProperty("totals").GetProperty("total").GetInt64()
        );
    }

    [Fact]
    public async Task Every_bad_row_is_named_by_its_index_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        await JsonAsync(
            await office.Client.PutAsJsonAsync(
                Url,
                Plan(
                    new
                    {
                        programme = "ntm-2021-2025",
                        source = "local",
                        amount = 100L,
                    }
                )
            )
        );

        var problem = await ProblemAssert.IsProblemAsync(
            await office.Client.PutAsJsonAsync(
                Url,
                Plan(
                    new
                    {
                        programme = "ntm-2021-2025",
                        source = "local",
                        amount = 1L,
                    }, // fine
                    new
                    {
                        programme = "mtqg-2026-2035",
                        source = "local",
                        amount = 1L,
                    }, // not valid in 2025
                    new
                    {
                        programme = "ntm-2021-2025",
                        component = "99",
                        source = "local",
                        amount = 1L,
                    },
                    new
                    {
                        programme = "ntm-2021-2025",
                        source = "ngan-sach-khac",
                        amount = 1L,
                    },
                    new
                    {
                        programme = "ntm-2021-2025",
                        source = "credit",
                        communeCode = SocSon,
                        amount = 1L,
                    },
                    new
                    {
                        programme = "ntm-2021-2025",
                        source = "community",
                        amount = -5L,
                    },
                    new
                    {
                        programme = "khong-co",
                        source = "local",
                        amount = 1L,
                    }
                )
            ),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("2026–2035", ProblemAssert.Errors(problem, "rows[1].programme")[0]);
        Assert.Contains("99", ProblemAssert.Errors(problem, "rows[2].component")[0]);
        Assert.Contains("ngan-sach-khac", ProblemAssert.Errors(problem, "rows[3].source")[0]);
        Assert.Contains(SocSon, ProblemAssert.Errors(problem, "rows[4].communeCode")[0]);
        Assert.Contains("âm", ProblemAssert.Errors(problem, "rows[5].amount")[0]);
        Assert.Contains("khong-co", ProblemAssert.Errors(problem, "rows[6].programme")[0]);
        Assert.False(problem.GetProperty("errors").TryGetProperty("rows[0].programme", out _));

        // A fractional amount is refused as well.
        await ProblemAssert.IsProblemAsync(
            await office.Client.PutAsJsonAsync(
                Url,
                Plan(
                    new
                    {
                        programme = "ntm-2021-2025",
                        source = "local",
                        amount = 1.5,
                    }
                )
            ),
            HttpStatusCode.BadRequest
        );

        var plan = await JsonAsync(await office.Client.GetAsync(Url));
        Assert.Equal(1, plan.GetProperty("version").GetInt32());
        Assert.Equal(100L, plan.GetProperty("totals").GetProperty("total").GetInt64());
        Assert.Single((await JsonAsync(await office.Client.GetAsync($"{Url}/versions"))).EnumerateArray());
    }

    [Fact]
    public async Task Another_provinces_coordinator_neither_reads_nor_writes_the_plan()
    {
        await using var app = await MtqgApp.StartAsync();
        var hanoi = await app.Given().Account(Roles.Coordinator, unit: "01");
        var laoCaiAppraiser = await app.Given().Account(Roles.Appraiser, unit: LaoCai, sector: "SXD");
        var body = Plan(
            new
            {
                programme = "ntm-2021-2025",
                source = "local",
                amount = 1L,
            }
        );

        await ProblemAssert.IsProblemAsync(await hanoi.Client.GetAsync(Url), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await hanoi.Client.PutAsJsonAsync(Url, body), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await hanoi.Client.GetAsync($"{Url.Replace("/capital", "/capital.xlsx")}")).StatusCode);
        // The province's appraiser reads but does not write.
        await JsonAsync(await laoCaiAppraiser.Client.GetAsync(Url));
        await ProblemAssert.IsProblemAsync(await laoCaiAppraiser.Client.PutAsJsonAsync(Url, body), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(Url)).StatusCode);
        await ProblemAssert.IsProblemAsync(
            await (await app.Given().Administrator()).GetAsync("/api/v1/provinces/99/years/2025/capital"),
            HttpStatusCode.NotFound
        );
    }
}
