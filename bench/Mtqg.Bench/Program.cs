namespace Mtqg.Bench;

public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--reference-server"))
            return await ReferenceServer.RunAsync(args);
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Options.Usage);
            return 0;
        }
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Options.Usage);
            return 2;
        }
        return options.Faults ? await new BenchmarkRun(options).FaultsAsync() : await new BenchmarkRun(options).RunAsync();
    }
}
