namespace Eigenpal.Reconciliation;

/// <summary>
/// How strongly a listed execution's echo of its input (<c>triggerInput</c>, or v1 run metadata) says it is the run of
/// one attempt (see DESIGN.md, "Reconciling a lost run"). Ordered from weakest to strongest.
/// </summary>
public enum Evidence
{
    /// <summary>Something echoed differs from what the attempt sent: not its run.</summary>
    Contradicts = 0,

    /// <summary>Nothing comparable was echoed (no <c>triggerInput</c>, an opaque storage reference): it may be.</summary>
    Silent = 1,

    /// <summary>The file name matches (or some scalars do, nothing else was echoed): it suggests.</summary>
    Suggests = 2,

    /// <summary>File name and size match: it nearly proves.</summary>
    NearlyProves = 3,

    /// <summary>The content hash matches (or, without files, every input was echoed and equal): it proves.</summary>
    Proves = 4,

    /// <summary>
    /// The run's own metadata names the attempt (v1 starts carry it): exact, whatever else is in the
    /// window, since no other request ever carries that attempt's id.
    /// </summary>
    Named = 5,
}
