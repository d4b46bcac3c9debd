using System.Diagnostics;
using Eigenpal.Simulator;

namespace Eigenpal.Bench;

/// <summary>Starts a real <c>eigenpal worker</c> process for the benchmark.</summary>
internal static class BenchWorker
{
    public static Process Start(string connectionString, SimulatorHost simulator)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "eigenpal.dll"), "worker", "--urls", "http://127.0.0.1:0"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ConnectionStrings__Eigenpal"] = connectionString;
        info.Environment["EIGENPAL_BASE_URL"] = simulator.BaseUrl.ToString();
        info.Environment["EIGENPAL_API_KEY"] = simulator.ApiKey;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // BENCH_API=legacy|v1|auto picks the surface (the simulator serves both; auto chooses v1).
        info.Environment["Eigenpal__Api"] = Environment.GetEnvironmentVariable("BENCH_API") ?? "legacy";
        // Measure the worker, not the configured API limit.
        info.Environment["Eigenpal__RateLimit__RequestsPerSecond"] = "5000";
        info.Environment["Eigenpal__RateLimit__Burst"] = "200";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the worker");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("worker: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
