using Eigenpal.Worker.Access;
using Eigenpal.Worker.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Eigenpal.Worker.Tests.Access;

/// <summary>A mistyped access entry stops the start with a message naming it, and never shows a hash.</summary>
[Collection(PostgresTests.Name)]
public sealed class AccessOptionsValidatorTests(PostgresServer postgres)
{
    private static readonly string GoodHash = new PasswordHasher<AccessUserOptions>().HashPassword(new AccessUserOptions(), "a good password");

    [Fact]
    public void A_good_configuration_passes()
    {
        var options = new AccessOptions();
        options.Users.Add(new AccessUserOptions { Name = "ana", Role = "operator", PasswordHash = GoodHash });
        options.Tokens.Add(new AccessTokenOptions { Name = "grafana", Role = "viewer", Sha256 = TokenHash.HexOf(TokenHash.NewToken()) });
        options.KnownProxies.Add("10.0.0.2");
        options.KnownProxies.Add("::1");
        options.KnownNetworks.Add("172.16.0.0/12");

        Assert.True(new AccessOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Every_bad_entry_is_named_and_no_hash_is_shown()
    {
        var v2Hash = Convert.ToBase64String([0x00, .. new byte[48]]);
        var options = new AccessOptions();
        options.Users.Add(new AccessUserOptions { Name = "ana", Role = "admin", PasswordHash = GoodHash });
        options.Users.Add(new AccessUserOptions { Name = "bob", Role = "viewer", PasswordHash = "hunter2" });
        options.Users.Add(new AccessUserOptions { Name = "cy", Role = "viewer", PasswordHash = v2Hash });
        options.Tokens.Add(new AccessTokenOptions { Name = "ana", Role = "viewer", Sha256 = TokenHash.HexOf("x") });
        options.Tokens.Add(new AccessTokenOptions { Name = "ci", Role = "operator", Sha256 = "abc123" });
        options.KnownProxies.Add("10.0.0.300");
        options.KnownNetworks.Add("10.0.0.0/40");

        var result = new AccessOptionsValidator().Validate(null, options);

        Assert.False(result.Succeeded);
        var failures = result.Failures.ToList();
        Assert.Contains(failures, f => f.StartsWith("Eigenpal:Access:Users:0 (ana): Role 'admin'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Eigenpal:Access:Users:1 (bob): PasswordHash is not base64", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Eigenpal:Access:Users:2 (cy): PasswordHash is not in ASP.NET Core Identity's v3 format", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Eigenpal:Access:Tokens:0 (ana): Name is used by another", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Eigenpal:Access:Tokens:1 (ci): Sha256 must be", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Eigenpal:Access:KnownProxies:0 ('10.0.0.300')", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Eigenpal:Access:KnownNetworks:0 ('10.0.0.0/40')", StringComparison.Ordinal));
        Assert.Equal(7, failures.Count);
        Assert.DoesNotContain(failures, f => f.Contains(GoodHash, StringComparison.Ordinal) || f.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_worker_with_a_bad_access_entry_stops_at_start_naming_it()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        scenario.Settings["Eigenpal__Access__Users__0__Name"] = "ana";
        scenario.Settings["Eigenpal__Access__Users__0__Role"] = "admin";
        scenario.Settings["Eigenpal__Access__Users__0__PasswordHash"] = GoodHash;
        var worker = scenario.StartWorker();
        await worker.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, worker.ExitCode);
        // The console may wrap the message; compare it with its line breaks taken out.
        var output = string.Join(" ", worker.Output.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Eigenpal:Access:Users:0 (ana): Role 'admin' is not one of viewer, operator.", output, StringComparison.Ordinal);
        Assert.DoesNotContain(GoodHash, worker.Output, StringComparison.Ordinal);
    }
}
