using System.Text.Json;
using Eigenpal.Api;

namespace Eigenpal.Surfaces;

/// <summary>What the API answered to a run request: the run's id and, when it answered with the run itself, its status and outcome.</summary>
internal sealed record StartedRun(string RemoteId, ExecutionStatus? Status, JsonElement? Result, string? Error);
