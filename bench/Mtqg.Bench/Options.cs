using System.Globalization;

namespace Mtqg.Bench;

public sealed record Options
{
    public string Scale { get; init; } = "small";
    public string? Postgres { get; init; }
    public string? Out { get; init; }
    public int Seed { get; init; } = 20260101;
    public string Province { get; init; } = "15";
    public int Clients { get; init; } = 32;
    public TimeSpan Duration { get; init; }
    public int MaxRequests { get; init; } = 200_000;
    public int Repeat { get; init; }
    public string? WebDll { get; init; }
    public IReadOnlyDictionary<string, string> WebEnvironment { get; init; } = new Dictionary<string, string>();
    public bool Keep { get; init; }
    public bool MoneyOnly { get; init; }
    public bool Faults { get; init; }
    public int FaultRounds { get; init; } = 5;
    public int SoakSeconds { get; init; } = 60;

    public bool National => Scale == "national";

    public const string Usage = """
        Mtqg.Bench — the project's benchmark (DESIGN §7)
          --scale small|national   one province (default) or every rural commune of the country, 2021–2030
          --postgres "<conn>"      use a fresh database on this PostgreSQL server (default: a fresh SQLite file)
          --out FILE               also write the results as JSON
          --seed N                 data generator seed (default 20260101)
          --province CODE          the province of the small scale, as of today (default 15, Lào Cai)
          --clients N              concurrent clients of the summary load (default 32)
          --duration SECONDS       length of each load loop (default 10 national, 3 small)
          --max-requests N         cap on requests per load loop (default 200000)
          --repeat N               timed runs of evaluation and export, median reported (default 5 national, 3 small)
          --web-dll PATH           the web app to start (default: Mtqg.Web.dll next to the benchmark)
          --web-env KEY=VALUE      an extra environment variable for the web app's process (repeatable), e.g. DOTNET_GCConserveMemory=5
          --keep                   keep the database afterwards
          --money-only             only the projects and disbursement part (issue 14): the data set and its two summaries
          --faults                 process-level faults instead (docs/reliability.md): kill -9 during an import and during a
                                   dossier decision, a soak, and with --postgres two web nodes on one database (with uploads
                                   and a decision)
          --fault-rounds N         kill -9 rounds during an import, and as many during a dossier decision (default 5)
          --soak-seconds SECONDS   length of the soak under the mixed load (default 60; 0 skips it)
        """;

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> environment, string setting) =>
        setting.Split('=', 2) is [var key, var value] && key.Length > 0
            ? new Dictionary<string, string>(environment) { [key] = value }
            : throw new ArgumentException($"--web-env needs KEY=VALUE, not \"{setting}\".");

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--scale" => options with
                {
                    Scale =
                        Next() is var s && s is "small" or "national" ? s : throw new ArgumentException("--scale is small or national."),
                },
                "--postgres" => options with { Postgres = Next() },
                "--out" => options with { Out = Next() },
                "--seed" => options with { Seed = Int() },
                "--province" => options with { Province = Next() },
                "--clients" => options with { Clients = Int() },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--max-requests" => options with { MaxRequests = Int() },
                "--repeat" => options with { Repeat = Int() },
                "--web-dll" => options with { WebDll = Next() },
                "--web-env" => options with { WebEnvironment = With(options.WebEnvironment, Next()) },
                "--keep" => options with { Keep = true },
                "--money-only" => options with { MoneyOnly = true },
                "--faults" => options with { Faults = true },
                "--fault-rounds" => options with { FaultRounds = Int() },
                "--soak-seconds" => options with { SoakSeconds = Int() },
                var other => throw new ArgumentException($"Unknown option {other}."),
            };
        }
        return options with
        {
            Duration = options.Duration > TimeSpan.Zero ? options.Duration : TimeSpan.FromSeconds(options.National ? 10 : 3),
            Repeat =
                options.Repeat > 0 ? options.Repeat
                : options.National ? 5
                : 3,
        };
    }
}
