using System.Text.Encodings.Web;
using System.Text.Json;
using Eigenpal.Worker.Access;

namespace Eigenpal.Worker.Cli.Access;

/// <summary>
/// Prints an <c>Eigenpal:Access</c> entry the two ways it can be configured: a JSON object for
/// appsettings.json and environment variables, so what a command prints can be pasted as it is.
/// </summary>
internal static class AccessConfigEntry
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the entry of <paramref name="list"/> (<c>Users</c> or <c>Tokens</c>) with <paramref name="fields"/> in order.</summary>
    public static void Write(TextWriter output, string list, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var json = string.Join(", ", fields.Select(f => $"{JsonSerializer.Serialize(f.Key, Json)}: {JsonSerializer.Serialize(f.Value, Json)}"));
        output.WriteLine($"Add to the list {AccessOptions.Section}:{list} in appsettings.json:");
        output.WriteLine($"  {{ {json} }}");
        output.WriteLine("or as environment variables (N: the entry's index in the list, 0 for the first):");
        foreach (var (key, value) in fields)
        {
            output.WriteLine($"  {AccessOptions.Section.Replace(":", "__", StringComparison.Ordinal)}__{list}__N__{key}={value}");
        }
    }
}
