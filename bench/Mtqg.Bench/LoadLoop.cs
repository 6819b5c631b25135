using System.Diagnostics;
using System.Net;

namespace Mtqg.Bench;

public sealed record LoadResult(
    int Requests,
    int Errors,
    double Seconds,
    double P50,
    double P95,
    double P99,
    double RequestsPerSecond,
    long Bytes,
    string? FirstError
)
{
    /// <summary>Per kind of request of a mixed loop (summary, scorecard, write): count and p95 latency.</summary>
    public IReadOnlyDictionary<string, (int Requests, double P95)> ByKind { get; init; } = new Dictionary<string, (int, double)>();

    /// <summary>The errors by kind of request and status ("write A 409"; "write A failed" when no answer came).</summary>
    public IReadOnlyDictionary<string, int> ErrorsByKind { get; init; } = new Dictionary<string, int>();
}

/// <summary>
/// A bounded load loop over loopback: <c>clients</c> concurrent clients, each sending its next request
/// as soon as the previous answer is read in full, until the duration or the request cap is reached.
/// </summary>
public static class LoadLoop
{
    public static HttpClient Client(Uri baseAddress, int connections) =>
        new(
            new SocketsHttpHandler
            {
                MaxConnectionsPerServer = connections,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
            }
        )
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public static Task<LoadResult> RunAsync(
        HttpClient client,
        IReadOnlyList<string> paths,
        int clients,
        TimeSpan duration,
        int maxRequests
    ) => RunAsync(client, n => ("get", new HttpRequestMessage(HttpMethod.Get, paths[n % paths.Count])), clients, duration, maxRequests);

    /// <summary>The loop with any request: <paramref name="next"/> makes the n-th request and names its kind (latencies are kept per kind).</summary>
    public static async Task<LoadResult> RunAsync(
        HttpClient client,
        Func<int, (string Kind, HttpRequestMessage Request)> next,
        int clients,
        TimeSpan duration,
        int maxRequests
    )
    {
        var latencies = new List<(string Kind, double Ms)>[clients];
        var issued = 0;
        var errors = 0;
        long bytes = 0;
        string? firstError = null;
        var errorsByKind = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var watch = Stopwatch.StartNew();
        var workers = Enumerable
            .Range(0, clients)
            .Select(async c =>
            {
                var mine = latencies[c] = new List<(string, double)>(4096);
                await Task.Yield();
                while (watch.Elapsed < duration)
                {
                    var n = Interlocked.Increment(ref issued);
                    if (n > maxRequests)
                        break;
                    var (kind, request) = next(n);
                    var path = $"{request.Method} {request.RequestUri}";
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                        var body = await response.Content.ReadAsByteArrayAsync();
                        Interlocked.Add(ref bytes, body.Length);
                        if (!response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref errors);
                            Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode} {path}", null);
                            errorsByKind.AddOrUpdate($"{kind} {(int)response.StatusCode}", 1, (_, n) => n + 1);
                        }
                    }
                    catch (HttpRequestException e)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"{e.Message} {path}", null);
                        errorsByKind.AddOrUpdate($"{kind} failed", 1, (_, n) => n + 1);
                    }
                    finally
                    {
                        request.Dispose();
                    }
                    mine.Add((kind, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
                }
            })
            .ToList();
        await Task.WhenAll(workers);
        var seconds = watch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Select(l => l.Ms).Order().ToArray();
        var byKind = latencies
            .SelectMany(l => l)
            .GroupBy(l => l.Kind)
            .ToDictionary(g => g.Key, g => (g.Count(), Percentile([.. g.Select(l => l.Ms).Order()], 0.95)));
        return new LoadResult(
            all.Length,
            errors,
            seconds,
            Percentile(all, 0.50),
            Percentile(all, 0.95),
            Percentile(all, 0.99),
            all.Length / seconds,
            bytes,
            firstError
        )
        {
            ByKind = byKind,
            ErrorsByKind = errorsByKind.ToDictionary(),
        };
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
