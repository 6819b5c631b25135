using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Closing;

/// <summary>
/// Hostile input on closing and the reporting calendar (issue 16 with issue 18's rules): NUL, huge, wrong-typed and
/// duplicate-key bodies are a Vietnamese 400, never a 500, and write nothing; writers racing on the same close or the
/// same calendar entry have exactly one winner.
/// </summary>
public sealed class ClosingHostileInputTests
{
    private const string Close = "/api/v1/provinces/15/years/2026/close";
    private const string Calendar = "/api/v1/provinces/15/years/2026/report-calendar";

    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Malformed_bodies_are_refused_in_Vietnamese_and_nothing_is_closed_or_added()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await app.Given().Account(Roles.Coordinator, unit: "15")).Client;
        string[] bodies =
        [
            """{"parts":["values"],"note":"a\u0000b"}""",
            $$"""{"parts":["values"],"note":"{{new string('x', 100_000)}}"}""",
            """{"parts":"values"}""",
            """{"parts":[null]}""",
            """{"parts":[1,2]}""",
            """{"parts":["values"],"parts":["money"]}""",
            """{"parts":["values\u0000"]}""",
            "{",
            "",
        ];
        foreach (var body in bodies)
        {
            var response = await office.PostAsync(Close, Raw(body));
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Matches("[ạảãáàâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữíìịỉĩýỳỵỷỹóòọỏõúùụủũéèẹẻẽ]", problem.ToString());
        }
        string[] entries =
        [
            """{"report":"money","dueOn":"2026-13-45"}""",
            """{"report":"mo\u0000ney","dueOn":"2026-12-31"}""",
            """{"report":"money","dueOn":"2026-12-31","note":"n\u0000"}""",
            """{"report":["money"],"dueOn":"2026-12-31"}""",
            """{"report":"money","half":"một","dueOn":"2026-12-31"}""",
            """{"report":"money","half":99999999999,"dueOn":"2026-12-31"}""",
        ];
        foreach (var body in entries)
            await ProblemAssert.IsProblemAsync(await office.PostAsync(Calendar, Raw(body)), HttpStatusCode.BadRequest);

        var state = JsonDocument.Parse(await office.GetStringAsync(Close)).RootElement;
        Assert.All(state.GetProperty("parts").EnumerateArray(), p => Assert.False(p.GetProperty("closed").GetBoolean()));
        Assert.Empty(JsonDocument.Parse(await office.GetStringAsync(Calendar)).RootElement.GetProperty("deadlines").EnumerateArray());
        // A long list naming the same part many times closes it once.
        var many = await office.PostAsJsonAsync(Close, new { parts = Enumerable.Repeat("money", 5_000) });
        Assert.Equal(HttpStatusCode.OK, many.StatusCode);
    }

    [Fact]
    public async Task Offices_racing_to_close_the_same_part_or_add_the_same_report_have_one_winner()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
            clients.Add((await given.Account(Roles.Coordinator, unit: "15")).Client);

        var closes = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync(Close, new { parts = new[] { "poverty" } })));
        var bodies = await Task.WhenAll(closes.Select(r => r.Content.ReadAsStringAsync()));
        Assert.True(closes.Count(r => r.StatusCode == HttpStatusCode.OK) == 1, string.Join("\n", bodies));
        Assert.All(closes.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));

        var adds = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync(Calendar, new { report = "poverty", dueOn = "2026-12-31" })));
        Assert.Equal(1, adds.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(adds.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));

        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        Assert.Equal(
            1,
            await db.ClosedPeriods.CountAsync(c => c.ProvinceCode == "15" && c.Year == 2026 && c.Part == "poverty" && c.IsClosed)
        );
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Entity == "ClosedPeriod" && e.Year == 2026 && e.Action == "create"));
        Assert.Equal(1, await db.ReportDeadlines.CountAsync(d => d.ProvinceCode == "15" && d.Year == 2026));
    }
}
