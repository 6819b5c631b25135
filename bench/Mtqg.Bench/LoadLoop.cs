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
);

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

    public static async Task<LoadResult> RunAsync(
        HttpClient client,
        IReadOnlyList<string> paths,
        int clients,
        TimeSpan duration,
        int maxRequests
    )
    {
        var latencies = new List<double>[clients];
        var issued = 0;
        var errors = 0;
        long bytes = 0;
        string? firstError = null;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable
            .Range(0, clients)
            .Select(async c =>
            {
                var mine = latencies[c] = new List<double>(4096);
                await Task.Yield();
                while (watch.Elapsed < duration)
                {
                    var n = Interlocked.Increment(ref issued);
                    if (n > maxRequests)
                        break;
                    var path = paths[n % paths.Count];
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                        var body = await response.Content.ReadAsByteArrayAsync();
                        Interlocked.Add(ref bytes, body.Length);
                        if (!response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref errors);
                            Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode} {path}", null);
                        }
                    }
                    catch (HttpRequestException e)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"{e.Message} {path}", null);
                    }
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            })
            .ToList();
        await Task.WhenAll(workers);
        var seconds = watch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
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
        );
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
