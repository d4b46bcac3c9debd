namespace Eigenpal.Worker.Cli.Infrastructure;

/// <summary>
/// The configuration the commands read, from the same places as the worker: appsettings.json,
/// appsettings.{Environment}.json, environment variables (<c>ConnectionStrings__Eigenpal</c>,
/// <c>EIGENPAL_API_KEY</c>, <c>EIGENPAL_BASE_URL</c>), then explicit overrides (tests, embedding).
/// </summary>
internal static class CliConfiguration
{
    public static IConfiguration Build(IDictionary<string, string?>? overrides)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? "Production";
        var builder = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables();
        if (overrides is not null)
        {
            // Accept environment-style keys (ConnectionStrings__Eigenpal) as well as configuration keys.
            builder.AddInMemoryCollection(overrides.Select(o => KeyValuePair.Create(o.Key.Replace("__", ":", StringComparison.Ordinal), o.Value)));
        }

        return builder.Build();
    }
}
