using Eigenpal.Worker.Access;
using Eigenpal.Worker.Cli;
using Microsoft.AspNetCore.Identity;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>
/// <c>eigenpal access hash-password</c> and <c>new-token</c>, run as real processes: what they print is what
/// the worker accepts, and the password or token appears only where it must.
/// </summary>
public sealed class AccessCommandTests
{
    private static readonly Dictionary<string, string?> NoSettings = new();

    [Fact]
    public async Task Hash_password_reads_stdin_and_prints_a_hash_that_verifies_and_its_config_entry()
    {
        const string password = "correct horse battery staple";
        var run = await CliProcess.RunAsync(NoSettings, password + "\n", "access", "hash-password", "--name", "ana", "--role", "operator");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var lines = run.Output.Split('\n');
        var hash = lines[0].Trim();
        var hasher = new PasswordHasher<AccessUserOptions>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new AccessUserOptions(), hash, password));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new AccessUserOptions(), hash, password + "\n"));
        Assert.Contains($"{{ \"Name\": \"ana\", \"Role\": \"operator\", \"PasswordHash\": \"{hash}\" }}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Eigenpal__Access__Users__N__PasswordHash={hash}", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, run.Output + run.Error, StringComparison.Ordinal);

        // The printed hash passes the worker's start-up check.
        var options = new AccessOptions();
        options.Users.Add(new AccessUserOptions { Name = "ana", Role = "operator", PasswordHash = hash });
        Assert.True(new AccessOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public async Task Hash_password_refuses_an_empty_password()
    {
        var run = await CliProcess.RunAsync(NoSettings, "\n", "access", "hash-password");

        Assert.True(run.ExitCode == ExitCodes.BadInput, run.ToString());
        Assert.Contains("No password given", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_token_prints_the_token_once_and_an_entry_with_its_sha256()
    {
        var run = await CliProcess.RunAsync(NoSettings, null, "access", "new-token", "--name", "grafana", "--role", "viewer");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var token = run.Output.Split('\n')[0].Trim();
        Assert.StartsWith(TokenHash.Prefix, token, StringComparison.Ordinal);
        Assert.True(token.Length >= 40, token);
        var sha = TokenHash.HexOf(token);
        Assert.Contains($"{{ \"Name\": \"grafana\", \"Role\": \"viewer\", \"Sha256\": \"{sha}\" }}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Eigenpal__Access__Tokens__N__Sha256={sha}", run.Output, StringComparison.Ordinal);
        Assert.Equal(2, run.Output.Split(token).Length);

        var again = await CliProcess.RunAsync(NoSettings, null, "access", "new-token", "--name", "grafana", "--role", "viewer");
        Assert.NotEqual(token, again.Output.Split('\n')[0].Trim());
    }

    [Theory]
    [InlineData("--name", "grafana")]
    [InlineData("--name", "grafana", "--role", "admin")]
    [InlineData("--role", "viewer")]
    public async Task New_token_needs_a_name_and_a_known_role(params string[] options)
    {
        var run = await CliRun.RunAsync(new Dictionary<string, string>(), ["access", "new-token", .. options]);

        Assert.True(run.ExitCode == ExitCodes.BadInput, run.ToString());
        Assert.DoesNotContain(TokenHash.Prefix, run.Output, StringComparison.Ordinal);
    }
}
