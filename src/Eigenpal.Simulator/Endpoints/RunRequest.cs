using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>A run request's body once read: the inputs and the calling surface.</summary>
internal sealed record RunRequest(RunInput Input, string Trigger);
