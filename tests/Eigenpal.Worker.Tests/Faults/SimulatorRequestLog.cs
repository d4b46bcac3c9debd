using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Eigenpal.Worker.Tests.Faults;

/// <summary>
/// Every request the in-process simulator serves, seen from ASP.NET Core's hosting diagnostics
/// (when it arrived, when it was answered, with what): the evidence for "no request inside a
/// Retry-After" when the simulator's counter says otherwise. Test instrumentation only; it reads the
/// simulator's traffic and changes nothing in it.
/// </summary>
public sealed class SimulatorRequestLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string StartEvent = "Microsoft.AspNetCore.Hosting.HttpRequestIn.Start";
    private const string StopEvent = "Microsoft.AspNetCore.Hosting.HttpRequestIn.Stop";

    private readonly int _port;
    private readonly ConcurrentDictionary<HttpContext, DateTime> _arrivals = new();
    private readonly ConcurrentQueue<ServedRequest> _served = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;

    public SimulatorRequestLog(Uri simulator)
    {
        _port = simulator.Port;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>The requests answered so far, in the order they were answered.</summary>
    public IReadOnlyList<ServedRequest> Served => [.. _served];

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.AspNetCore")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this, (name, _, _) => name is StartEvent or StopEvent or "Microsoft.AspNetCore.Hosting.HttpRequestIn"));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is not HttpContext context || context.Connection.LocalPort != _port)
        {
            return;
        }

        var now = DateTime.Now;
        if (value.Key == StartEvent)
        {
            _arrivals[context] = now;
        }
        else if (value.Key == StopEvent && _arrivals.TryRemove(context, out var arrived))
        {
            _served.Enqueue(new ServedRequest(
                arrived, now, context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode,
                int.TryParse(context.Response.Headers.RetryAfter.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null,
                context.Connection.RemotePort));
        }
    }

    /// <summary>
    /// Requests that arrived more than <paramref name="grace"/> after a 429 was answered and before the
    /// Retry-After it gave had passed (the simulator's own rule), each with the 429 it ignored.
    /// </summary>
    public IReadOnlyList<(ServedRequest Early, ServedRequest RateLimited)> EarlyRequests(TimeSpan grace)
    {
        var served = Served;
        var limited = served.Where(r => r.Status == 429 && r.RetryAfterSeconds is not null).OrderBy(r => r.Answered).ToList();
        var early = new List<(ServedRequest, ServedRequest)>();
        foreach (var request in served)
        {
            var ignored = limited.LastOrDefault(l => l.Answered < request.Arrived);
            if (ignored is not null && request.Arrived - ignored.Answered > grace
                && request.Arrived < limited.Where(l => l.Answered < request.Arrived).Max(l => l.Answered.AddSeconds(l.RetryAfterSeconds!.Value)))
            {
                early.Add((request, ignored));
            }
        }

        return early;
    }

    /// <summary>A readable account of the early requests and the traffic around each.</summary>
    public string DescribeEarly(TimeSpan grace)
    {
        var early = EarlyRequests(grace);
        var text = new StringBuilder($"{early.Count} request(s) arrived inside a Retry-After (simulator's hosting clock, local time; client port = connection):\n");
        foreach (var (request, limited) in early.Take(10))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {request} — {(request.Arrived - limited.Answered).TotalMilliseconds:0} ms after the 429 {limited}\n");
        }

        if (early.Count > 0)
        {
            var first = early[0].RateLimited.Answered;
            text.Append("  traffic from 1.5 s before the first ignored 429 to 1.5 s after:\n");
            foreach (var r in Served.Where(r => r.Arrived > first.AddSeconds(-1.5) && r.Arrived < first.AddSeconds(1.5)).OrderBy(r => r.Arrived))
            {
                text.Append("    ").Append(r).Append('\n');
            }
        }

        return text.ToString();
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}

/// <summary>One request the simulator served: arrival and answer times (local wall clock), what, and the answer.</summary>
public sealed record ServedRequest(DateTime Arrived, DateTime Answered, string Method, string Path, int Status, int? RetryAfterSeconds, int ClientPort)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Arrived:HH:mm:ss.fff}→{Answered:HH:mm:ss.fff} {Method} {Path} {Status}{(RetryAfterSeconds is { } s ? $" Retry-After {s}" : "")} from :{ClientPort}");
}
