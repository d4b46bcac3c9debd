using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Eigenpal.Simulator;
using Npgsql;

namespace Eigenpal.Bench;

/// <summary>
/// The dashboard's real queries at scale: a real <c>eigenpal worker</c> process over the seeded store serves
/// every page and <c>/api/v1</c> endpoint of the list (bench/scale/pages.txt); each is requested several times
/// over HTTP, and <c>pg_stat_statements</c> (reset before each page) tells which statements it ran and their
/// mean execution time. Statements the idle worker runs anyway (relay, fold, Hangfire) are learned first, by
/// watching a few seconds without requests, and left out of the pages' lists.
/// </summary>
internal static class ScalePages
{
    private const string StatementsSql = """
        SELECT queryid, calls, mean_exec_time, max_exec_time, regexp_replace(query, '\s+', ' ', 'g')
        FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT ILIKE '%hangfire%' AND query NOT ILIKE '%pg_stat_statements%'
        ORDER BY mean_exec_time DESC
        """;

    public static async Task<string> RunAsync(string connectionString, string pagesFile, int repeat)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await ExecuteAsync(dataSource, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        await using var simulator = await SimulatorHost.StartAsync(o => o.Seed = 7);
        var port = FreePort();
        using var worker = StartWorker(connectionString, simulator, port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        await WaitUntilServingAsync(http, worker);

        var background = await BackgroundStatementsAsync(dataSource);
        var values = await PlaceholdersAsync(dataSource);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"| Page ({repeat} requests each) | HTTP median | Statements (mean exec time, calls) |").AppendLine("|---|---|---|");
        var notes = new List<string>();
        foreach (var line in File.ReadAllLines(pagesFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var path = values.Aggregate(line, (p, v) => p.Replace(v.Key, v.Value, StringComparison.Ordinal));
            using (var probe = await http.GetAsync(path))
            {
                if (probe.StatusCode == HttpStatusCode.NotFound)
                {
                    notes.Add($"`{line}`: 404, not served by this build (skipped)");
                    continue;
                }

                if (!probe.IsSuccessStatusCode)
                {
                    notes.Add($"`{line}`: HTTP {(int)probe.StatusCode} (measured anyway)");
                }
            }

            await ExecuteAsync(dataSource, "SELECT pg_stat_statements_reset()");
            var times = new List<double>();
            for (var i = 0; i < repeat; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var statements = (await StatementsAsync(dataSource)).Where(s => !background.Contains(s.QueryId)).ToList();
            var median = times[times.Count / 2];
            var cells = statements.Count == 0 ? "(none)" : string.Join("<br>", statements.Select(s =>
                FormattableString.Invariant($"{(s.Mean > 100 ? "**OVER 100 ms** " : "")}{s.Mean:0.00} ms ×{s.Calls}: `{Shorten(s.Query)}`")));
            report.AppendLine(CultureInfo.InvariantCulture, $"| `{line}` | {median:0.0} ms{(median > 100 ? " **over 100 ms**" : "")} | {cells} |");
        }

        foreach (var note in notes)
        {
            report.AppendLine().Append("- ").Append(note);
        }

        worker.Kill(entireProcessTree: true);
        return report.AppendLine().ToString();
    }

    private static string Shorten(string query) => (query.Length > 160 ? query[..160] + "…" : query).Replace("|", "\\|", StringComparison.Ordinal);

    // What the idle worker runs by itself over three seconds (relay, fold, rate limiter, its LISTEN).
    private static async Task<HashSet<long>> BackgroundStatementsAsync(NpgsqlDataSource dataSource)
    {
        await ExecuteAsync(dataSource, "SELECT pg_stat_statements_reset()");
        await Task.Delay(TimeSpan.FromSeconds(5));
        return [.. (await StatementsAsync(dataSource)).Select(s => s.QueryId)];
    }

    private static async Task<List<(long QueryId, long Calls, double Mean, string Query)>> StatementsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(StatementsSql);
        var rows = new List<(long, long, double, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetString(4)));
        }

        return rows;
    }

    // The ids the page list names: a batch in the middle of the history, a submission that failed three times.
    private static async Task<Dictionary<string, string>> PlaceholdersAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT id::text FROM eigenpal.batches ORDER BY created_at OFFSET (SELECT count(*) / 2 FROM eigenpal.batches) LIMIT 1),
                   (SELECT name FROM eigenpal.batches ORDER BY created_at OFFSET (SELECT count(*) / 2 FROM eigenpal.batches) LIMIT 1),
                   (SELECT id::text FROM eigenpal.submissions WHERE state = 'failed' AND attempt = 3 ORDER BY updated_at DESC LIMIT 1),
                   (SELECT workflow FROM eigenpal.submissions WHERE state = 'failed' AND attempt = 3 ORDER BY updated_at DESC LIMIT 1)
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Dictionary<string, string>
        {
            ["{batch}"] = reader.GetString(0),
            ["{batch_name}"] = reader.GetString(1),
            ["{submission}"] = reader.GetString(2),
            ["{workflow}"] = reader.GetString(3),
        };
    }

    private static Process StartWorker(string connectionString, SimulatorHost simulator, int port)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "eigenpal.dll"), "worker", "--urls", $"http://127.0.0.1:{port}"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ConnectionStrings__Eigenpal"] = connectionString;
        info.Environment["EIGENPAL_BASE_URL"] = simulator.BaseUrl.ToString();
        info.Environment["EIGENPAL_API_KEY"] = simulator.ApiKey;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Eigenpal__Api"] = "legacy";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the worker");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("worker: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilServingAsync(HttpClient http, Process worker)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline && !worker.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException("the worker did not serve /healthz within 2 minutes");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
