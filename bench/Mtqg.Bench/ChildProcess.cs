using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Mtqg.Bench;

/// <summary>
/// A server started as its own process on 127.0.0.1 with a port the OS picks: the web app
/// (<c>dotnet Mtqg.Web.dll</c>) or the hand-written reference server. Its memory is its own, read
/// from the kernel (VmHWM: the peak resident set, what Process.PeakWorkingSet64 reports on Linux).
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Queue<string> lastLines = new();

    public Uri BaseAddress { get; private set; } = null!;
    public string Name { get; }

    private ChildProcess(Process process, string name) => (this.process, Name) = (process, name);

    public static async Task<ChildProcess> StartAsync(
        string name,
        string dll,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout
    )
    {
        var info = new ProcessStartInfo(DotnetHost(), ["exec", dll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name}.");
        var child = new ChildProcess(process, name);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
                return;
            lock (child.lastLines)
            {
                child.lastLines.Enqueue(line);
                if (child.lastLines.Count > 40)
                    child.lastLines.Dequeue();
            }
            if (Listening().Match(line) is { Success: true } m)
                listening.TrySetResult(new Uri(m.Groups[1].Value));
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(timeout));
        if (first != listening.Task)
        {
            await child.DisposeAsync();
            throw new InvalidOperationException(
                $"{name} did not start listening within {timeout.TotalSeconds:0} s. Last output:\n{child.Output()}"
            );
        }
        child.BaseAddress = await listening.Task;
        return child;
    }

    public string Output()
    {
        lock (lastLines)
            return string.Join('\n', lastLines);
    }

    public int Id => process.Id;

    /// <summary>Peak resident memory of the process so far (over every step, <see cref="StepPeak"/> resets included), in bytes.</summary>
    public long PeakWorkingSet() => Math.Max(earlierPeak, HighWaterMark());

    /// <summary>
    /// Peak resident memory since the previous call (or the start), in bytes; then restarts the kernel's high-water mark from
    /// the current resident set (writing 5 to /proc/PID/clear_refs, Linux), so the next call gives the next step's own peak.
    /// <see cref="PeakWorkingSet"/> still gives the peak over all steps.
    /// </summary>
    public long StepPeak()
    {
        var peak = HighWaterMark();
        earlierPeak = Math.Max(earlierPeak, peak);
        try
        {
            File.WriteAllText($"/proc/{process.Id}/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the figure is then the peak so far, as before.
        }
        return peak;
    }

    private long earlierPeak;

    private long HighWaterMark()
    {
        var status = $"/proc/{process.Id}/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    public long WorkingSet()
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>CPU time (user and system, all threads) the process has used so far: robust to other load on the machine, unlike wall time.</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>
    /// SIGKILL (what Process.Kill sends on Linux), as a crash, an OOM kill or a pulled plug ends the app: no shutdown, no
    /// flush, open transactions left to the database to roll back.
    /// </summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>The dotnet host running this benchmark (so the child uses the same runtime).</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        }
        process.Dispose();
    }

    [GeneratedRegex(@"(?:Now listening on|listening on):\s*(http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
