using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Audit;

/// <summary>The audit calls as the tests use them: a commune-year's history, the search, an upload to change values in bulk.</summary>
internal static class AuditCalls
{
    public sealed record Entry(
        DateTime At,
        string? UserName,
        string? Client,
        string Action,
        string Entity,
        string? UnitCode,
        int? Year,
        string? SetCode,
        string? Key,
        string? OldValue,
        string? NewValue
    );

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static string HistoryUrl(string commune, int year) => $"/api/v1/communes/{commune}/years/{year}/history?set={Code}";

    public static async Task<List<Entry>> HistoryAsync(this HttpClient client, string commune, int year)
    {
        var response = await client.GetAsync(HistoryUrl(commune, year));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET history {commune}/{year}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<List<Entry>>(body, Web)!;
    }

    /// <summary>The history of one indicator, newest first.</summary>
    public static async Task<List<Entry>> HistoryOfAsync(this HttpClient client, string commune, int year, string indicator) =>
        (await client.HistoryAsync(commune, year)).Where(e => e.Entity == "IndicatorValue" && e.Key == indicator).ToList();

    public static async Task<(int Total, List<Entry> Items)> SearchAsync(this HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/audit?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET audit?{query}: {(int)response.StatusCode} {body}");
        var page = JsonDocument.Parse(body).RootElement;
        return (
            page.GetProperty("total").GetInt32(),
            JsonSerializer.Deserialize<List<Entry>>(page.GetProperty("items").GetRawText(), Web)!
        );
    }

    /// <summary>The stored value of an indicator as the trail writes it (invariant text), or null.</summary>
    public static string? Text(this JsonElement card, string indicator) =>
        card.Indicator(indicator).GetProperty("value") switch
        {
            { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.True } => "true",
            { ValueKind: JsonValueKind.False } => "false",
            var v => v.GetDecimal().ToString("0.############################", CultureInfo.InvariantCulture),
        };

    public static Task<HttpResponseMessage> UploadCsvAsync(this HttpClient client, string province, int year, string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return client.PostAsync(
            $"/api/v1/provinces/{province}/years/{year}/workbook?set={Code}",
            new MultipartFormDataContent { { file, "file", "so-lieu.csv" } }
        );
    }
}
