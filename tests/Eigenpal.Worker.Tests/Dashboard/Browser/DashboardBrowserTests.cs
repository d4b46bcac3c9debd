using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Eigenpal.Worker.Tests.Dashboard.Browser;

/// <summary>
/// Issue 10, proof: a real browser (Debian's headless Chromium, driven by Playwright; no browser is downloaded)
/// runs the dashboard as an operator would: a demo batch runs against the simulator, the overview leads to the
/// batch and on to a submission, that submission is cancelled through its confirm page, and the database shows
/// it. Each page is saved as a screenshot under the test output (<c>TestResults/screenshots</c>).
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class DashboardBrowserTests(PostgresServer postgres, ITestOutputHelper output)
{
    /// <summary>Debian's Chromium (<c>apt-get install chromium</c>, listed in scripts/apt-packages.txt).</summary>
    public const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task An_operator_follows_a_batch_to_a_submission_and_cancels_it_in_the_browser()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (apt-get install chromium; scripts/test.sh installs it from scripts/apt-packages.txt)");
        var screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(screenshots);

        // Invoices finish quickly with a few failures and rejections; texts run for ten minutes, so one can be cancelled.
        var scenario = await WorkerScenario.StartAsync(postgres, o => o.Workflows["classify-text"] = new WorkflowBehaviourOptions
        {
            Duration = DurationOptions.Fixed((int)TimeSpan.FromMinutes(10).TotalMilliseconds), FailureRate = 0, RejectionRate = 0,
        });
        await using var dashboard = await DashboardWorker.StartAsync(scenario);
        var db = scenario.Database;
        var batch = await db.Intake.RecordBatchAsync("demo", SampleSubmissions.Mixed(12, "demo"));
        await Eventually.WaitAsync(() => db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state = 'running' AND workflow = 'classify-text'"),
            running => running == 6, TimeSpan.FromSeconds(60), "the texts to be running", async () => scenario.WorkerOutputTail());
        await Eventually.WaitAsync(() => db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE workflow = 'extract-invoice' AND state IN ('completed', 'failed', 'rejected', 'error')"),
            final => final == 6, TimeSpan.FromSeconds(60), "the invoices to finish", async () => scenario.WorkerOutputTail());

        using var playwright = await Playwright.CreateAsync();
        IBrowser browser;
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                // Root in a container: Chromium's sandbox needs user namespaces it may not have.
                Args = ["--no-sandbox", "--disable-dev-shm-usage"],
            });
        }
        catch (PlaywrightException ex)
        {
            Skip.If(true, $"{Chromium} could not be launched: {ex.Message}");
            throw;
        }

        await using (browser)
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 900 }, BaseURL = dashboard.BaseUrl.ToString() });
            async Task ShotAsync(string name)
            {
                var file = Path.Combine(screenshots, name + ".png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                output.WriteLine($"screenshot: {file}");
            }

            await page.GotoAsync("/");
            await ShotAsync("1-overview");

            await page.Locator($"a[href='/batches/{batch.BatchId}']").First.ClickAsync();
            await page.WaitForURLAsync($"**/batches/{batch.BatchId}");
            await ShotAsync("2-batch");

            var target = await db.ScalarAsync<Guid>(
                $"SELECT id FROM eigenpal.submissions WHERE batch_id = '{batch.BatchId}' AND workflow = 'classify-text' AND state = 'running' ORDER BY created_at LIMIT 1");
            // The batch page counts its submissions per state; each count leads to the list of those submissions.
            await page.Locator("td[data-total='running'] a").ClickAsync();
            await page.WaitForURLAsync("**/submissions?*state=running*");
            await page.Locator($"a[href='/submissions/{target}']").First.ClickAsync();
            await page.WaitForURLAsync($"**/submissions/{target}");
            await ShotAsync("3-submission");

            await page.Locator($"#actions a[href='/submissions/{target}/cancel']").ClickAsync();
            await page.WaitForURLAsync($"**/submissions/{target}/cancel");
            Assert.Contains("The API is asked to cancel execution", await page.Locator("#plan").InnerTextAsync(), StringComparison.Ordinal);
            await ShotAsync("4-cancel-confirm");

            await page.Locator("#confirm").ClickAsync();
            await page.WaitForURLAsync("**/actions/*");
            Assert.Contains(await page.Locator("#outcome").InnerTextAsync(), new[] { "cancelled", "cancellation-requested" });
            await ShotAsync("5-outcome");

            await Eventually.WaitAsync(() => db.ScalarAsync<string>($"SELECT state FROM eigenpal.submissions WHERE id = '{target}'"),
                state => state == "cancelled", TimeSpan.FromSeconds(30), "the cancel to be recorded in the database");
            Assert.Equal(1, await db.ScalarAsync<long>($"SELECT count(*) FROM eigenpal.dashboard_audit WHERE target_id = '{target}' AND action = 'cancel-submission'"));

            await page.Locator("#back").ClickAsync();
            await page.WaitForURLAsync($"**/submissions/{target}");
            Assert.Contains("cancel-submission", await page.Locator("#audit-trail").InnerTextAsync(), StringComparison.Ordinal);
            await ShotAsync("6-submission-after-cancel");

            await page.GotoAsync("/reprocessing");
            await ShotAsync("7-reprocessing");
        }
    }
}
