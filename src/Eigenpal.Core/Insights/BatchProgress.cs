using Eigenpal.Submissions;

namespace Eigenpal.Insights;

/// <summary>How far a batch has got: its counts per state and how fast it has been finishing.</summary>
/// <param name="Batch">The batch.</param>
/// <param name="Counts">Submissions per state (states with none are absent), from <see cref="SubmissionTotals"/>.</param>
/// <param name="FinishedRecently">Submissions that reached a final state within <paramref name="RateWindow"/> before now.</param>
/// <param name="RateWindow">The window <paramref name="FinishedRecently"/> counts over.</param>
/// <param name="LastChange">The latest state change of any of its submissions; null for an empty batch.</param>
public sealed record BatchProgress(
    BatchInfo Batch, IReadOnlyDictionary<SubmissionState, long> Counts, long FinishedRecently, TimeSpan RateWindow, DateTimeOffset? LastChange)
{
    /// <summary>Every submission of the batch.</summary>
    public long Total => Counts.Values.Sum();

    /// <summary>Submissions in a final state.</summary>
    public long Finished => Counts.Where(c => c.Key.IsFinal()).Sum(c => c.Value);

    /// <summary>The submissions in <paramref name="state"/>.</summary>
    public long Count(SubmissionState state) => Counts.TryGetValue(state, out var n) ? n : 0;

    /// <summary>The share finished, 0 to 1 (1 for an empty batch: nothing is left to do).</summary>
    public double FinishedShare => Total == 0 ? 1 : (double)Finished / Total;

    /// <summary>Submissions finished per minute over the recent window.</summary>
    public double RecentPerMinute => RateWindow <= TimeSpan.Zero ? 0 : FinishedRecently / RateWindow.TotalMinutes;

    /// <summary>Submissions finished per minute from the batch's creation to its last change (its average pace).</summary>
    public double AveragePerMinute =>
        LastChange is { } last && last > Batch.CreatedAt ? Finished / Math.Max((last - Batch.CreatedAt).TotalMinutes, 1.0 / 60) : 0;
}
