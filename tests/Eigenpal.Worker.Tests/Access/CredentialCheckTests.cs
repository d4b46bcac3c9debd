using Eigenpal.Worker.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Eigenpal.Worker.Tests.Access;

/// <summary>The password and token checks the handlers use, on their own.</summary>
public sealed class CredentialCheckTests
{
    private static AccessOptions Options(out string token)
    {
        token = TokenHash.NewToken();
        var options = new AccessOptions();
        options.Users.Add(new AccessUserOptions
        {
            Name = "ana", Role = AccessRoles.Operator, PasswordHash = new PasswordHasher<AccessUserOptions>().HashPassword(new AccessUserOptions(), "correct horse"),
        });
        options.Tokens.Add(new AccessTokenOptions { Name = "ci", Role = AccessRoles.Viewer, Sha256 = TokenHash.HexOf(token) });
        options.Tokens.Add(new AccessTokenOptions { Name = "other", Role = AccessRoles.Operator, Sha256 = TokenHash.HexOf(TokenHash.NewToken()) });
        return options;
    }

    [Fact]
    public void A_password_verifies_only_for_its_user_and_an_unknown_user_is_refused_like_a_wrong_password()
    {
        var check = new PasswordCheck(Microsoft.Extensions.Options.Options.Create(Options(out _)), new FakeTimeProvider());

        Assert.Equal("ana", check.Verify("ana", "correct horse")?.Name);
        Assert.Null(check.Verify("ana", "correct horse "));
        Assert.Null(check.Verify("Ana", "correct horse"));
        Assert.Null(check.Verify("bob", "correct horse"));
        // Remembered, and still only for the right password.
        Assert.Equal("ana", check.Verify("ana", "correct horse")?.Name);
        Assert.Null(check.Verify("ana", "wrong"));
    }

    [Fact]
    public void A_remembered_password_is_verified_again_after_the_memory_expires()
    {
        var time = new FakeTimeProvider();
        var options = Options(out _);
        var check = new PasswordCheck(Microsoft.Extensions.Options.Options.Create(options), time);
        Assert.NotNull(check.Verify("ana", "correct horse"));

        time.Advance(PasswordCheck.RememberFor + TimeSpan.FromSeconds(1));

        Assert.NotNull(check.Verify("ana", "correct horse"));
    }

    [Fact]
    public void A_token_is_recognised_by_its_sha256_and_nothing_else()
    {
        var options = Options(out var token);
        var check = new TokenCheck(Microsoft.Extensions.Options.Options.Create(options));

        Assert.Equal("ci", check.Verify(token)?.Name);
        Assert.Null(check.Verify(token + "x"));
        Assert.Null(check.Verify(TokenHash.HexOf(token)));
        Assert.StartsWith(TokenHash.Prefix, token, StringComparison.Ordinal);
        Assert.NotEqual(token, TokenHash.NewToken());
    }
}
