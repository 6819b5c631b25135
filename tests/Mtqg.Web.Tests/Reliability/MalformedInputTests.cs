using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Mtqg.Web.Tests.Reliability;

/// <summary>
/// Properties of the parsers under malformed input (issue 18, item 9; figures in docs/reliability.md): a fixed number of
/// generated cases per property, from a fixed seed, against the real app on a real database. Every answer is a 2xx or a
/// Vietnamese 4xx problem — never a 5xx — and a refused request leaves the database as it was (indicator values, audit
/// rows, criteria sets: same rows, same values). The histogram of answers is written to the test output.
/// </summary>
public sealed partial class MalformedInputTests(ITestOutputHelper output)
{
    /// <summary>60 cases per property in the suite; MTQG_RELIABILITY_CASES and MTQG_RELIABILITY_SEED for a longer or another run.</summary>
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("MTQG_RELIABILITY_CASES"), out var n) ? n : 60;
    private static readonly ulong Seed = ulong.TryParse(Environment.GetEnvironmentVariable("MTQG_RELIABILITY_SEED"), out var s)
        ? s
        : 20_261_205;
    private const string Set = "DEMO-MINH-HOA",
        LaoCai = "15",
        BaoHa = "02989";
    private const string WorkbookUrl = $"/api/v1/provinces/{LaoCai}/years/2026/workbook?set={Set}";
    private const string ValuesUrl = $"/api/v1/communes/{BaoHa}/years/2026/values?set={Set}";

    private static readonly Dictionary<string, object> Entered = new()
    {
        ["1.1"] = false,
        ["1.2"] = 10m,
        ["2.1"] = 20m,
        ["3.1"] = 30m,
    };

    private static readonly Dictionary<string, object> Downloaded = new()
    {
        ["1.1"] = true,
        ["1.2"] = 70m,
        ["2.1"] = 90m,
        ["3.1"] = 45.5m,
    };

    [Fact]
    public async Task Malformed_workbooks_are_answered_with_200_or_a_Vietnamese_4xx_and_a_refused_one_writes_nothing()
    {
        var clock = Stopwatch.StartNew();
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = (await given.Account(Roles.Coordinator, unit: LaoCai)).Client;
        await given.IllustrativeCriteriaSet();
        // The workbook holds other values than the database (for three communes), so a write of any part of it shows.
        var communes = await RuralCommunesAsync(office, 3);
        foreach (var commune in communes)
            await given.Values(office, commune, 2026, Set, Downloaded);
        var workbook = await (await office.GetAsync(WorkbookUrl)).Content.ReadAsByteArrayAsync();
        Assert.Contains(MalformedWorkbooks.Parts(workbook), p => p.Name == MalformedWorkbooks.SheetPart);
        async Task ResetAsync()
        {
            foreach (var commune in communes)
                await given.Values(office, commune, 2026, Set, Entered);
        }
        await ResetAsync();
        // The unchanged workbook is accepted: the generator starts from a file the app takes.
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(office, workbook)).StatusCode);
        await ResetAsync();

        var tally = new Tally();
        var cases = Gen.Sample(MalformedWorkbooks.Mutations, Cases, new FsCheck.Rnd(Seed), 30);
        var before = await StateAsync(app);
        foreach (var mutation in cases)
        {
            var sent = mutation.Apply(workbook);
            tally.Unchanged += sent.AsSpan().SequenceEqual(workbook) ? 1 : 0;
            var started = Stopwatch.GetTimestamp();
            var response = await UploadAsync(office, sent);
            await tally.AddAsync(mutation, response, Stopwatch.GetElapsedTime(started));
            var after = await StateAsync(app);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                await ResetAsync();
                before = await StateAsync(app);
            }
            else
                tally.Check(after == before, mutation, $"{(int)response.StatusCode} changed the database: {before} → {after}");
        }

        output.WriteLine(tally.Report("malformed workbooks → POST …/workbook", Seed, clock.Elapsed));
        Assert.Equal(Cases, tally.Count);
        Assert.Empty(tally.Failures);
        Assert.InRange(tally.Unchanged, 0, Cases / 10);
    }

    [Fact]
    public async Task Malformed_values_bodies_are_answered_with_a_2xx_or_a_Vietnamese_4xx_and_a_refused_one_writes_nothing()
    {
        var clock = Stopwatch.StartNew();
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = (await given.Account(Roles.Coordinator, unit: LaoCai)).Client;
        await given.IllustrativeCriteriaSet();
        Task ResetAsync() => given.Values(office, BaoHa, 2026, Set, Entered);
        await ResetAsync();
        var body = JsonSerializer.SerializeToUtf8Bytes(new { values = Downloaded });
        Assert.Equal(HttpStatusCode.OK, (await PutValuesAsync(office, body)).StatusCode);
        await ResetAsync();

        var tally = new Tally();
        var cases = Gen.Sample(MalformedJson.Mutations, Cases, new FsCheck.Rnd(Seed), 30);
        var before = await StateAsync(app);
        foreach (var mutation in cases)
        {
            var sent = mutation.Apply(body);
            tally.Unchanged += sent.AsSpan().SequenceEqual(body) ? 1 : 0;
            var started = Stopwatch.GetTimestamp();
            var response = await PutValuesAsync(office, sent);
            await tally.AddAsync(mutation, response, Stopwatch.GetElapsedTime(started));
            var after = await StateAsync(app);
            if (response.IsSuccessStatusCode)
            {
                await ResetAsync();
                before = await StateAsync(app);
            }
            else
                tally.Check(after == before, mutation, $"{(int)response.StatusCode} changed the database: {before} → {after}");
        }

        output.WriteLine(tally.Report("malformed JSON → PUT …/values", Seed, clock.Elapsed));
        Assert.Equal(Cases, tally.Count);
        Assert.Empty(tally.Failures);
        Assert.InRange(tally.Unchanged, 0, Cases / 10);
    }

    [Fact]
    public async Task Malformed_criteria_set_documents_are_answered_with_201_or_a_Vietnamese_4xx_and_a_refused_one_writes_nothing()
    {
        var clock = Stopwatch.StartNew();
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        // The illustrative set has Công an tỉnh appraise criterion 10: a department a province adds to the registry (decision 0020).
        var police = await admin.PostAsJsonAsync("/api/v1/provinces/15/departments", new { code = "CAT", name = "Công an tỉnh" });
        Assert.Equal(HttpStatusCode.Created, police.StatusCode);
        var file = app.Services.GetRequiredService<Mtqg.Web.Data.SeedFiles>().PathOf("demo", "criteria-set-demo.json");
        var document = await File.ReadAllTextAsync(file);
        byte[] Document(int i) => Encoding.UTF8.GetBytes(document.Replace($"\"{Set}\"", $"\"THU-{i:D2}\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, (await PostSetAsync(admin, Document(99))).StatusCode);

        var tally = new Tally();
        var cases = Gen.Sample(MalformedJson.Mutations, Cases, new FsCheck.Rnd(Seed + 1), 30);
        var before = await SetsStateAsync(app);
        var i = 0;
        foreach (var mutation in cases)
        {
            var original = Document(i++);
            var sent = mutation.Apply(original);
            tally.Unchanged += sent.AsSpan().SequenceEqual(original) ? 1 : 0;
            var started = Stopwatch.GetTimestamp();
            var response = await PostSetAsync(admin, sent);
            await tally.AddAsync(mutation, response, Stopwatch.GetElapsedTime(started));
            var after = await SetsStateAsync(app);
            if (response.IsSuccessStatusCode)
            {
                // What was created is whole: the set reads back through the API.
                var created = response.Headers.Location!.ToString();
                tally.Check((await admin.GetAsync(created)).StatusCode == HttpStatusCode.OK, mutation, $"{created} does not read back");
                before = after;
            }
            else
                tally.Check(after == before, mutation, $"{(int)response.StatusCode} changed the database: {before} → {after}");
        }

        output.WriteLine(tally.Report("malformed JSON → POST /api/v1/criteria-sets", Seed + 1, clock.Elapsed));
        Assert.Equal(Cases, tally.Count);
        Assert.Empty(tally.Failures);
        Assert.InRange(tally.Unchanged, 0, Cases / 10);
    }

    [Fact]
    public async Task A_commune_code_with_a_NUL_in_an_uploaded_workbook_is_refused_naming_its_cell_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartAsync();
        var given = app.Given();
        var office = (await given.Account(Roles.Coordinator, unit: LaoCai)).Client;
        await given.IllustrativeCriteriaSet();
        await given.Values(office, BaoHa, 2026, Set, Downloaded);
        var workbook = await (await office.GetAsync(WorkbookUrl)).Content.ReadAsByteArrayAsync();
        await given.Values(office, BaoHa, 2026, Set, Entered);
        // "_x0000_" is how a workbook writes U+0000 in a cell's text; the reader turns it back into a NUL.
        var damaged = MalformedWorkbooks.EditPart(workbook, MalformedWorkbooks.SheetPart, xml =>
            xml.Replace($">{BaoHa}<", $">{BaoHa}_x0000_<", StringComparison.Ordinal)
        );
        Assert.NotEqual(workbook, damaged);
        var before = await StateAsync(app);

        var response = await UploadAsync(office, damaged);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("Mã xã ở ô A", problem.ToString());
        Assert.Contains("U+0000", problem.ToString());
        Assert.Equal(before, await StateAsync(app));
    }

    [Fact]
    public async Task A_criteria_set_document_with_a_key_written_twice_is_refused_in_Vietnamese_and_nothing_is_created()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        // The illustrative set has Công an tỉnh appraise criterion 10: a department a province adds to the registry (decision 0020).
        var police = await admin.PostAsJsonAsync("/api/v1/provinces/15/departments", new { code = "CAT", name = "Công an tỉnh" });
        Assert.Equal(HttpStatusCode.Created, police.StatusCode);
        var file = app.Services.GetRequiredService<Mtqg.Web.Data.SeedFiles>().PathOf("demo", "criteria-set-demo.json");
        var document = (await File.ReadAllTextAsync(file)).Replace(
            $"\"code\": \"{Set}\"",
            "\"code\": \"THU-1\", \"code\": \"THU-2\"",
            StringComparison.Ordinal
        );
        var before = await SetsStateAsync(app);

        var response = await PostSetAsync(admin, Encoding.UTF8.GetBytes(document));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("có hai lần", problem.ToString());
        Assert.Equal(before, await SetsStateAsync(app));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/criteria-sets/THU-2")).StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(Features.Scorecards.Excel.ValuesWorkbook.ContentType);
        return await client.PostAsync(WorkbookUrl, new MultipartFormDataContent { { content, "file", "so-lieu.xlsx" } });
    }

    private static Task<HttpResponseMessage> PutValuesAsync(HttpClient client, byte[] body) =>
        client.PutAsync(ValuesUrl, new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });

    private static Task<HttpResponseMessage> PostSetAsync(HttpClient client, byte[] body) =>
        client.PostAsync(
            "/api/v1/criteria-sets",
            new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }
        );

    private static async Task<List<string>> RuralCommunesAsync(HttpClient client, int count) =>
        (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/units?level=commune&parent={LaoCai}&asOf=2026-12-31"))!
            .Where(u => u.GetProperty("kind").GetString() == "xa")
            .Select(u => u.GetProperty("code").GetString()!)
            .Where(c => c != BaoHa)
            .Take(count - 1)
            .Prepend(BaoHa)
            .ToList();

    /// <summary>Every indicator value (commune, year, indicator, value) and the number of audit rows, as one comparable text.</summary>
    private static async Task<string> StateAsync(MtqgApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var values = await db
            .IndicatorValues.OrderBy(v => v.UnitId)
            .ThenBy(v => v.Year)
            .ThenBy(v => v.IndicatorId)
            .Select(v => new
            {
                v.UnitId,
                v.Year,
                v.IndicatorId,
                v.Value,
            })
            .ToListAsync();
        return $"{values.Count} values [{string.Join(' ', values.Select(v => $"{v.UnitId}/{v.Year}/{v.IndicatorId}={v.Value:0.####}"))}], "
            + $"{await db.AuditEntries.CountAsync()} audit rows";
    }

    private static async Task<string> SetsStateAsync(MtqgApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        return $"{await db.CriteriaSets.CountAsync()} sets, {await db.CriteriaLevels.CountAsync()} levels, "
            + $"{await db.CommuneGroups.CountAsync()} groups, {await db.ReportingBands.CountAsync()} bands, "
            + $"{await db.Criteria.CountAsync()} criteria, {await db.Indicators.CountAsync()} indicators, "
            + $"{await db.Thresholds.CountAsync()} thresholds, {await db.AuditEntries.CountAsync()} audit rows";
    }

    /// <summary>How each case was answered: a histogram of statuses, overall and per kind of mutation, and what went wrong.</summary>
    private sealed partial class Tally
    {
        private readonly SortedDictionary<int, int> statuses = new();
        private readonly SortedDictionary<string, SortedDictionary<int, int>> byKind = new(StringComparer.Ordinal);
        public List<string> Failures { get; } = [];
        public int Count { get; private set; }

        /// <summary>Cases whose mutation left the input as it was (it found nothing to change): a generator that stopped matching the app's files shows here.</summary>
        public int Unchanged { get; set; }

        private readonly List<string> accepted = [];
        private (TimeSpan Took, string What) slowest;

        public async Task AddAsync(Mutation mutation, HttpResponseMessage response, TimeSpan took)
        {
            Count++;
            if (took > slowest.Took)
                slowest = (took, mutation.What);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var kind = byKind.TryGetValue(mutation.Kind, out var k) ? k : byKind[mutation.Kind] = new SortedDictionary<int, int>();
            kind[status] = kind.GetValueOrDefault(status) + 1;
            if (response.IsSuccessStatusCode)
                accepted.Add(mutation.What);
            // A key sent twice is refused (decision 0019), whatever else the body says.
            if (response.IsSuccessStatusCode && mutation.Kind == "duplicate key")
                Failures.Add($"{status} for {mutation.What}: a key sent twice was accepted");
            if (status >= 500)
                Failures.Add($"{status} for {mutation.What}: {await response.Content.ReadAsStringAsync()}");
            else if (status >= 400 && await NotAVietnameseProblemAsync(response) is { } why)
                Failures.Add($"{status} for {mutation.What}: {why}");
        }

        public void Check(bool held, Mutation mutation, string failure)
        {
            if (!held)
                Failures.Add($"{mutation.What}: {failure}");
        }

        public string Report(string what, ulong seed, TimeSpan elapsed)
        {
            var text = new StringBuilder();
            text.AppendLine(
                $"{what} on {TestDatabase.Provider}: {Count} cases (seed {seed}) in {elapsed.TotalSeconds:0.0} s, "
                    + $"{Count - Failures.Count} handled — {Histogram(statuses)}; {Unchanged} left the input unchanged"
            );
            foreach (var (kind, histogram) in byKind)
                text.AppendLine($"  {kind}: {Histogram(histogram)}");
            text.AppendLine($"  slowest: {slowest.Took.TotalMilliseconds:0} ms for {slowest.What}");
            foreach (var taken in accepted)
                text.AppendLine($"  accepted: {taken}");
            foreach (var failure in Failures)
                text.AppendLine($"  FAILED {failure}");
            return text.ToString();
        }

        private static string Histogram(SortedDictionary<int, int> histogram) =>
            string.Join(", ", histogram.Select(h => $"{h.Key} × {h.Value}"));

        private static async Task<string?> NotAVietnameseProblemAsync(HttpResponseMessage response)
        {
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                return $"not a problem (content type {response.Content.Headers.ContentType?.MediaType ?? "none"})";
            var text = await response.Content.ReadAsStringAsync();
            JsonElement problem;
            try
            {
                problem = JsonDocument.Parse(text).RootElement;
            }
            catch (JsonException)
            {
                return $"a problem that is not JSON: {text}";
            }
            var said = string.Join(
                " ",
                new[] { "title", "detail", "errors" }.Select(p => problem.TryGetProperty(p, out var v) ? v.ToString() : "")
            );
            return VietnameseLetter().IsMatch(said) ? null : $"no Vietnamese in the problem: {text}";
        }

        [GeneratedRegex("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", RegexOptions.IgnoreCase)]
        private static partial Regex VietnameseLetter();
    }
}
