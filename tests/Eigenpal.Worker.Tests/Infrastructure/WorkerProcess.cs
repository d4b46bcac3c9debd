using System.Collections.Concurrent;
using System.Diagnostics;

namespace Eigenpal.Worker.Tests.Infrastructure;

/// <summary>
/// A real <c>eigenpal worker</c> process (the built eigenpal.dll), so tests can stop it
/// gracefully (SIGTERM) or kill it (SIGKILL) exactly as an operator or the OOM killer would.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process printed so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts a worker; its HTTP server listens on <paramref name="urls"/> (a free port by default).</summary>
    public static WorkerProcess Start(IReadOnlyDictionary<string, string> environment, string urls = "http://127.0.0.1:0")
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "eigenpal.dll");
        var info = new ProcessStartInfo("dotnet", [dll, "worker", "--urls", urls])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["Logging__LogLevel__Default"] = "Information";
        info.Environment["Logging__LogLevel__Hangfire"] = "Warning";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new WorkerProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start the worker process"));
    }

    /// <summary>SIGKILL: no shutdown code runs, connections are cut, locks and fetched jobs are left behind.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the host shuts down gracefully.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The worker did not stop within {timeout}. Output:\n{Output}");
        }
    }

    /// <summary>Waits for the process to end by itself (e.g. a refused start).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The worker did not exit within {timeout}. Output:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
