using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Domain.Common;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Money.CapitalPlanApiTests;
using static Mtqg.Web.Tests.Money.ProjectsApiTests;

namespace Mtqg.Web.Tests.Money;

/// <summary>
/// Allocation and monthly cumulative disbursement of a project (issue 14 item 4) and the disbursement summaries (item 6):
/// every refusal named with nothing written, corrections kept with who and why, figures computed from what the test entered.
/// </summary>
public sealed class DisbursementApiTests
{
    // Last year: every month of it has passed (decision 0012, tests follow the calendar).
    internal static readonly int Year = VietnamTime.Today(DateTime.UtcNow).Year - 1;

    internal static Dictionary<string, object?> ProjectOfLastYear(string name, string commune = BaoHa)
    {
        var project = Project(name);
        (project["startYear"], project["endYear"], project["programme"], project["component"]) = (Year - 1, Year + 1, "ntm-2021-2025", "1");
        (project["investor"], project["communes"]) = (new { communeCode = commune }, new[] { commune });
        return project;
    }

    private static object Amounts(string key, params (string Source, long Amount)[] rows) =>
        new Dictionary<string, object> { [key] = rows.Select(r => new { source = r.Source, amount = r.Amount }).ToArray() };

    internal static Task<HttpResponseMessage> Allocate(HttpClient client, int id, int year, params (string, long)[] rows) =>
        client.PutAsJsonAsync($"/api/v1/projects/{id}/years/{year}", Amounts("allocated", rows));

    internal static Task<HttpResponseMessage> Disburse(
        HttpClient client,
        int id,
        string month,
        string? correction,
        params (string, long)[] rows
    )
    {
        var body = (Dictionary<string, object>)Amounts("disbursed", rows);
        if (correction is not null)
            body["correction"] = correction;
        return client.PutAsJsonAsync($"/api/v1/projects/{id}/disbursements/{month}", body);
    }

