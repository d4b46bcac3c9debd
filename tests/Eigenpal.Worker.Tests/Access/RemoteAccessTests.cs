using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Eigenpal.Worker.Jobs;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Access;

/// <summary>
/// Issue 10, Access: a non-local request without credentials is refused, a viewer sees but cannot act,
/// an operator can; wrong credentials are refused; no secret is ever answered or logged. Every request
/// goes over real HTTP to a real worker process that believes 127.0.0.1 as its reverse proxy.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed partial class RemoteAccessTests(PostgresServer postgres)
{
    [Fact]
    public async Task Remote_requests_need_credentials_viewers_see_and_operators_act()
    {
        await using var worker = await AccessWorker.StartAsync(postgres);
        var bodies = new List<string>();
        var viewers = new (string What, AuthenticationHeaderValue Credentials)[]
        {
            ("viewer basic", AccessWorker.Basic(AccessWorker.ViewerName, AccessWorker.ViewerPassword)),
            ("viewer bearer", AccessWorker.Bearer(worker.ViewerToken)),
        };
        var operators = new (string What, AuthenticationHeaderValue Credentials)[]
        {
            ("operator basic", AccessWorker.Basic(AccessWorker.OperatorName, AccessWorker.OperatorPassword)),
            ("operator bearer", AccessWorker.Bearer(worker.OperatorToken)),
        };
        var metrics = await MetricsServedAsync(worker);
        string[] pages = metrics ? ["/", "/hangfire", "/metrics"] : ["/", "/hangfire"];

        // From this machine: everything, without credentials.
        using (var local = worker.Client(remote: false))
        {
            foreach (var page in pages)
            {
                Assert.Equal(HttpStatusCode.OK, await StatusAsync(local, page, bodies));
            }
        }

        // Remote without credentials: 401 with a basic challenge, so a browser asks for a name and password.
        using (var anonymous = worker.Client(remote: true))
        {
            foreach (var page in pages)
            {
                using var response = await anonymous.GetAsync(page);
                bodies.Add(await response.Content.ReadAsStringAsync());
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{page}: answered {(int)response.StatusCode}");
                Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic" && h.Parameter?.Contains("realm=\"Eigenpal Worker\"", StringComparison.Ordinal) == true);
            }
        }

        // Wrong credentials: 401, whether the user is unknown or the password wrong (the same answer).
        var wrong = new (string What, AuthenticationHeaderValue Credentials)[]
        {
            ("wrong password", AccessWorker.Basic(AccessWorker.OperatorName, AccessWorker.ViewerPassword)),
            ("unknown user", AccessWorker.Basic("mallory", AccessWorker.OperatorPassword)),
            ("malformed basic", new AuthenticationHeaderValue("Basic", "not base64!")),
            ("unknown token", AccessWorker.Bearer(Eigenpal.Worker.Access.TokenHash.NewToken())),
            ("a token's hash as the token", AccessWorker.Bearer(Eigenpal.Worker.Access.TokenHash.HexOf(worker.OperatorToken))),
        };
        foreach (var (what, credentials) in wrong)
        {
            using var client = worker.Client(remote: true, credentials);
            foreach (var page in pages)
            {
                Assert.True(await StatusAsync(client, page, bodies) == HttpStatusCode.Unauthorized, $"{what} on {page}");
            }
        }

        // Viewers and operators see every page.
        foreach (var (what, credentials) in viewers.Concat(operators))
        {
            using var client = worker.Client(remote: true, credentials);
            foreach (var page in pages)
            {
                Assert.True(await StatusAsync(client, page, bodies) == HttpStatusCode.OK, $"{what} on {page}");
            }
        }

        // Acting: Hangfire's "trigger now" (an operator-only command). Viewers get Hangfire's read-only pages
        // (no buttons) and the command refused; operators see the buttons and the command runs.
        foreach (var (what, credentials) in viewers)
        {
            using var client = worker.Client(remote: true, credentials);
            var (page, status) = await TriggerPollTickAsync(client, bodies);
            Assert.DoesNotContain("js-jobs-list-command", page, StringComparison.Ordinal);
            Assert.True(status == HttpStatusCode.Unauthorized, $"{what} triggering a job: answered {(int)status}");
        }

        foreach (var (what, credentials) in operators)
        {
            using var client = worker.Client(remote: true, credentials);
            var (page, status) = await TriggerPollTickAsync(client, bodies);
            Assert.Contains("js-jobs-list-command", page, StringComparison.Ordinal);
            Assert.True(status == HttpStatusCode.NoContent, $"{what} triggering a job: answered {(int)status}");
        }

        using (var local = worker.Client(remote: false))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await TriggerPollTickAsync(local, bodies)).Status);
        }

        // The dashboard's own actions (cancel, resubmit, settle, reprocess now) are operator-only, their
        // confirm pages included: a viewer is refused before any handler runs; an operator passes and, for a
        // submission that does not exist, is told so (404), which only the handler can answer.
        var nobody = Guid.CreateVersion7();
        string[] actions = [$"/submissions/{nobody}/cancel", $"/submissions/{nobody}/resubmit", $"/submissions/{nobody}/settle", $"/batches/{nobody}/cancel"];
        foreach (var (what, credentials) in viewers)
        {
            using var client = worker.Client(remote: true, credentials);
            foreach (var action in actions)
            {
                var status = await StatusAsync(client, action, bodies);
                Assert.True(status == HttpStatusCode.Forbidden, $"{what} on {action}: answered {(int)status}");
            }
        }

        foreach (var (what, credentials) in operators)
        {
            using var client = worker.Client(remote: true, credentials);
            foreach (var action in actions)
            {
                var status = await StatusAsync(client, action, bodies);
                Assert.True(status == HttpStatusCode.NotFound, $"{what} on {action}: answered {(int)status}");
            }
        }

        // Without the anti-forgery token even an operator's command is refused.
        using (var client = worker.Client(remote: true, operators[0].Credentials))
        {
            using var form = new FormUrlEncodedContent([KeyValuePair.Create("jobs[]", PollTickJob.RecurringJobId)]);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/hangfire/recurring/trigger", form)).StatusCode);
        }

        foreach (var secret in worker.Secrets)
        {
            Assert.DoesNotContain(bodies, body => body.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, worker.Scenario.Workers[0].Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_configured_proxy_a_forwarded_request_over_loopback_is_not_local()
    {
        // A same-host reverse proxy nobody configured: its requests arrive over loopback but say they are someone else's.
        await using var worker = await AccessWorker.StartAsync(postgres, trustLoopbackProxy: false);
        var bodies = new List<string>();
        using (var local = worker.Client(remote: false))
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(local, "/", bodies));
        }

        using (var proxied = worker.Client(remote: true))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(proxied, "/", bodies));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(proxied, "/hangfire", bodies));
        }

        // The RFC 7239 header counts the same.
        using (var forwarded = worker.Client(remote: false))
        {
            forwarded.DefaultRequestHeaders.Add("Forwarded", $"for={AccessWorker.RemoteClient}");
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(forwarded, "/", bodies));
        }

        // Credentials still work through such a proxy; a viewer's stay read-only.
        using (var viewer = worker.Client(remote: true, AccessWorker.Basic(AccessWorker.ViewerName, AccessWorker.ViewerPassword)))
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(viewer, "/", bodies));
            Assert.Equal(HttpStatusCode.Unauthorized, (await TriggerPollTickAsync(viewer, bodies)).Status);
        }
    }

    /// <summary>Loads Hangfire's recurring jobs page (for its anti-forgery token and cookie), then posts "trigger now" for the poll tick.</summary>
    private static async Task<(string Page, HttpStatusCode Status)> TriggerPollTickAsync(HttpClient client, List<string> bodies)
    {
        var page = await client.GetStringAsync("/hangfire/recurring");
        bodies.Add(page);
        var header = CsrfHeader().Match(page).Groups[1].Value;
        var token = CsrfToken().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(header) || string.IsNullOrEmpty(token), "Hangfire's page carries no anti-forgery token");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("jobs[]", PollTickJob.RecurringJobId)]),
        };
        request.Headers.Add(header, WebUtility.HtmlDecode(token));
        using var response = await client.SendAsync(request);
        bodies.Add(await response.Content.ReadAsStringAsync());
        return (page, response.StatusCode);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, List<string> bodies)
    {
        using var response = await client.GetAsync(path);
        bodies.Add(await response.Content.ReadAsStringAsync());
        return response.StatusCode;
    }

    /// <summary>Whether this build serves <c>/metrics</c> (another part of issue 10); it is checked too when it does.</summary>
    private static async Task<bool> MetricsServedAsync(AccessWorker worker)
    {
        using var local = worker.Client(remote: false);
        using var response = await local.GetAsync("/metrics");
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]*)\"")]
    private static partial Regex CsrfHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]*)\"")]
    private static partial Regex CsrfToken();
}
