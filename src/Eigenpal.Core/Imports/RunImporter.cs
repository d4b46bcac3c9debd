using Eigenpal.Api;
using Eigenpal.Polling;
using Eigenpal.Reconciliation;
using Eigenpal.Submissions;
using Eigenpal.Surfaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Imports;

/// <summary>
/// Adopts runs of a workflow that were started outside the worker, so that status, export, polling and
/// reprocessing see them. The window's runs are listed to the end on the surface new runs go on (the same
/// complete listings reconciliation relies on: short pages followed, a failing page retried, a list that
/// ends early split or reported, never taken as the end); each run the store does not know yet is read
/// and recorded as a submission of origin <c>import</c> whose one attempt mirrors the run's state. Runs
/// the worker started itself are never adopted: those it recorded are already tracked, and those whose
/// attempt is not recorded yet (being sent, lost, undetermined) are skipped, by their metadata on v1 or by
/// the attempt's window, so reconciliation still finds them. Importing again adds nothing.
/// </summary>
public sealed partial class RunImporter(
    NpgsqlDataSource dataSource, RunSurfaces surfaces, IOptions<PollingOptions> polling, IOptions<SenderOptions> sender, TimeProvider time, ILogger<RunImporter> logger)
{
    // As many reads in flight as reconciliation's echo reads; the fleet's rate limit spaces them anyway.
    private const int ReadConcurrency = 4;

    // The API's clock may run ahead of ours: a run it dates a little after our "now" is still listed.
    private static readonly TimeSpan FutureMargin = TimeSpan.FromMinutes(5);

    /// <summary>Imports what <paramref name="request"/> asks for, reporting progress as it goes.</summary>
    /// <exception cref="EigenpalException">The API refused (unknown workflow, bad key) or a call failed for good.</exception>
    public async Task<ImportReport> ImportAsync(ImportRequest request, IProgress<ImportProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var surface = await surfaces.CurrentAsync(cancellationToken);
        var now = time.GetUtcNow();
        var window = new ReconcileWindow(now - request.Since, now + FutureMargin);
        var report = new ImportReport(ImportBatch.For(request.Workflow, now), surface.Kind, window.From, window.To);
        progress?.Report(new ImportProgress(null, 0, 0));

        var listing = await ListAsync(surface, request, window, cancellationToken);
        report.ListCalls = listing.Calls;
        report.ListingProblem = listing.Complete ? null : listing.Problem ?? "the listing could not be completed";
        // The status filter is applied here too: a server may ignore it (and legacy listings are not filtered).
        var listed = listing.Executions
            .Where(e => request.Statuses.Count == 0 || request.Statuses.Contains(e.Status))
            .DistinctBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        report.Listed = listed.Count;

        // Read after the listing: an attempt whose run the listing shows committed its row before its request left.
        IReadOnlyList<UnresolvedAttempt> unresolved;
        HashSet<string> claimed;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            claimed = await ReconciliationStore.ClaimedRemoteIdsAsync(connection, [.. listed.Select(e => e.Id)], cancellationToken);
            unresolved = await ReconciliationStore.OverlappingUnresolvedAsync(
                connection, request.Workflow, window, Guid.Empty, sender.Value.UnmeasuredClockSkew, surfaces.Client.RequestTimeout, cancellationToken);
        }

        report.CountAlreadyTracked(claimed.Count);
        progress?.Report(new ImportProgress(listed.Count, report.Decided, 0));
        var reader = new OutsideRunReader(
            surface.Kind == ApiSurface.V1 ? surfaces.V1.Client : surfaces.Client, surface.Kind, new PageRetry(8, TimeSpan.FromMilliseconds(500), time));
        var decide = new Decision(dataSource, polling.Value.MinInterval, request, report, reader, unresolved);
        await Parallel.ForEachAsync(
            listed.Where(e => !claimed.Contains(e.Id)),
            new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = cancellationToken },
            async (run, ct) =>
            {
                await decide.RunAsync(run, ct);
                progress?.Report(new ImportProgress(listed.Count, report.Decided, report.Imported));
            });

        var surfaceName = surface.Kind.Name();
        LogImported(logger, request.Workflow, surfaceName, report.Listed, report.Imported, report.AlreadyTracked, report.Listed - report.Imported - report.AlreadyTracked);
        if (report.ListingProblem is { } problem)
        {
            LogIncomplete(logger, request.Workflow, problem);
        }

        return report;
    }

    private async Task<WindowListing> ListAsync(IRunSurface surface, ImportRequest request, ReconcileWindow window, CancellationToken ct)
    {
        if (surface.Kind != ApiSurface.V1)
        {
            return await surface.ListWindowAsync(request.Workflow, window, ct);
        }

        // v1 filters by status on the server, so a filtered import reads only the pages it needs.
        var v1 = surfaces.V1;
        var automation = await v1.ResolveAsync(request.Workflow, ct);
        return await new V1WindowLister(v1.Client.Runs, time, logger).ListAsync(automation, window, ct, request.Statuses.Count == 0 ? null : request.Statuses);
    }

    /// <summary>The decision about each listed run the store does not know yet.</summary>
    private sealed class Decision(NpgsqlDataSource dataSource, TimeSpan firstPoll, ImportRequest request, ImportReport report, OutsideRunReader reader, IReadOnlyList<UnresolvedAttempt> unresolved)
    {
        public async Task RunAsync(ExecutionSummary listed, CancellationToken ct)
        {
            var inUnresolvedWindow = unresolved.Any(a => a.Window.Contains(listed.CreatedAt));
            if (inUnresolvedWindow && report.Surface == ApiSurface.Legacy)
            {
                // Nothing on a legacy run says who started it: it is left for that attempt's reconciliation.
                report.CountSkipped(SkipReasons.MaybeUnreconciled);
                return;
            }

            var run = await reader.ReadAsync(listed, ct);
            if (run is null)
            {
                report.CountSkipped(SkipReasons.Unreadable);
                return;
            }

            await using var connection = await dataSource.OpenConnectionAsync(ct);
            if (run.NamesAWorker && await IsOursAsync(connection, run, ct))
            {
                report.CountSkipped(SkipReasons.StartedByThisWorker);
                return;
            }

            // A v1 run without our metadata in an unresolved attempt's window may still be ours (a server that drops metadata).
            if (inUnresolvedWindow && !run.NamesAWorker)
            {
                report.CountSkipped(SkipReasons.MaybeUnreconciled);
                return;
            }

            var input = ImportedInput.From(run.Input, request.DeclaredFileInputs);
            if (await ImportStore.AdoptAsync(connection, report.Batch, run, input, report.Surface, firstPoll, request.Observer, ct))
            {
                report.CountImported(run.RemoteId, input.MissingReason);
            }
            else
            {
                report.CountAlreadyTracked();
            }
        }

        private static async Task<bool> IsOursAsync(NpgsqlConnection connection, OutsideRun run, CancellationToken ct)
        {
            var known = await ImportStore.KnownIdsAsync(connection, [.. run.NamedAttempt is { } a ? [a] : Array.Empty<Guid>()],
                [.. run.NamedSubmission is { } s ? [s] : Array.Empty<Guid>()], ct);
            return known.Count > 0;
        }
    }

    [LoggerMessage(EventId = 1250, EventName = "RunsImported", Level = LogLevel.Information,
        Message = "Imported {Workflow}'s runs from the {Surface} surface: {Listed} listed, {Imported} adopted, {AlreadyTracked} already tracked, {Skipped} skipped")]
    private static partial void LogImported(ILogger logger, string workflow, string surface, int listed, int imported, int alreadyTracked, int skipped);

    [LoggerMessage(EventId = 1251, EventName = "ImportListingIncomplete", Level = LogLevel.Warning,
        Message = "The import of {Workflow}'s runs may have missed some ({Problem}); importing again finishes it")]
    private static partial void LogIncomplete(ILogger logger, string workflow, string problem);
}
