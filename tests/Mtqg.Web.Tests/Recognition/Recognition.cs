using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;
using Mtqg.Web.Tests.Scorecards;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Recognition;

/// <summary>
/// The recognition calls as the tests use them: Xã Bảo Hà (02989) made to meet NTM in 2026 — or in another year
/// of the set, such as the current one (group G1, every value at its threshold) —, a dossier created and submitted
/// by demo.xa, and one demo appraiser per department of the demo set.
/// </summary>
internal static class Recognition
{
    public const int Year = 2026;

    /// <summary>The current year in Vietnam: a plan's targets of this year count the decisions signed today.</summary>
    public static int ThisYear => Today.Year;

    /// <summary>
    /// Today in Vietnam, as the app computes it. A council is held and a decision signed today: neither may be
    /// after today, nor before the submission (also today).
    /// </summary>
    public static DateOnly Today => Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow);

    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The department accounts of province 15 and the demo set's criteria each owns.</summary>
    public static readonly IReadOnlyDictionary<int, string> AppraiserOf = new Dictionary<int, string>
    {
        [1] = "demo.thamdinh",
        [2] = "demo.thamdinh",
        [3] = "demo.thamdinh.nnmt",
        [4] = "demo.thamdinh.noivu",
        [5] = "demo.thamdinh.vhttdl",
        [6] = "demo.thamdinh.nnmt",
        [7] = "demo.thamdinh.khcn",
        [8] = "demo.thamdinh.nnmt",
        [9] = "demo.thamdinh.noivu",
        [10] = "demo.thamdinh.congan",
    };

    public static async Task MeetNtmAsync(MtqgApp app, string commune = BaoHa, int year = Year)
    {
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.AssignGroupAsync(commune, "G1", year);
        await admin.PutValuesOkAsync(commune, year, MeetingNtmInG1());
    }

    public static Task<HttpResponseMessage> CreateAsync(HttpClient client, string commune = BaoHa, int year = Year) =>
        client.PostAsJsonAsync(
            "/api/v1/dossiers",
            new
            {
                commune,
                year,
                set = Code,
                level = "NTM",
            }
        );

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == status,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {body}"
        );
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A draft of Bảo Hà with satisfaction and the declaration filled in; returns its id.</summary>
    public static async Task<int> ReadyDraftAsync(MtqgApp app, HttpClient xa, int year = Year)
    {
        var created = await OkAsync(await CreateAsync(xa, year: year), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        await OkAsync(
            await xa.PutAsJsonAsync(
                $"/api/v1/dossiers/{id}",
                new
                {
                    residentSatisfaction = 95,
                    noConstructionDebtDeclared = true,
                    note = "Hồ sơ năm 2026",
                }
            )
        );
        return id;
    }

    public static async Task<int> SubmittedAsync(MtqgApp app, int year = Year)
    {
        await MeetNtmAsync(app, year: year);
        var xa = await app.ClientAsAsync("demo.xa");
        var id = await ReadyDraftAsync(app, xa, year);
        await OkAsync(await xa.PostAsync($"/api/v1/dossiers/{id}/submit", null));
        return id;
    }

    public static Task<HttpResponseMessage> AppraiseAsync(
        HttpClient client,
        int id,
        int criterion,
        string result = "met",
        string? comment = null
    ) => client.PostAsJsonAsync($"/api/v1/dossiers/{id}/criteria/{criterion}/appraisal", new { result, comment });

    public static Task<HttpResponseMessage> SendBackAsync(HttpClient client, int id, int criterion, string reason) =>
        client.PostAsJsonAsync($"/api/v1/dossiers/{id}/criteria/{criterion}/send-back", new { reason });

    public static async Task AppraiseAllAsync(MtqgApp app, int id, IEnumerable<int>? criteria = null)
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var number in criteria ?? AppraiserOf.Keys)
        {
            var user = AppraiserOf[number];
            if (!clients.TryGetValue(user, out var client))
                clients[user] = client = await app.ClientAsAsync(user);
            await OkAsync(await AppraiseAsync(client, id, number, comment: $"Tiêu chí {number} đạt"));
        }
    }

    public static Task<HttpResponseMessage> CouncilAsync(HttpClient client, int id, int votesFor = 7, int votesAgainst = 1) =>
        client.PostAsJsonAsync(
            $"/api/v1/dossiers/{id}/council",
            new
            {
                date = Today.Iso(),
                members = Enumerable.Range(1, 9).Select(i => $"Thành viên {i}").ToArray(),
                votesFor,
                votesAgainst,
                conclusion = "Đề nghị công nhận",
            }
        );

    public static Task<HttpResponseMessage> DecisionAsync(HttpClient client, string number, params int[] dossiers) =>
        client.PostAsJsonAsync(
            "/api/v1/dossiers/decision",
            new
            {
                number,
                date = Today.Iso(),
                signer = "Chủ tịch UBND tỉnh",
                level = "NTM",
                batch = "Đợt 2 năm 2026",
                dossiers,
            }
        );

    public static string Status(this JsonElement dossier) => dossier.GetProperty("status").GetString()!;

    public static string StateOf(this JsonElement dossier, int criterion) =>
        dossier
            .GetProperty("criteria")
            .EnumerateArray()
            .Single(c => c.GetProperty("number").GetInt32() == criterion)
            .GetProperty("state")
            .GetString()!;

    public static async Task<JsonElement> GetAsync(HttpClient client, int id) =>
        await OkAsync(await client.GetAsync($"/api/v1/dossiers/{id}"));
}
