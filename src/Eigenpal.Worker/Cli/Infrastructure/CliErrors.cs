using Eigenpal.Api;
using Eigenpal.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli.Infrastructure;

/// <summary>
/// Turns an error that ends a command into one clear sentence and an exit code, never a stack
/// trace. Messages never carry the API key or the database password.
/// </summary>
internal static class CliErrors
{
    public static int Handle(Exception exception, CliServices services)
    {
        var (code, message) = Describe(exception, services);
        services.Console.MarkupLine($"[red]Error:[/] {Markup.Escape(message)}");
        return code;
    }

    public static (int Code, string Message) Describe(Exception exception, CliServices services) => exception switch
    {
        CommandParseException parse => (ExitCodes.BadInput, parse.Message),
        CommandAppException app => (ExitCodes.BadInput, app.Message),
        UsageException usage => (ExitCodes.BadInput, usage.Message),
        Eigenpal.Submissions.ResolutionException resolution => (ExitCodes.BadInput, resolution.Message),
        OptionsValidationException options when options.OptionsType == typeof(EigenpalStoreOptions) =>
            (ExitCodes.DatabaseUnavailable, string.Join(" ", options.Failures)),
        OptionsValidationException options when options.OptionsType == typeof(EigenpalClientOptions) =>
            (ExitCodes.ApiUnavailable, string.Join(" ", options.Failures)),
        OptionsValidationException options => (ExitCodes.BadInput, "Invalid configuration: " + string.Join(" ", options.Failures)),
        Hosting.ConnectionBudgetException budget => (ExitCodes.DatabaseUnavailable, budget.Message),
        FleetPausedException paused => (ExitCodes.ApiUnavailable, paused.Message),
        PostgresException { SqlState: PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName } =>
            (ExitCodes.DatabaseUnavailable, $"The database {services.DatabaseTarget} has no tracking schema: run 'eigenpal migrate' (or start a worker) first."),
        NpgsqlException db =>
            (ExitCodes.DatabaseUnavailable, $"Cannot use the database {services.DatabaseTarget}: {db.Message}"),
        EigenpalConfigurationException config => (ExitCodes.ApiUnavailable, config.Message),
        EigenpalAuthenticationException auth => (ExitCodes.ApiUnavailable, $"The Eigenpal API refused the API key (check EIGENPAL_API_KEY): {auth.Message}"),
        EigenpalRateLimitException limited => (ExitCodes.ApiUnavailable,
            $"The Eigenpal API is rate limiting (429){(limited.RetryAfter is { } wait ? $" and asked to wait {Math.Ceiling(wait.TotalSeconds):0} s" : "")}, " +
            $"longer than a command waits (Eigenpal__MaxRetryAfter); every worker holds its calls meanwhile. Try again later."),
        EigenpalForbiddenException forbidden => (ExitCodes.ApiUnavailable, $"The API key may not do this: {forbidden.Message}"),
        EigenpalException api => (ExitCodes.ApiUnavailable, $"The Eigenpal API failed: {api.Message}{(api.RequestId is null ? "" : $" (request id {api.RequestId})")}"),
        OperationCanceledException => (ExitCodes.Interrupted, "Interrupted; everything recorded so far stays recorded."),
        _ => (ExitCodes.InternalError, $"Unexpected {exception.GetType().Name}: {exception.Message}"),
    };
}
