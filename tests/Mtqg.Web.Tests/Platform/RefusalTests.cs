using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FsCheck.Fluent;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mtqg.Web.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Mtqg.Web.Tests.Platform;

/// <summary>
/// How a refusal is answered and logged (DESIGN §8, issue 18 item 6): bad input at Warning without a stack trace, random
/// text with control characters never a 500, and a write that finds SQLite busy a 503 with Retry-After — not a 30 s wait.
/// </summary>
public sealed class RefusalTests(ITestOutputHelper output)
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_typed_query_value_an_endpoint_cannot_read_is_a_400_naming_the_parameter_the_value_and_what_it_needs()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var admin = await app.ClientAsAsync("demo.admin");

        var preview = await ProblemAssert.IsProblemAsync(
            await coordinator.PostAsync("/api/v1/provinces/15/years/2026/workbook?preview=c%C3%B3", new MultipartFormDataContent()),
            HttpStatusCode.BadRequest
        );
        var page = await ProblemAssert.IsProblemAsync(await admin.GetAsync("/api/v1/audit?page=abc"), HttpStatusCode.BadRequest);

        Assert.Equal(["Tham số preview: \"có\" không đọc được; cần true hoặc false."], ProblemAssert.Errors(preview, "preview"));
        Assert.Equal(["Tham số page: \"abc\" không đọc được; cần một số nguyên."], ProblemAssert.Errors(page, "page"));
        // A readable value is not diagnosed: the same address with preview=true reaches the upload (which wants a file).
        var noFile = await coordinator.PostAsync("/api/v1/provinces/15/years/2026/workbook?preview=true", new MultipartFormDataContent());
        Assert.DoesNotContain("Tham số preview", await noFile.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bad_input_is_logged_at_Warning_without_a_stack_trace_and_never_at_Error()
    {
        await using var app = await MtqgApp.StartAsync();
        var sink = new LogSink();
        await using var logged = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(sink)));
        var client = logged.CreateClient();

        var answers = new[]
        {
            await client.PostAsync("/api/v1/auth/token", Json("{\"userName\": ")),
            await client.PostAsync("/api/v1/auth/token", Json("{\"userName\": 5, \"password\": []}")),
            await client.PostAsync("/api/v1/auth/token", Json("{\"userName\": \"a\\u0000\", \"password\": \"b\"}")),
            await client.GetAsync("/api/v1/units?q=%00"),
            await client.GetAsync("/api/v1/years/0/summary"),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        Assert.DoesNotContain(sink.Entries, e => e.Level >= LogLevel.Error);
        var warnings = sink.Entries.Where(e => e.Category == "Mtqg.Refusal").ToList();
        Assert.Equal(answers.Length, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.All(warnings, w => Assert.Null(w.Exception));
        Assert.All(warnings, w => Assert.DoesNotContain("   at ", w.Message));
    }

    [Fact]
    public async Task Random_text_with_control_characters_never_gets_a_500_on_public_and_signed_in_endpoints()
    {
        await using var app = await MtqgApp.StartAsync();
        var anonymous = app.CreateClient();
        var office = (await app.Given().Account("coordinator", "15")).Client;
        var character = Gen.Frequency(
            (4, Gen.Choose(0, 0x1F).Select(c => (char)c)),
            (1, Gen.Elements('\u007F', '\u0085', '\u009F', '\u202A', '\u202E', '\u2066', '\u2069', '\u200B', '\uFEFF')),
            (4, Gen.Elements("aàăâđêôơưLàoCai 0-9/".ToCharArray()))
        );
        var texts = Gen.Sample(Gen.ArrayOf(character).Select(chars => new string(chars)), 40, 12);

        var answers = new List<(string What, HttpStatusCode Status)>();
        foreach (var text in texts)
        {
            var escaped = Uri.EscapeDataString(text);
            answers.Add(($"q={escaped}", (await anonymous.GetAsync($"/api/v1/units?q={escaped}")).StatusCode));
            answers.Add(
                (
                    $"token {escaped}",
                    (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = text, password = text })).StatusCode
                )
            );
            answers.Add(
                (
                    $"plan {escaped}",
                    (
                        await office.PostAsJsonAsync(
                            "/api/v1/plans",
                            new
                            {
                                provinceCode = "15",
                                number = text,
                                issuer = text,
                                issuedOn = "2026-02-01",
                                periodFrom = "2026-01-01",
                                periodTo = "2026-12-31",
                                title = text,
                            }
                        )
                    ).StatusCode
                )
            );
        }

        Assert.Equal(120, answers.Count);
        Assert.DoesNotContain(answers, a => (int)a.Status >= 500);
        // Every text the rule refuses is refused; a plan accepted holds no refused character.
        foreach (var plan in (await office.GetFromJsonAsync<JsonElement>("/api/v1/plans?province=15")).EnumerateArray())
            Assert.DoesNotContain(plan.GetProperty("title").GetString()!, c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
    }

    [Fact]
    public async Task A_write_held_up_by_another_write_answers_503_with_Retry_After_on_SQLite_and_waits_its_turn_on_PostgreSQL()
    {
        await using var app = new MtqgApp(
            await TestDatabase.CreateAsync(),
            settings: new Dictionary<string, string> { ["Database:SqliteBusyTimeoutSeconds"] = "1" }
        );
        var admin = await app.Given().Administrator();
        var viewer = await app.Given().Account("viewer", "15");
        var id = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/users"))
            .EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == viewer.UserName)
            .GetProperty("id")
            .GetString();
        var disable = () => admin.PutAsJsonAsync($"/api/v1/users/{id}/disabled", new { disabled = true });

        if (!TestDatabase.IsPostgres)
        {
            await using var holder = new SqliteConnection(app.ConnectionString);
            await holder.OpenAsync();
            await using (var begin = new SqliteCommand("BEGIN IMMEDIATE;", holder))
                await begin.ExecuteNonQueryAsync();

            var clock = Stopwatch.StartNew();
            var busy = await disable();
            clock.Stop();

            var problem = await ProblemAssert.IsProblemAsync(busy, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);
            Assert.Contains("Cơ sở dữ liệu đang bận", problem.GetProperty("detail").GetString());
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
            output.WriteLine($"SQLite busy, timeout 1 s: 503 after {clock.Elapsed.TotalSeconds:0.00} s");
            await using (var rollback = new SqliteCommand("ROLLBACK;", holder))
                await rollback.ExecuteNonQueryAsync();
        }
        else
        {
            await using var holder = new NpgsqlConnection(app.ConnectionString);
            await holder.OpenAsync();
            await using var tx = await holder.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM \"AspNetUsers\" WHERE \"Id\" = @id FOR UPDATE", holder, tx))
            {
                lockRow.Parameters.AddWithValue("id", id!);
                await lockRow.ExecuteNonQueryAsync();
            }
            var clock = Stopwatch.StartNew();
            var waiting = disable();
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(waiting.IsCompleted);
            await tx.CommitAsync();
            Assert.Equal(HttpStatusCode.NoContent, (await waiting).StatusCode);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1));
            output.WriteLine($"PostgreSQL row held 1 s: 204 after {clock.Elapsed.TotalSeconds:0.00} s");
        }

        Assert.Equal(HttpStatusCode.NoContent, (await disable()).StatusCode);
        var signIn = await app.CreateClient()
            .PostAsJsonAsync("/api/v1/auth/token", new { userName = viewer.UserName, password = viewer.Password });
        Assert.NotEqual(HttpStatusCode.OK, signIn.StatusCode);
    }

    private sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);

    private sealed class LogSink : ILoggerProvider
    {
        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(
                LogLevel logLevel,
                EventId eventId,
                TState state,
                Exception? exception,
                Func<TState, Exception?, string> formatter
            ) => entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
        }
    }
}
