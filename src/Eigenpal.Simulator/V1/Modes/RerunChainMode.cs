using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.V1.Modes;

/// <summary>Whether a rerun fills <c>execution.retry</c>; the SDK only suggests it does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RerunChainMode>))]
public enum RerunChainMode
{
    /// <summary>The new run's <c>retry.previousRunId</c> is the source run and its <c>number</c> the source's plus one; the source's <c>nextRun</c> names the new run.</summary>
    Filled,

    /// <summary>Every run shows <c>retry</c> as <c>{number: 0, previousRunId: null, nextRun: null}</c>.</summary>
    Empty,
}
