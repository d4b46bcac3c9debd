using System.Text.Json;

namespace Eigenpal.Api.V1;

/// <summary>What a run started with (<c>input</c>, only with <see cref="RunExpand.Input"/>).</summary>
/// <param name="Args">The arguments; file inputs appear as stored references (<c>{"$file": "input/…"}</c>).</param>
/// <param name="Metadata">The metadata the caller supplied, if the server keeps it.</param>
public sealed record RunInput(JsonElement? Args = null, JsonElement? Metadata = null);
