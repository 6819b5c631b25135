using BenchmarkDotNet.Running;

namespace Mtqg.Bench.Micro;

public static class MicroProgram
{
    /// <summary>
    /// BenchmarkSwitcher with this project's defaults, each overridable on the command line: all
    /// benchmarks, the short job, in process (no generated project to restore and build: this
    /// repository's central package versions would have to be repeated for it), artifacts in the
    /// temporary folder rather than the work tree.
    /// </summary>
    public static void Main(string[] args)
    {
        List<string> arguments = [.. args];
        if (!arguments.Contains("--filter"))
            arguments.AddRange(["--filter", "*"]);
        if (!arguments.Contains("--job"))
            arguments.AddRange(["--job", "short"]);
        if (!arguments.Contains("--inProcess"))
            arguments.Add("--inProcess");
        if (!arguments.Contains("--artifacts"))
            arguments.AddRange(["--artifacts", Path.Combine(Path.GetTempPath(), "mtqg-bench-micro")]);
        BenchmarkSwitcher.FromAssembly(typeof(MicroProgram).Assembly).Run([.. arguments]);
    }
}
