using System.ComponentModel.DataAnnotations;
using Eigenpal.Submissions;
using Eigenpal.Worker.Cli;

namespace Eigenpal.Worker.Dashboard;

/// <summary>What the executions dashboard and <c>/api/v1</c> call stuck, recent and enough (<c>Eigenpal:Dashboard</c>).</summary>
public sealed class EigenpalDashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Eigenpal:Dashboard";

    /// <summary>
    /// Per unfinished state, how long a submission may stay in it before it counts as stuck, as people type
    /// durations (<c>Eigenpal:Dashboard:StuckAfter:pending=10m</c>, <c>90s</c>, <c>2h</c>, <c>00:30:00</c>).
    /// A state left out is not watched. Pending waits for a sender, sending for an answer (a lost one is
    /// reconciled within minutes), running for the workflow itself, which may legitimately take long.
    /// </summary>
    public Dictionary<string, string> StuckAfter { get; init; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pending"] = "10m",
        ["sending"] = "5m",
        ["running"] = "30m",
    };

    /// <summary>How many hours the throughput and duration charts cover.</summary>
    [Range(1, 48)]
    public int ChartHours { get; init; } = 3;

    /// <summary>The most recent completions the duration percentiles are taken over (a bound on their cost).</summary>
    [Range(100, 1_000_000)]
    public int DurationSample { get; init; } = 20_000;

    /// <summary>How many hours back the overview's top failure reasons look.</summary>
    [Range(1, 24 * 90)]
    public int FailureWindowHours { get; init; } = 24;

    /// <summary>The window, in minutes, over which a batch's recent pace (finished per minute) is measured.</summary>
    [Range(1, 24 * 60)]
    public int RateWindowMinutes { get; init; } = 10;

    /// <summary>The most stuck submissions counted per state (the page says "at least" beyond it).</summary>
    [Range(10, 1_000_000)]
    public int StuckCountCap { get; init; } = 10_000;

    /// <summary>
    /// The parsed <see cref="StuckAfter"/>; entries that do not name an unfinished state or a duration are
    /// left out here and refused at start by <see cref="DashboardOptionsValidator"/>.
    /// </summary>
    public IReadOnlyDictionary<SubmissionState, TimeSpan> StuckThresholds()
    {
        var thresholds = new Dictionary<SubmissionState, TimeSpan>();
        foreach (var (name, text) in StuckAfter)
        {
            if (SubmissionStates.TryParse(name.ToLowerInvariant(), out var state) && !state.IsFinal() && DurationText.TryParse(text ?? "", out var age))
            {
                thresholds[state] = age;
            }
        }

        return thresholds;
    }
}
