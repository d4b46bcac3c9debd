using Eigenpal.Surfaces;

namespace Eigenpal.Imports;

/// <summary>What one import did, counted so that <c>listed = imported + already tracked + skipped</c>.</summary>
public sealed class ImportReport
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _skipped = new(StringComparer.Ordinal);
    private readonly List<NotReprocessable> _notReprocessable = [];

    internal ImportReport(ImportBatch batch, ApiSurface surface, DateTimeOffset from, DateTimeOffset to)
    {
        Batch = batch;
        Surface = surface;
        From = from;
        To = to;
    }

    /// <summary>The batch the adopted runs were put in (it exists only when <see cref="Imported"/> is above 0).</summary>
    public ImportBatch Batch { get; }

    /// <summary>The surface the runs were listed and read on, and are polled on from now.</summary>
    public ApiSurface Surface { get; }

    /// <summary>The earliest creation time listed (local clock).</summary>
    public DateTimeOffset From { get; }

    /// <summary>The latest creation time listed (local clock).</summary>
    public DateTimeOffset To { get; }

    /// <summary>Runs listed in the window whose status matched.</summary>
    public int Listed { get; internal set; }

    /// <summary>List calls the listing took.</summary>
    public int ListCalls { get; internal set; }

    /// <summary>Why the listing may have missed runs (it kept failing, or the list ended early); null when it is complete.</summary>
    public string? ListingProblem { get; internal set; }

    /// <summary>Runs adopted as new submissions.</summary>
    public int Imported { get; private set; }

    /// <summary>Runs whose id an attempt already holds (the worker's own runs, or an earlier import).</summary>
    public int AlreadyTracked { get; private set; }

    /// <summary>Runs not adopted, by reason (<see cref="SkipReasons"/>).</summary>
    public IReadOnlyDictionary<string, int> Skipped
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_skipped, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Adopted runs that cannot be sent again, each with the reason recorded on its submission.</summary>
    public IReadOnlyList<NotReprocessable> NotReprocessableRuns
    {
        get
        {
            lock (_gate)
            {
                return [.. _notReprocessable];
            }
        }
    }

    /// <summary>Runs decided so far.</summary>
    public int Decided
    {
        get
        {
            lock (_gate)
            {
                return Imported + AlreadyTracked + _skipped.Values.Sum();
            }
        }
    }

    /// <summary>Whether every run the window holds was seen and decided (nothing to finish by importing again).</summary>
    public bool Complete => ListingProblem is null && !Skipped.ContainsKey(SkipReasons.Unreadable);

    internal void CountImported(string remoteId, string? missingReason)
    {
        lock (_gate)
        {
            Imported++;
            if (missingReason is not null)
            {
                _notReprocessable.Add(new NotReprocessable(remoteId, missingReason));
            }
        }
    }

    internal void CountAlreadyTracked(int count = 1)
    {
        lock (_gate)
        {
            AlreadyTracked += count;
        }
    }

    internal void CountSkipped(string reason)
    {
        lock (_gate)
        {
            _skipped[reason] = _skipped.GetValueOrDefault(reason) + 1;
        }
    }

    /// <summary>An adopted run that cannot be sent again.</summary>
    /// <param name="RemoteId">The run.</param>
    /// <param name="Reason">Why (as recorded in <c>submissions.inputs_missing</c>).</param>
    public sealed record NotReprocessable(string RemoteId, string Reason);
}
