using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Web.Features.Scorecards;

namespace Mtqg.Bench;

/// <summary>
/// The recognition dossier workflow driven through the API for the fault runs (<c>--faults</c>): dossiers of communes made to
/// meet NTM, taken by the administrator (who may act for the commune, every department and the coordination office) up to
/// the council's approval; the decision that recognises a batch of them; and their state read back with plain ADO.NET.
/// </summary>
public sealed partial class BenchmarkRun
{
    /// <summary>
    /// What a decision on a batch of dossiers left in the database: the decision row (by its number), the dossiers still
    /// awaiting it (council held, no decision) and those recognised by it, their titles and timeline lines, and the audit rows
    /// written after <c>auditAfter</c> by entity (DecisionRecord, CommuneTitle, DossierRecord).
    /// </summary>
    private sealed record DecisionState(
        int Decisions,
        int Awaiting,
        int Recognised,
        int Titles,
        int RecognisedEvents,
        int Events,
        IReadOnlyDictionary<string, long> Audit
    )
    {
        public long AuditRows => Audit.Values.Sum();

        public override string ToString() =>
            $"{Decisions} decision row, {Awaiting} awaiting, {Recognised} recognised, {Titles} titles, {RecognisedEvents} recognised timeline lines, "
            + $"{Events} timeline lines, audit {(Audit.Count == 0 ? "none" : string.Join(", ", Audit.OrderBy(a => a.Key).Select(a => $"{a.Key} {a.Value}")))}";
    }

    /// <summary>
    /// A second administrator who acts for the communes (creates, fills in and submits the dossiers): whoever created or
    /// submitted a dossier may not appraise it, and the run's administrator appraises, records the council and the decision.
    /// </summary>
    private const string OfficerName = "bench.xa";

    private readonly string officerPassword = $"Bench-{Guid.NewGuid():N}-xX1!";

    /// <summary>The batches of dossiers awaiting the decision, prepared in the set-up: one per kill round and one to time.</summary>
    private readonly List<List<int>> decisionBatches = [];

    /// <summary>The dossiers the two-node part decides on (PostgreSQL).</summary>
    private List<int> twoNodeDossiers = [];

