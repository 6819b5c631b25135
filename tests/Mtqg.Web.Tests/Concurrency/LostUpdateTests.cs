using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Concurrency;

public sealed class LostUpdateTests
{
    private const string Scorecard = "/api/v1/communes/02989/years/2026/scorecard?set=DEMO-MINH-HOA";
    private const string Values = "/api/v1/communes/02989/years/2026/values?set=DEMO-MINH-HOA";

    /// <summary>Bảo Hà's officer and Lào Cai's office; the illustrative set with two of Bảo Hà's 2026 values entered by the office.</summary>
    private static async Task<(Account Officer, Account Office)> BaoHaWithValuesAsync(MtqgApp app)
    {
        var given = app.Given();
        var office = await given.Account(Roles.Coordinator, unit: "15");
        var set = await given.IllustrativeCriteriaSet();
        await given.Values(office.Client, "02989", 2026, set, new Dictionary<string, object> { ["1.2"] = 70m, ["2.1"] = 90m });
        return (await given.Account(Roles.Commune, unit: "02989"), office);
    }

    private static HttpRequestMessage Put(object values, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Values) { Content = JsonContent.Create(new { values }) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static decimal ValueOf(JsonElement card, string code) =>
        card.GetProperty("criteria")
            .EnumerateArray()
            .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == code)
            .GetProperty("value")
            .GetDecimal();

    [Fact]
    public async Task A_save_refused_inside_its_transaction_leaves_the_next_writer_free_to_save_at_once()
    {
        // A write waits at most 1 s for another; a refused save whose transaction kept the write lock (or the app's queue for
        // it, on SQLite) would make every following save answer 503.
        await using var app = new MtqgApp(
            await TestDatabase.CreateAsync(),
            settings: new Dictionary<string, string> { ["Database:SqliteBusyTimeoutSeconds"] = "1" }
        );
        var (officerAccount, officeAccount) = await BaoHaWithValuesAsync(app);
        var (officer, office) = (officerAccount.Client, officeAccount.Client);
        var etag = (await officer.GetAsync(Scorecard)).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await officer.SendAsync(Put(new Dictionary<string, object> { ["2.1"] = 95m }, etag))).StatusCode);

        for (var i = 0; i < 3; i++)
            await ProblemAssert.IsProblemAsync(
                await office.SendAsync(Put(new Dictionary<string, object> { ["2.1"] = 80m }, etag)),
                HttpStatusCode.PreconditionFailed
            );
        var fresh = (await office.GetAsync(Scorecard)).Headers.ETag!.Tag;
        var saved = await office.SendAsync(Put(new Dictionary<string, object> { ["2.1"] = 81m }, fresh));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(81m, ValueOf(await saved.Content.ReadFromJsonAsync<JsonElement>(), "2.1"));
    }

    [Fact]
    public async Task The_second_of_two_editors_who_loaded_the_same_version_is_refused_and_shown_the_newer_value()
    {
        await using var app = await MtqgApp.StartAsync();
        var (officerAccount, officeAccount) = await BaoHaWithValuesAsync(app);
        var (officer, office) = (officerAccount.Client, officeAccount.Client);

        var loadedByOfficer = await officer.GetAsync(Scorecard);
        var loadedByOffice = await office.GetAsync(Scorecard);
        var etag = loadedByOfficer.Headers.ETag!.Tag;
        Assert.Equal(etag, loadedByOffice.Headers.ETag!.Tag);

        var first = await officer.SendAsync(Put(new Dictionary<string, object> { ["2.1"] = 97.5m }, etag));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(etag, first.Headers.ETag!.Tag);

        var second = await office.SendAsync(Put(new Dictionary<string, object> { ["2.1"] = 80m, ["1.2"] = 60m }, etag));
        var problem = await ProblemAssert.IsProblemAsync(second, HttpStatusCode.PreconditionFailed);
        var current = problem.GetProperty("current").GetProperty("values.2.1").GetString();
        Assert.Contains("97,5", current);
        Assert.Contains(officerAccount.UserName, current);

        var now = await (await office.GetAsync(Scorecard)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(97.5m, ValueOf(now, "2.1"));
        Assert.NotEqual(60m, ValueOf(now, "1.2"));
    }

    [Fact]
    public async Task An_editor_with_the_current_version_saves_and_receives_the_next_version()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await BaoHaWithValuesAsync(app)).Office.Client;
        var etag = (await office.GetAsync(Scorecard)).Headers.ETag!.Tag;
        var saved = await office.SendAsync(Put(new Dictionary<string, object> { ["1.2"] = 91m }, etag));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var again = await office.SendAsync(Put(new Dictionary<string, object> { ["1.2"] = 92m }, saved.Headers.ETag!.Tag));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(92m, ValueOf(await again.Content.ReadFromJsonAsync<JsonElement>(), "1.2"));
    }

    [Fact]
    public async Task Twenty_editors_sending_the_same_version_at_once_have_exactly_one_winner_even_when_they_change_different_indicators()
    {
        await using var app = await MtqgApp.StartAsync();
        var office = (await BaoHaWithValuesAsync(app)).Office.Client;
        var etag = (await office.GetAsync(Scorecard)).Headers.ETag!.Tag;
        string[] percents = ["1.2", "2.1", "2.2", "2.3", "4.1", "4.2", "5.1", "5.3", "6.1", "6.2", "7.1", "7.2", "8.1", "8.2", "9.1"];

        // Each writer changes one indicator no other writer touches (the first five also share one), all from the same version.
        var answers = await Task.WhenAll(
            Enumerable
                .Range(0, 20)
                .Select(i => office.SendAsync(Put(new Dictionary<string, object> { [percents[i % percents.Length]] = 50m + i }, etag)))
        );

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.PreconditionFailed, s));
        var winner = Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.OK);
        var now = await (await office.GetAsync(Scorecard)).Content.ReadFromJsonAsync<JsonElement>();
        foreach (var (code, i) in percents.Select((c, i) => (c, i)))
        {
            var expected =
                i == winner % percents.Length
                    ? 50m + winner
                    : code switch
                    {
                        "1.2" => 70m,
                        "2.1" => 90m,
                        _ => (decimal?)null,
                    };
            Assert.Equal(expected, ValueOrNull(now, code));
        }
    }

    private static decimal? ValueOrNull(JsonElement card, string code) =>
        card.GetProperty("criteria")
            .EnumerateArray()
            .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == code)
            .GetProperty("value")
            is { ValueKind: JsonValueKind.Number } v
            ? v.GetDecimal()
            : null;
}