    internal static async Task<long> StoredAsync(MtqgApp app, int id)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).ProjectDisbursements.Where(d => d.ProjectId == id).SumAsync(d => d.Cumulative);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field, string says)
    {
        var refused = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty(field, out var messages), refused.ToString());
        Assert.Contains(says, messages[0].GetString());
    }

    [Fact]
    public async Task Disbursement_above_allocation_in_a_future_month_or_going_down_without_a_reason_is_refused_and_nothing_written()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        var id = await CreateAsync(office.Client, ProjectOfLastYear("Đường nội đồng thôn Bảo Hà"));
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await Allocate(office.Client, id, Year, ("central-investment", 800_000_000L), ("local", 200_000_000L))).StatusCode
        );

        var m03 = $"{Year}-03";
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await Disburse(office.Client, id, m03, null, ("central-investment", 300_000_000L))).StatusCode
        );
        var before = await StoredAsync(app, id);

        // Above the source's allocation of the year.
        await AssertRefusedAsync(
            await Disburse(office.Client, id, $"{Year}-04", null, ("local", 200_000_001L)),
            "disbursed[0].amount",
            "vượt vốn giao"
        );
        // A source with no allocation at all.
        await AssertRefusedAsync(
            await Disburse(office.Client, id, $"{Year}-04", null, ("credit", 1L)),
            "disbursed[0].amount",
            "vượt vốn giao"
        );
        // A month still to come.
        var next = VietnamTime.Today(DateTime.UtcNow).AddMonths(1);
        await AssertRefusedAsync(await Disburse(office.Client, id, $"{next:yyyy-MM}", null, ("local", 1L)), "month", "chưa đến");
        // Lower than March's without a reason.
        await AssertRefusedAsync(
            await Disburse(office.Client, id, $"{Year}-05", null, ("central-investment", 250_000_000L)),
            "disbursed[0].amount",
            "thấp hơn đã báo"
        );
        // Allocation lowered below what was disbursed.
        await AssertRefusedAsync(
            await Allocate(office.Client, id, Year, ("central-investment", 100_000_000L)),
            "allocated[0].amount",
            "đã giải ngân"
        );
        Assert.Equal(before, await StoredAsync(app, id));

        // With a reason the figure goes down, and the correction is kept with who, when and why.
        Assert.Equal(
            HttpStatusCode.NoContent,
            (
                await Disburse(
                    office.Client,
                    id,
                    $"{Year}-05",
                    "Thu hồi tạm ứng khối lượng không đạt",
                    ("central-investment", 250_000_000L)
                )
            ).StatusCode
        );
        var project = await JsonAsync(await office.Client.GetAsync($"/api/v1/projects/{id}"));
        var correction = project.GetProperty("corrections")[0];
        Assert.Equal("Thu hồi tạm ứng khối lượng không đạt", correction.GetProperty("reason").GetString());
        Assert.Equal(300_000_000L, correction.GetProperty("before").GetInt64());
        Assert.Equal(250_000_000L, correction.GetProperty("after").GetInt64());
        Assert.False(string.IsNullOrEmpty(correction.GetProperty("by").GetString()));
        var months = project.GetProperty("years")[0].GetProperty("months");
        Assert.Equal([3, 5], months.EnumerateArray().Select(m => m.GetProperty("month").GetInt32()));
    }

    [Fact]
    public async Task The_province_summary_adds_up_what_was_entered_slowest_project_first_with_null_rate_over_no_allocation()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        var fast = await CreateAsync(office.Client, ProjectOfLastYear("Nhà văn hóa thôn"));
        var slow = await CreateAsync(office.Client, ProjectOfLastYear("Nước sạch liên thôn"));
        var none = await CreateAsync(office.Client, ProjectOfLastYear("Chưa giao vốn"));
        var entered = new Dictionary<(int Project, string Source), long>
        {
            [(fast, "central-investment")] = 600_000_000L,
            [(fast, "local")] = 100_000_000L,
            [(slow, "central-investment")] = 900_000_000L,
        };
        foreach (var group in entered.GroupBy(e => e.Key.Project))
            Assert.Equal(
                HttpStatusCode.NoContent,
                (await Allocate(office.Client, group.Key, Year, [.. group.Select(e => (e.Key.Source, e.Value))])).StatusCode
            );
        // Cumulative by month: fast reaches 500 + 100 by June; slow 100 in February, 300 by September.
        var months = new (int Project, int Month, string Source, long Cumulative)[]
        {
            (fast, 2, "central-investment", 200_000_000L),
            (fast, 6, "central-investment", 500_000_000L),
            (fast, 6, "local", 100_000_000L),
            (slow, 2, "central-investment", 100_000_000L),
            (slow, 9, "central-investment", 300_000_000L),
        };
        foreach (var (project, month, source, cumulative) in months)
            Assert.Equal(
                HttpStatusCode.NoContent,
                (await Disburse(office.Client, project, $"{Year}-{month:00}", null, (source, cumulative))).StatusCode
            );

        var summary = await JsonAsync(await office.Client.GetAsync($"/api/v1/provinces/{LaoCai}/years/{Year}/disbursement"));
        // The year's disbursement of a project-source is its latest cumulative figure.
        var latest = months.GroupBy(m => (m.Project, m.Source)).ToDictionary(g => g.Key, g => g.MaxBy(m => m.Month).Cumulative);
        long allocated = entered.Values.Sum(),
            disbursed = latest.Values.Sum();
        Assert.Equal(allocated, summary.GetProperty("allocated").GetInt64());
        Assert.Equal(disbursed, summary.GetProperty("disbursed").GetInt64());
        Assert.Equal(Rate(disbursed, allocated), summary.GetProperty("rate").GetDecimal());

        var projects = summary.GetProperty("projects").EnumerateArray().ToList();
        Assert.Equal([slow, fast, none], projects.Select(p => p.GetProperty("id").GetInt32()));
        Assert.Equal(JsonValueKind.Null, projects[2].GetProperty("rate").ValueKind);
        Assert.Equal(9, projects[0].GetProperty("lastMonth").GetInt32());
        long Of(int p, IEnumerable<KeyValuePair<(int Project, string Source), long>> rows) =>
            rows.Where(r => r.Key.Project == p).Sum(r => r.Value);
        Assert.Equal(Rate(Of(slow, latest), Of(slow, entered)), projects[0].GetProperty("rate").GetDecimal());

        var bySource = summary.GetProperty("bySource").EnumerateArray().ToDictionary(s => s.GetProperty("code").GetString()!);
        Assert.Equal(latest.Where(l => l.Key.Source == "local").Sum(l => l.Value), bySource["local"].GetProperty("disbursed").GetInt64());
        var programme = summary.GetProperty("byProgramme")[0];
        Assert.Equal("ntm-2021-2025", programme.GetProperty("code").GetString());
        Assert.Equal(disbursed, programme.GetProperty("disbursed").GetInt64());
        Assert.Equal(allocated, summary.GetProperty("byInvestor")[0].GetProperty("allocated").GetInt64());

        // The monthly curve: cumulative at the end of each month, carrying forward a month nobody entered.
        var curve = summary
            .GetProperty("months")
            .EnumerateArray()
            .ToDictionary(m => m.GetProperty("month").GetInt32(), m => m.GetProperty("disbursed").GetInt64());
        Assert.Equal(12, curve.Count);
        Assert.Equal(300_000_000L, curve[2]);
        Assert.Equal(300_000_000L, curve[5]);
        Assert.Equal(700_000_000L, curve[6]);
        Assert.Equal(disbursed, curve[12]);

        // The public national page: the province's totals only.
        var national = await JsonAsync(await app.CreateClient().GetAsync($"/api/v1/years/{Year}/disbursement"));
        var laoCai = national.GetProperty("provinces").EnumerateArray().Single(p => p.GetProperty("code").GetString() == LaoCai);
        Assert.Equal(disbursed, laoCai.GetProperty("disbursed").GetInt64());
        Assert.Equal(Rate(disbursed, allocated), laoCai.GetProperty("rate").GetDecimal());
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await app.CreateClient().GetAsync($"/api/v1/provinces/{LaoCai}/years/{Year}/disbursement")).StatusCode
        );

        // The summaries are reused while nothing changes (decision 0008): a figure entered now shows on the next request.
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await Disburse(office.Client, slow, $"{Year}-11", null, ("central-investment", 450_000_000L))).StatusCode
        );
        var after = await JsonAsync(await office.Client.GetAsync($"/api/v1/provinces/{LaoCai}/years/{Year}/disbursement"));
        Assert.Equal(disbursed + 150_000_000L, after.GetProperty("disbursed").GetInt64());
        Assert.Equal(disbursed + 150_000_000L, after.GetProperty("months")[11].GetProperty("disbursed").GetInt64());
        var nationalAfter = await JsonAsync(await app.CreateClient().GetAsync($"/api/v1/years/{Year}/disbursement"));
        Assert.Equal(
            disbursed + 150_000_000L,
            nationalAfter
                .GetProperty("provinces")
                .EnumerateArray()
                .Single(p => p.GetProperty("code").GetString() == LaoCai)
                .GetProperty("disbursed")
                .GetInt64()
        );
    }

    private static decimal Rate(long part, long whole) => Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    [Fact]
    public async Task An_investor_commune_enters_its_own_project_disbursement_and_not_another_commune_project()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = await app.Given().Account(Roles.Coordinator, unit: LaoCai);
        var own = await CreateAsync(office.Client, ProjectOfLastYear("Dự án của xã Bảo Hà"));
        var theirs = await CreateAsync(office.Client, ProjectOfLastYear("Dự án của xã Hợp Thành", "02680"));
        foreach (var id in new[] { own, theirs })
            await Allocate(office.Client, id, Year, ("local", 100_000_000L));
        var commune = await app.Given().Account(Roles.Commune, unit: BaoHa);
        Assert.Equal(
            HttpStatusCode.NoContent,
            (await Disburse(commune.Client, own, $"{Year}-04", null, ("local", 40_000_000L))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await Disburse(commune.Client, theirs, $"{Year}-04", null, ("local", 40_000_000L))).StatusCode
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await Allocate(commune.Client, own, Year, ("local", 900_000_000L))).StatusCode);
        Assert.Equal(0L, await StoredAsync(app, theirs));
        Assert.Equal(40_000_000L, await StoredAsync(app, own));
    }
}