    /// <summary>Signs the client in (POST /api/v1/auth/token) and sends the bearer token from then on.</summary>
    private static async Task<HttpClient> SignedInAsync(HttpClient client, string userName, string password)
    {
        var token = await ExpectAsync(await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password }));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>
    /// In the set-up's app, through its API (the real pipeline in this process, so the web processes start cold): the
    /// commune officer's account, then the batches of dossiers of the load year's province the kill rounds decide on, one
    /// per round and one to time the decision, and (PostgreSQL) the two-node part's batch from the end of the province.
    /// </summary>
    private async Task PrepareDecisionsAsync(InProcessApp app)
    {
        var set = sets[BenchSets.For(LoadYear)];
        var py = uploads.Where(u => u.Year == LoadYear).MaxBy(u => u.Communes.Count)!;
        var reserve = database.IsPostgres ? TwoNodeBatch : 0;
        var perDecision = Math.Clamp((py.Communes.Count - reserve) / (options.FaultRounds + 1), 1, DecisionBatch);
        if ((options.FaultRounds + 1) * perDecision + reserve > py.Communes.Count)
            throw new InvalidOperationException(
                $"Province {py.ProvinceCode} has {py.Communes.Count} communes: too few for {options.FaultRounds} decision rounds."
            );
        using var admin = await SignedInAsync(app.CreateClient(), AdminName, adminPassword);
        await ExpectAsync(
            await admin.PostAsJsonAsync(
                "/api/v1/users",
                new
                {
                    userName = OfficerName,
                    password = officerPassword,
                    displayName = "Cán bộ xã (bench)",
                    role = "admin",
                }
            ),
            HttpStatusCode.Created
        );
        using var officer = await SignedInAsync(app.CreateClient(), OfficerName, officerPassword);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var b = 0; b <= options.FaultRounds; b++)
            decisionBatches.Add(await PrepareDossiersAsync(admin, officer, set, py.Communes.Skip(b * perDecision).Take(perDecision)));
        if (database.IsPostgres)
            twoNodeDossiers = await PrepareDossiersAsync(admin, officer, set, py.Communes.TakeLast(TwoNodeBatch));
        Step(
            $"{decisionBatches.Sum(b => b.Count) + twoNodeDossiers.Count} dossiers of province {py.ProvinceCode} ({decisionBatches.Count} batches of {perDecision}"
                + (database.IsPostgres ? $", {TwoNodeBatch} for the two nodes" : "")
                + $") taken to the council's approval through the API in {watch.Elapsed.TotalSeconds:0.0} s"
        );
    }

    /// <summary>A value that meets any threshold of the indicator (the bench sets' rules: achieved, at least, more than, at most).</summary>
    private static Dictionary<string, object> MeetingValues(LoadedSet set) =>
        set
            .Indicators.Values.Where(i => i.Source is null)
            .ToDictionary(
                i => i.Code,
                i =>
                    i.Type == IndicatorType.Boolean ? true
                    : i.Rule is Rule.AtMost or Rule.LessThan ? 0m
                    : i.Type == IndicatorType.Percent ? 100m
                    : (object)100_000m
            );

    private static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != status)
                throw new InvalidOperationException(
                    $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {body}"
                );
            return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    /// <summary>
    /// For each commune: its values set to meet NTM in the load year, a dossier created, filled in, submitted, every criterion
    /// appraised as met and the council's approval recorded — the dossier then awaits the decision. Returns the dossiers' ids.
    /// </summary>
    private static async Task<List<int>> PrepareDossiersAsync(
        HttpClient client,
        HttpClient officer,
        LoadedSet set,
        IEnumerable<Commune> communes
    )
    {
        var values = MeetingValues(set);
        var today = VietnamTime.Today(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ids = new List<int>();
        foreach (var commune in communes)
        {
            await ExpectAsync(
                await officer.PutAsJsonAsync($"/api/v1/communes/{commune.Code}/years/{LoadYear}/values?set={set.Code}", new { values })
            );
            var created = await ExpectAsync(
                await officer.PostAsJsonAsync(
                    "/api/v1/dossiers",
                    new
                    {
                        commune = commune.Code,
                        year = LoadYear,
                        set = set.Code,
                        level = set.LowestLevel,
                    }
                ),
                HttpStatusCode.Created
            );
            var id = created.GetProperty("id").GetInt32();
            await ExpectAsync(
                await officer.PutAsJsonAsync(
                    $"/api/v1/dossiers/{id}",
                    new
                    {
                        residentSatisfaction = 95,
                        noConstructionDebtDeclared = true,
                        note = "Hồ sơ của bench/Mtqg.Bench --faults",
                    }
                )
            );
            await ExpectAsync(await officer.PostAsync($"/api/v1/dossiers/{id}/submit", null));
            foreach (var criterion in set.Evaluation.Criteria)
                await ExpectAsync(
                    await client.PostAsJsonAsync(
                        $"/api/v1/dossiers/{id}/criteria/{criterion.Number}/appraisal",
                        new { result = "met", comment = $"Tiêu chí {criterion.Number} đạt" }
                    )
                );
            var council = await ExpectAsync(
                await client.PostAsJsonAsync(
                    $"/api/v1/dossiers/{id}/council",
                    new
                    {
                        date = today,
                        members = Enumerable.Range(1, 7).Select(i => $"Thành viên {i}").ToArray(),
                        votesFor = 6,
                        votesAgainst = 1,
                        conclusion = "Đề nghị công nhận",
                    }
                )
            );
            if (council.GetProperty("status").GetString() != "council_held")
                throw new InvalidOperationException($"Dossier #{id}: {council.GetProperty("status")} after the council, not council_held.");
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>The decision recognising the dossiers, signed today (POST /api/v1/dossiers/decision).</summary>
    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, string number, IReadOnlyList<int> dossiers) =>
        client.PostAsJsonAsync(
            "/api/v1/dossiers/decision",
            new
            {
                number,
                date = VietnamTime.Today(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                signer = "Chủ tịch UBND tỉnh",
                level = "NTM",
                batch = "bench/Mtqg.Bench --faults",
                dossiers,
            }
        );

    private async Task<long> LastAuditIdAsync()
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT COALESCE(MAX("Id"), 0) FROM "AuditEntries" """;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The state of a batch of dossiers and of the decision numbered <paramref name="number"/>, read with plain ADO.NET.</summary>
    private async Task<DecisionState> DecisionStateAsync(IReadOnlyList<int> ids, string number, long auditAfter)
    {
        var list = string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        await using var connection = await database.OpenAsync();
        async Task<long> ScalarAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@number";
            parameter.Value = number;
            command.Parameters.Add(parameter);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        var decisionId = await ScalarAsync("""SELECT COALESCE(MAX("Id"), 0) FROM "Decisions" WHERE "Number" = @number""");
        var decisions = await ScalarAsync("""SELECT COUNT(*) FROM "Decisions" WHERE "Number" = @number""");
        // 6: council held, awaiting the decision; 7: recognised (DossierStatus).
        var awaiting = await ScalarAsync(
            $"""SELECT COUNT(*) FROM "Dossiers" WHERE "Id" IN ({list}) AND "Status" = 6 AND "DecisionId" IS NULL"""
        );
        var recognised = await ScalarAsync(
            $"""SELECT COUNT(*) FROM "Dossiers" WHERE "Id" IN ({list}) AND "Status" = 7 AND "DecisionId" = {decisionId}"""
        );
        var titles = await ScalarAsync($"""SELECT COUNT(*) FROM "CommuneTitles" WHERE "DossierId" IN ({list})""");
        var recognisedEvents = await ScalarAsync($"""SELECT COUNT(*) FROM "DossierEvents" WHERE "DossierId" IN ({list}) AND "Kind" = 11""");
        var events = await ScalarAsync($"""SELECT COUNT(*) FROM "DossierEvents" WHERE "DossierId" IN ({list})""");
        var audit = new Dictionary<string, long>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText =
                $"""SELECT "Entity", COUNT(*) FROM "AuditEntries" WHERE "Id" > {auditAfter} AND "Entity" IN ('DecisionRecord', 'CommuneTitle', 'DossierRecord') GROUP BY "Entity" """;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                audit[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }
        return new DecisionState((int)decisions, (int)awaiting, (int)recognised, (int)titles, (int)recognisedEvents, (int)events, audit);
    }
}
