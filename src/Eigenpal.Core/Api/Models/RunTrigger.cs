using System.Text.Json.Serialization;

namespace Eigenpal.Api;

/// <summary>The calling surface reported with a run (<c>trigger</c>); the server default is <see cref="Api"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunTrigger>))]
public enum RunTrigger
{
    /// <summary>A programmatic API call (<c>api</c>).</summary>
    [JsonStringEnumMemberName("api")] Api,

    /// <summary>A command-line tool (<c>cli</c>).</summary>
    [JsonStringEnumMemberName("cli")] Cli,
}
