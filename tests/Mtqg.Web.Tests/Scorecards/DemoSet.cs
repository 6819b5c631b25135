using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mtqg.Web.Tests.Scorecards;

/// <summary>
/// The illustrative set DEMO-MINH-HOA (data/demo/criteria-set-demo.json) as the scorecard tests use it:
/// its units, a full set of values whose outcome the test decides, and the calls of DESIGN §5.
/// </summary>
internal static class DemoSet
{
    public const string Code = "DEMO-MINH-HOA";

    /// <summary>Xã Bảo Hà since 1/7/2025 (province 15 Lào Cai); demo.xa is its officer. Before, the same code named the old Xã Bảo Hà.</summary>
    public const string BaoHa = "02989";

    /// <summary>Another xã of province 15.</summary>
    public const string BaoNhai = "02890";

    /// <summary>A xã of province 01 Hà Nội.</summary>
    public const string SocSon = "00376";

    /// <summary>A phường of province 15.</summary>
    public const string PhuongLaoCai = "02647";

    /// <summary>
    /// Every indicator of the set, each meeting its NTM threshold in group G1 for 2026 — and in every year to 2030
    /// (3.1 = 85, the 2030 income threshold) —, so the commune reaches NTM; 1.2 = 90 stays under the NTMNC
    /// threshold (100), so it does not reach NTMNC.
    /// </summary>
    public static Dictionary<string, object?> MeetingNtmInG1() =>
        new()
        {
            ["1.1"] = true,
            ["1.2"] = 90,
            ["2.1"] = 100,
            ["2.2"] = 99.5m,
            ["2.3"] = 95,
            ["3.1"] = 85,
            ["3.2"] = true,
            ["4.1"] = 80,
            ["4.2"] = 95,
            ["5.1"] = 96,
            ["5.2"] = true,
            ["5.3"] = 100,
            ["6.1"] = 1.8m,
            ["6.2"] = 0,
            ["7.1"] = 92,
            ["7.2"] = 75,
            ["8.1"] = 75,
            ["8.2"] = 95,
            ["8.3"] = 2.5m,
            ["9.1"] = 100,
            ["9.2"] = true,
            ["10.1"] = true,
            ["10.2"] = 0,
        };

    public static string ValuesUrl(string commune, int year) => $"/api/v1/communes/{commune}/years/{year}/values?set={Code}";

    public static string ScorecardUrl(string commune, int year) => $"/api/v1/communes/{commune}/years/{year}/scorecard?set={Code}";

    public static string GroupUrl(string commune) => $"/api/v1/communes/{commune}/criteria-sets/{Code}/group";

    public static string SummaryUrl(string province, int year) => $"/api/v1/provinces/{province}/years/{year}/summary?set={Code}";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PutValuesAsync(
        this HttpClient client,
        string commune,
        int year,
        IReadOnlyDictionary<string, object?> values
    ) => client.PutAsJsonAsync(ValuesUrl(commune, year), new { values });

    /// <summary>Puts values and returns the scorecard the answer carries (failing the test on any other answer).</summary>
    public static async Task<JsonElement> PutValuesOkAsync(
        this HttpClient client,
        string commune,
        int year,
        IReadOnlyDictionary<string, object?> values
    )
    {
        var response = await client.PutValuesAsync(commune, year, values);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT values {commune}/{year}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<JsonElement> ScorecardAsync(this HttpClient client, string commune, int year, string? level = null)
    {
        var response = await client.GetAsync(ScorecardUrl(commune, year) + (level is null ? "" : $"&level={level}"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET scorecard {commune}/{year}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static Task<HttpResponseMessage> PutGroupAsync(this HttpClient client, string commune, string group, int? year = null) =>
        client.PutAsJsonAsync(GroupUrl(commune) + (year is null ? "" : $"?year={year}"), new { group });

    public static async Task AssignGroupAsync(this HttpClient client, string commune, string group, int? year = null)
    {
        var response = await client.PutGroupAsync(commune, group, year);
        Assert.True(
            response.StatusCode == HttpStatusCode.NoContent,
            $"PUT group {commune} {group}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
        );
    }

    public static async Task<JsonElement> SummaryAsync(this HttpClient client, string province, int year) =>
        await client.GetFromJsonAsync<JsonElement>(SummaryUrl(province, year));

    public static JsonElement Criterion(this JsonElement card, int number) =>
        card.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("number").GetInt32() == number);

    public static JsonElement Indicator(this JsonElement card, string code) =>
        card.GetProperty("criteria")
            .EnumerateArray()
            .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == code);

    public static string Status(this JsonElement element) => element.GetProperty("status").GetString()!;

    public static string[] Reached(this JsonElement card) =>
        card.GetProperty("reached").EnumerateArray().Select(l => l.GetString()!).ToArray();

    public static int Communes(this JsonElement summary, string list, string key, string value) =>
        summary.GetProperty(list).EnumerateArray().Single(e => e.GetProperty(key).GetString() == value).GetProperty("communes").GetInt32();

    public static int CommunesMet(this JsonElement summary, string criterionCode) =>
        summary
            .GetProperty("criteria")
            .EnumerateArray()
            .Single(c => c.GetProperty("code").GetString() == criterionCode)
            .GetProperty("communesMet")
            .GetInt32();

    public static JsonElement? Commune(this JsonElement summary, string list, string code) =>
        summary
            .GetProperty(list)
            .EnumerateArray()
            .Where(c => c.GetProperty("code").GetString() == code)
            .Select(c => (JsonElement?)c)
            .SingleOrDefault();
}
