using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1.Contracts;
using Eigenpal.Simulator.V1.Modes;
using Eigenpal.Simulator.Workflows;
using Microsoft.Extensions.Options;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// <c>GET /v1/runs</c> (§4.3): runs of every workflow (or of the <c>source</c>), newest first unless
/// <see cref="ModeOptions.ListOrder"/> says otherwise, one page per call with a keyset cursor.
/// <c>nextCursor</c> is null exactly when nothing matching is left; a page may be short (even
/// empty) while it is set (<see cref="ModeOptions.V1ShortPageRate"/>). New runs appear only after
/// <see cref="ModeOptions.ListVisibilityDelayMs"/>, as on the legacy list.
/// </summary>
internal static class RunsListEndpoint
{
    public static IResult List(
        HttpContext context, WorkflowCatalog catalog, ExecutionStore store, RunMapper mapper, ModeState modeState, ApiClock time, IOptions<SimulatorOptions> options)
    {
        var modes = modeState.Current;
        if (!RunListFilter.TryRead(context, modes, out var filter, out var error))
        {
            return error!;
        }

        var fingerprint = filter.Fingerprint();
        RunCursor? cursor = null;
        if (context.Request.Query["cursor"].ToString() is { Length: > 0 } raw)
        {
            if (!RunCursor.TryDecode(raw, out var decoded) || decoded.Filter != fingerprint)
            {
                return ApiErrors.Validation(context, "query.cursor", "cursor is not a nextCursor of this list with these filters.");
            }

            cursor = decoded;
        }

        var now = time.GetUtcNow();
        var newestFirst = cursor?.NewestFirst ?? modes.ListOrder == ListOrderMode.NewestFirst;
        var visibleFrom = now - TimeSpan.FromMilliseconds(modes.ListVisibilityDelayMs);
        var page = cursor?.Page + 1 ?? 1;
        var size = PageSize(filter.Limit, modes.V1ShortPageRate, cursor?.AfterEmpty ?? false, options.Value.Seed, page, cursor?.CreatedTicks ?? 0);

        // One more than the page holds is kept, to learn whether anything is left after it.
        var selector = new RunPageSelector(size + 1, newestFirst);
        foreach (var workflow in filter.MatchesNothing ? [] : Sources(catalog, filter.Source, modes.SourceFilter))
        {
            // Stored in creation order: walked in list order, the heap fills with the runs it keeps and
            // later ones are turned away at a glance.
            var runs = store.ForWorkflow(workflow.Id).Span;
            for (var n = 0; n < runs.Length; n++)
            {
                var e = runs[newestFirst ? runs.Length - 1 - n : n];
                // Cheapest test first: on later pages most runs lie before the cursor.
                if ((cursor is not { } c || c.Follows(e.CreatedAt.UtcTicks, e.Id))
                    && (modes.ListVisibilityDelayMs == 0 || e.CreatedAt <= visibleFrom)
                    && filter.Matches(e, now))
                {
                    selector.Offer(e);
                }
            }
        }

        var served = selector.InOrder().Take(size).ToList();
        string? next = null;
        if (selector.Matches > served.Count)
        {
            next = served.Count > 0
                ? new RunCursor(fingerprint, newestFirst, served[^1].CreatedAt.UtcTicks, served[^1].Id, false, page).Encode()
                : new RunCursor(fingerprint, newestFirst, cursor?.CreatedTicks ?? (newestFirst ? long.MaxValue : long.MinValue), cursor?.Id ?? "", true, page).Encode();
        }

        return TypedResults.Json(new RunsPageResponse([.. served.Select(e => mapper.ListItem(e, now))], next), SimulatorJson.Options);
    }

    /// <summary>The workflows whose runs the <c>source</c> filter lets through, as the mode reads it.</summary>
    private static IEnumerable<WorkflowDefinition> Sources(WorkflowCatalog catalog, string? source, SourceFilterMode mode) =>
        source is null || mode == SourceFilterMode.Ignored
            ? catalog.All
            : catalog.All.Where(w => w.Id == source
                || (mode == SourceFilterMode.IdOrSlug && (w.Name == source || source == RunTargets.WorkflowsPrefix + w.Name || source == RunTargets.WorkflowsPrefix + w.Id)));

    /// <summary>
    /// How many runs this page holds: the limit, or on a short page fewer (possibly none, but
    /// never twice in a row, so paging always advances). With a seed the draw is fixed by the page's position.
    /// </summary>
    private static int PageSize(int limit, double shortRate, bool afterEmpty, int? seed, int page, long position)
    {
        if (shortRate <= 0)
        {
            return limit;
        }

        var random = seed is { } s ? new Random(s ^ (page * 7919) ^ position.GetHashCode()) : new Random();
        if (!(shortRate >= 1 || random.NextDouble() < shortRate))
        {
            return limit;
        }

        var smallest = afterEmpty ? 1 : 0;
        return limit - 1 < smallest ? limit : random.Next(smallest, limit);
    }
}
