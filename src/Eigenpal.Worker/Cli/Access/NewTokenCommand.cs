using System.ComponentModel;
using Eigenpal.Worker.Access;
using Eigenpal.Worker.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli.Access;

/// <summary>
/// <c>eigenpal access new-token</c>: makes a random bearer token and prints it once, with the
/// <c>Eigenpal:Access:Tokens</c> entry that holds only its SHA-256 (the worker never stores the token).
/// The first line of the output is the token alone.
/// </summary>
internal sealed class NewTokenCommand(CliServices services) : Command<NewTokenCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--name <NAME>")]
        [Description("Who or what holds the token (e.g. grafana, nightly-export).")]
        public string? Name { get; init; }

        [CommandOption("--role <ROLE>")]
        [Description("viewer (sees: pages, /api, /metrics) or operator (also acts).")]
        public string? Role { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Name) || Name.Contains(':', StringComparison.Ordinal) ? ValidationResult.Error("Give --name NAME (without ':').")
            : !AccessRoles.IsKnown(Role) ? ValidationResult.Error($"Give --role, one of {string.Join(", ", AccessRoles.All)}.")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var token = TokenHash.NewToken();
        services.Out.WriteLine(token);
        services.Out.WriteLine();
        services.Out.WriteLine("This is the only time the token is shown; the worker keeps only its SHA-256.");
        AccessConfigEntry.Write(services.Out, "Tokens",
            [KeyValuePair.Create("Name", settings.Name ?? ""), KeyValuePair.Create("Role", settings.Role ?? ""), KeyValuePair.Create("Sha256", TokenHash.HexOf(token))]);
        services.Out.WriteLine("Send it as: Authorization: Bearer <token>");
        return ExitCodes.Success;
    }
}
