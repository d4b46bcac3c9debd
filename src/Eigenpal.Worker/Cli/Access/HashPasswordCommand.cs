using System.ComponentModel;
using Eigenpal.Worker.Access;
using Eigenpal.Worker.Cli.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli.Access;

/// <summary>
/// <c>eigenpal access hash-password</c>: makes a user's password hash (ASP.NET Core Identity v3, PBKDF2) for
/// <c>Eigenpal:Access:Users</c>. The password is read from standard input when it is piped, otherwise asked
/// for twice at a hidden prompt; it is never printed. The first line of the output is the hash alone.
/// </summary>
internal sealed class HashPasswordCommand(CliServices services) : Command<HashPasswordCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--name <NAME>")]
        [Description("The user name, for the printed configuration entry.")]
        [DefaultValue("NAME")]
        public string Name { get; init; } = "NAME";

        [CommandOption("--role <ROLE>")]
        [Description("viewer (sees) or operator (also acts), for the printed configuration entry.")]
        [DefaultValue(AccessRoles.Viewer)]
        public string Role { get; init; } = AccessRoles.Viewer;

        public override ValidationResult Validate() =>
            !AccessRoles.IsKnown(Role) ? ValidationResult.Error($"--role must be one of {string.Join(", ", AccessRoles.All)}.")
            : string.IsNullOrWhiteSpace(Name) || Name.Contains(':', StringComparison.Ordinal) ? ValidationResult.Error("--name must be a name without ':'.")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var password = ReadPassword();
        var hash = new PasswordHasher<AccessUserOptions>().HashPassword(new AccessUserOptions { Name = settings.Name }, password);
        services.Out.WriteLine(hash);
        services.Out.WriteLine();
        AccessConfigEntry.Write(services.Out, "Users",
            [KeyValuePair.Create("Name", settings.Name), KeyValuePair.Create("Role", settings.Role), KeyValuePair.Create("PasswordHash", hash)]);
        return ExitCodes.Success;
    }

    /// <summary>The first line of piped standard input, or the password typed twice at a hidden prompt.</summary>
    private string ReadPassword()
    {
        string password;
        if (Console.IsInputRedirected || !services.IsInteractive)
        {
            password = Console.In.ReadLine() ?? "";
        }
        else
        {
            password = services.Console.Prompt(new TextPrompt<string>("Password:").Secret());
            var again = services.Console.Prompt(new TextPrompt<string>("Again:").Secret());
            if (!string.Equals(password, again, StringComparison.Ordinal))
            {
                throw new UsageException("The two passwords differ; nothing was hashed.");
            }
        }

        return password.Length == 0 ? throw new UsageException("No password given (pipe it on standard input, or type it at the prompt).") : password;
    }
}
