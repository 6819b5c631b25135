using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;
using Mtqg.Web.Tests.Money;

namespace Mtqg.Web.Tests.Closing;

/// <summary>
/// Closing a province-year (DESIGN §13, issue 16 item 1): the coordination office closes values, poverty results or money;
/// every write to a closed part — API or upload — answers 423 naming who closed it and when and writes nothing; other
/// parts and other years stay open; reopening needs a reason; both steps are in the audit trail.
/// </summary>
public sealed class ClosingApiTests
{
    private const string LaoCai = "15",
        BaoHa = "02989";

    internal static string Close(int year, string province = LaoCai) => $"/api/v1/provinces/{province}/years/{year}/close";

    internal static string Reopen(int year, string province = LaoCai) => $"/api/v1/provinces/{province}/years/{year}/reopen";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A 423 whose message names the closed part, the person who closed it and the year.</summary>
    private static async Task LockedAsync(HttpResponseMessage response, string part, string by, int year)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Locked);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"{part} năm {year}", detail);
        Assert.Contains("đã khóa sổ lúc", detail);
        Assert.Contains(by, detail);
    }

    private static MultipartFormDataContent File() => new() { { new ByteArrayContent([0x50, 0x4b, 3, 4]), "file", "tep.xlsx" } };

    [Fact]
    public async Task Closed_values_refuse_the_commune_officers_save_and_the_province_upload_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var set = await given.IllustrativeCriteriaSet();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai, userName: "vpdp.laocai");
        var officer = await given.Account(Roles.Commune, unit: BaoHa);
        await given.Values(officer.Client, BaoHa, 2026, set, new Dictionary<string, object> { ["1.2"] = 90m });

        var state = await JsonAsync(
            await office.Client.PostAsJsonAsync(Close(2026), new { parts = new[] { "values" }, note = "Đã báo cáo năm" })
        );
        var values = state.GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("part").GetString() == "values");
        Assert.True(values.GetProperty("closed").GetBoolean());
        Assert.Equal("Đã báo cáo năm", values.GetProperty("note").GetString());
        var by = values.GetProperty("closedBy").GetString()!;

        await LockedAsync(
            await officer.Client.PutAsJsonAsync(
                $"/api/v1/communes/{BaoHa}/years/2026/values?set={set}",
                new { values = new Dictionary<string, object> { ["1.2"] = 100m } }
            ),
            "Số liệu tiêu chí",
            by,
            2026
        );
        await LockedAsync(
            await office.Client.PostAsync($"/api/v1/provinces/{LaoCai}/years/2026/workbook?set={set}", File()),
            "Số liệu tiêu chí",
            by,
            2026
        );
        var card = await officer.Client.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{BaoHa}/years/2026/scorecard?set={set}");
        var stored = card.GetProperty("criteria")
            .EnumerateArray()
            .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == "1.2");
        Assert.Equal(90m, stored.GetProperty("value").GetDecimal());

        // Another year and another part stay open.
        await given.Values(officer.Client, BaoHa, 2025, set, new Dictionary<string, object> { ["1.2"] = 95m });
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await officer.Client.PutAsJsonAsync(
                    $"/api/v1/communes/{BaoHa}/years/2026/poverty",
                    new
                    {
                        households = 100,
                        poor = 5,
                        nearPoor = 3,
                    }
                )
            ).StatusCode
        );
    }

    [Fact]
    public async Task Closed_poverty_refuses_entry_approval_and_the_province_workbook()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        var officer = await given.Account(Roles.Commune, unit: BaoHa);
        var url = $"/api/v1/communes/{BaoHa}/years/2025/poverty";
        await JsonAsync(
            await officer.Client.PutAsJsonAsync(
                url,
                new
                {
                    households = 1000,
                    poor = 80,
                    nearPoor = 60,
                }
            )
        );
        var by = (await JsonAsync(await office.Client.PostAsJsonAsync(Close(2025), new { parts = new[] { "poverty" } })))
            .GetProperty("parts")[1]
            .GetProperty("closedBy")
            .GetString()!;

        await LockedAsync(
            await officer.Client.PutAsJsonAsync(
                url,
                new
                {
                    households = 1000,
                    poor = 70,
                    nearPoor = 60,
                }
            ),
            "Kết quả rà soát hộ nghèo",
            by,
            2025
        );
        await LockedAsync(await office.Client.PostAsync($"{url}/approve", null), "Kết quả rà soát hộ nghèo", by, 2025);
        await LockedAsync(
            await office.Client.PostAsync($"/api/v1/provinces/{LaoCai}/years/2025/poverty", File()),
            "Kết quả rà soát hộ nghèo",
            by,
            2025
        );
        var read = await JsonAsync(await officer.Client.GetAsync(url));
        Assert.Equal(80, read.GetProperty("poor").GetInt32());
        Assert.Equal("draft", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Closed_money_refuses_the_capital_plan_allocation_disbursement_and_contributions()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        var officer = await given.Account(Roles.Commune, unit: BaoHa);
        var year = DisbursementApiTests.Year;
        var id = await ProjectsApiTests.CreateAsync(office.Client, DisbursementApiTests.ProjectOfLastYear("Đường nội đồng thôn Bảo Hà"));
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await DisbursementApiTests.Allocate(office.Client, id, year, ("central-investment", 1_000_000_000L))).StatusCode
        );
        var by = (await JsonAsync(await office.Client.PostAsJsonAsync(Close(year), new { parts = new[] { "money" } })))
            .GetProperty("parts")[2]
            .GetProperty("closedBy")
            .GetString()!;

        const string money = "Vốn và giải ngân";
        await LockedAsync(
            await DisbursementApiTests.Allocate(office.Client, id, year, ("central-investment", 2_000_000_000L)),
            money,
            by,
            year
        );
        await LockedAsync(
            await DisbursementApiTests.Disburse(office.Client, id, $"{year}-03", null, ("central-investment", 100_000_000L)),
            money,
            by,
            year
        );
        await LockedAsync(
            await office.Client.PutAsJsonAsync(
                $"/api/v1/provinces/{LaoCai}/years/{year}/capital",
                new
                {
                    rows = new[]
                    {
                        new
                        {
                            programme = "ntm-2021-2025",
                            source = "local",
                            amount = 5_000_000L,
                        },
                    },
                }
            ),
            money,
            by,
            year
        );
        await LockedAsync(await office.Client.PostAsync($"/api/v1/provinces/{LaoCai}/years/{year}/capital", File()), money, by, year);
        await LockedAsync(await office.Client.PostAsync($"/api/v1/provinces/{LaoCai}/disbursements/{year}-03", File()), money, by, year);
        await LockedAsync(
            await officer.Client.PutAsJsonAsync($"/api/v1/communes/{BaoHa}/years/{year}/contributions", new { cash = 1_000_000L }),
            money,
            by,
            year
        );
        Assert.Equal(0, await DisbursementApiTests.StoredAsync(app, id));
        // The next year is still open.
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await DisbursementApiTests.Allocate(office.Client, id, year + 1, ("local", 5_000_000L))).StatusCode
        );
    }

    [Fact]
    public async Task Reopening_needs_a_reason_and_the_trail_keeps_both_steps()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        var officer = await given.Account(Roles.Commune, unit: BaoHa);
        var url = $"/api/v1/communes/{BaoHa}/years/2025/poverty";
        await JsonAsync(await office.Client.PostAsJsonAsync(Close(2025), new { parts = new[] { "poverty", "money" } }));

        var noReason = await ProblemAssert.IsProblemAsync(
            await office.Client.PostAsJsonAsync(Reopen(2025), new { parts = new[] { "poverty" }, reason = "  " }),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("Lý do mở lại", ProblemAssert.Errors(noReason, "reason")[0]);
        await ProblemAssert.IsProblemAsync(
            await office.Client.PostAsJsonAsync(Close(2025), new { parts = new[] { "poverty" } }),
            HttpStatusCode.Conflict
        );
        var reopened = await JsonAsync(
            await office.Client.PostAsJsonAsync(Reopen(2025), new { parts = new[] { "poverty" }, reason = "Xã Bảo Hà bổ sung số hộ" })
        );
        var poverty = reopened.GetProperty("parts")[1];
        Assert.False(poverty.GetProperty("closed").GetBoolean());
        Assert.Equal("Xã Bảo Hà bổ sung số hộ", poverty.GetProperty("reopenReason").GetString());
        Assert.True(reopened.GetProperty("parts")[2].GetProperty("closed").GetBoolean()); // money stays closed
        await JsonAsync(
            await officer.Client.PutAsJsonAsync(
                url,
                new
                {
                    households = 1000,
                    poor = 80,
                    nearPoor = 60,
                }
            )
        );
        await ProblemAssert.IsProblemAsync(
            await office.Client.PostAsJsonAsync(Reopen(2025), new { parts = new[] { "poverty" }, reason = "lần nữa" }),
            HttpStatusCode.Conflict
        );

        using var scope = app.Services.CreateScope();
        var trail = await app.Db(scope)
            .AuditEntries.Where(e => e.Entity == "ClosedPeriod" && e.UnitCode == LaoCai && e.Year == 2025)
            .OrderBy(e => e.Id)
            .ToListAsync();
        Assert.Contains(trail, e =>
            e.Action == "create" && e.NewValue!.Contains("Phần số liệu: poverty") && e.NewValue.Contains("Đã khóa sổ: true")
        );
        Assert.Contains(trail, e => e.Action == "update" && e.NewValue!.Contains("Lý do mở lại: Xã Bảo Hà bổ sung số hộ"));
    }

    [Fact]
    public async Task Only_the_provinces_office_closes_and_bad_parts_and_years_are_named()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = await given.Account(Roles.Coordinator, unit: LaoCai);
        var hanoi = await given.Account(Roles.Coordinator, unit: "01");
        var officer = await given.Account(Roles.Commune, unit: BaoHa);
        var appraiser = await given.Account(Roles.Appraiser, unit: LaoCai, sector: "SXD");
        var body = new { parts = new[] { "values" } };

        await ProblemAssert.IsProblemAsync(await hanoi.Client.PostAsJsonAsync(Close(2026), body), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await officer.Client.PostAsJsonAsync(Close(2026), body), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await appraiser.Client.PostAsJsonAsync(Close(2026), body), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await hanoi.Client.GetAsync(Close(2026)), HttpStatusCode.Forbidden);
        var state = await JsonAsync(await appraiser.Client.GetAsync(Close(2026)));
        Assert.False(state.GetProperty("canChange").GetBoolean());
        Assert.Equal(
            ["values", "poverty", "money"],
            state.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("part").GetString())
        );

        var bad = await ProblemAssert.IsProblemAsync(
            await office.Client.PostAsJsonAsync(Close(2026), new { parts = new[] { "values", "plans" } }),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("\"plans\"", ProblemAssert.Errors(bad, "parts[1]")[0]);
        var none = await ProblemAssert.IsProblemAsync(
            await office.Client.PostAsJsonAsync(Close(2026), new { parts = Array.Empty<string>() }),
            HttpStatusCode.BadRequest
        );
        Assert.NotEmpty(ProblemAssert.Errors(none, "parts"));
        await ProblemAssert.IsProblemAsync(await office.Client.PostAsJsonAsync(Close(10000), body), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await office.Client.PostAsJsonAsync(Close(2026, "99"), body), HttpStatusCode.NotFound);
        // Nothing was closed by the refused requests.
        var after = await JsonAsync(await office.Client.GetAsync(Close(2026)));
        Assert.All(after.GetProperty("parts").EnumerateArray(), p => Assert.False(p.GetProperty("closed").GetBoolean()));
    }
}
