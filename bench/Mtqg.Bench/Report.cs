using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mtqg.Bench;

/// <summary>
/// One figure: the app's value, its goal (DESIGN §7), the reference measured in the same run, and
/// the ratio value / reference (for times, how many times slower than the reference; for rates,
/// the fraction of the reference's rate).
/// </summary>
public sealed record Result(
    string Name,
    double Value,
    string Unit,
    string? Goal,
    bool? Met,
    double? Reference,
    double? Ratio,
    string? Note = null
);

public sealed record Check(string Name, bool Passed, string Detail);

public sealed record Machine(string Cpu, int Cores, double MemoryGb, string Os, string Runtime, string? LoadAverage)
{
    public static Machine Current()
    {
        var cpu = "unknown";
        if (File.Exists("/proc/cpuinfo"))
            cpu = File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1]
                .Trim()
                ?? cpu;
        double memory = 0;
        if (File.Exists("/proc/meminfo"))
            memory =
                long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0 / 1024.0;
        // Other work on the machine during a run shows in wall times; the load average at the start says how busy it was.
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        return new Machine(
            cpu,
            Environment.ProcessorCount,
            Math.Round(memory, 1),
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            load
        );
    }
}

public sealed class Report(string scale, string database, Machine machine, int seed)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Every result has every key (goal, met, reference and ratio are null where there is none).
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public List<Result> Results { get; } = [];
    public List<Check> Checks { get; } = [];
    public Dictionary<string, object> Dataset { get; } = [];

    /// <summary>A figure with an upper goal (times, memory).</summary>
    public void AtMost(string name, double value, string unit, double goal, double? reference, string? note = null) =>
        Results.Add(
            new Result(
                name,
                Round(value),
                unit,
                $"≤ {goal.ToString(CultureInfo.InvariantCulture)}",
                value <= goal,
                Round(reference),
                Ratio(value, reference),
                note
            )
        );

    /// <summary>A figure with a lower goal (rates).</summary>
    public void AtLeast(string name, double value, string unit, double goal, double? reference, string? note = null) =>
        Results.Add(
            new Result(
                name,
                Round(value),
                unit,
                $"≥ {goal.ToString(CultureInfo.InvariantCulture)}",
                value >= goal,
                Round(reference),
                Ratio(value, reference),
                note
            )
        );

    public void Info(string name, double value, string unit, double? reference = null, string? note = null) =>
        Results.Add(new Result(name, Round(value), unit, null, null, Round(reference), Ratio(value, reference), note));

    public void Check(string name, bool passed, string detail)
    {
        Checks.Add(new Check(name, passed, detail));
        Console.WriteLine($"  check {(passed ? "ok  " : "FAIL")} {name}: {detail}");
    }

    private static double? Ratio(double value, double? reference) => reference is > 0 ? Math.Round(value / reference.Value, 2) : null;

    private static double Round(double value) => Math.Round(value, value >= 100 ? 0 : 2);

    private static double? Round(double? value) => value is double v ? Round(v) : null;

    public string Table()
    {
        var rows = Results
            .Select(r =>
                new[]
                {
                    r.Name,
                    Format(r.Value) + " " + r.Unit,
                    r.Goal ?? "",
                    r.Met switch
                    {
                        true => "yes",
                        false => "NO",
                        null => "",
                    },
                    r.Reference is double x ? Format(x) : "",
                    r.Ratio is double q ? q.ToString("0.00", CultureInfo.InvariantCulture) : "",
                }
            )
            .Prepend(["what", "value", "goal", "met", "reference", "ratio"])
            .ToList();
        var widths = Enumerable.Range(0, 6).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        text.AppendLine($"MTQG benchmark — scale {scale}, {database}");
        text.AppendLine(
            $"{machine.Cores} cores, {machine.MemoryGb} GB, {machine.Cpu}, {machine.Runtime}; load average at start {machine.LoadAverage}"
        );
        for (var i = 0; i < rows.Count; i++)
        {
            text.AppendLine(
                string.Join("  ", rows[i].Select((cell, c) => c is 0 or 2 or 3 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c])))
                    .TrimEnd()
            );
            if (i == 0)
                text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }
        foreach (var r in Results.Where(r => r.Note is not null))
            text.AppendLine($"  {r.Name}: {r.Note}");
        var failed = Checks.Where(c => !c.Passed).ToList();
        text.AppendLine(
            failed.Count == 0
                ? $"checks: all {Checks.Count} passed"
                : $"checks: {failed.Count} FAILED: {string.Join("; ", failed.Select(c => $"{c.Name} ({c.Detail})"))}"
        );
        return text.ToString();
    }

    private static string Format(double value) => value.ToString(value >= 100 ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    public async Task WriteAsync(string path) =>
        await File.WriteAllTextAsync(
            path,
            JsonSerializer.Serialize(
                new
                {
                    scale,
                    database,
                    machine,
                    seed,
                    dataset = Dataset,
                    results = Results,
                    checks = Checks,
                },
                Json
            )
        );
}
