namespace Eigenpal.Api.V1;

/// <summary>The optional sections of <see cref="RunsClient.GetAsync"/> (query <c>expand</c>, comma-separated).</summary>
[Flags]
public enum RunExpand
{
    /// <summary>The core keys only.</summary>
    None = 0,

    /// <summary><c>input</c>: the arguments and the caller's metadata the run started with.</summary>
    Input = 1,

    /// <summary><c>usage</c>: tokens, credits and duration.</summary>
    Usage = 2,

    /// <summary><c>execution</c>: the full execution with its steps.</summary>
    Execution = 4,

    /// <summary><c>debug</c>: the observability timeline and trace id.</summary>
    Debug = 8,
}
