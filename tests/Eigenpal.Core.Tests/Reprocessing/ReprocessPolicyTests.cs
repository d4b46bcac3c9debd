using Eigenpal.Reprocessing;
using Eigenpal.Submissions;
using Microsoft.Extensions.Options;

namespace Eigenpal.Core.Tests.Reprocessing;

/// <summary>Which failures a reprocess run takes: the API's flag first, then the workflow's rules, then retryable.</summary>
public sealed class ReprocessPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);

    private static ReprocessPolicy Policy(Action<ReprocessOptions>? configure = null)
    {
        var options = new ReprocessOptions { MinAge = TimeSpan.FromMinutes(15), MaxAttempts = 3 };
        options.Workflows["extract-invoice"] = new WorkflowReprocessRules
        {
            NotRetryableCategories = ["input"],
            NotRetryableErrorPattern = "password[- ]protected",
            MaxAttempts = 5,
        };
        configure?.Invoke(options);
        return new ReprocessPolicy(Options.Create(options));
    }

    private static FailedCandidate Failed(
        string workflow = "extract-invoice", int attempt = 1, bool? retryable = null, string? category = null, string? error = "boom",
        TimeSpan? age = null, bool purged = false, string? missing = null, bool canRerun = false, SubmissionState state = SubmissionState.Failed) =>
        new(Guid.NewGuid(), state, workflow, attempt, retryable, category, error, Now - (age ?? TimeSpan.FromHours(1)), purged, missing, canRerun);

    [Fact]
    public void The_APIs_retryable_flag_wins_over_every_rule()
    {
        var policy = Policy();
        Assert.Null(policy.Judge(Failed(retryable: true, category: "input", error: "password-protected PDF"), Now));
        Assert.Equal(SkipReason.NotRetryable, policy.Judge(Failed(retryable: false, category: "runtime"), Now));
    }

    [Fact]
    public void Without_the_flag_the_workflows_category_and_error_rules_decide_and_otherwise_it_is_retryable()
    {
        var policy = Policy();
        Assert.Equal(SkipReason.NotRetryable, policy.Judge(Failed(category: "INPUT"), Now));
        Assert.Equal(SkipReason.NotRetryable, policy.Judge(Failed(error: "The file is Password Protected"), Now));
        Assert.Null(policy.Judge(Failed(category: "runtime", error: "provider timeout"), Now));
        // The rules are per workflow: another workflow's same failure is retryable.
        Assert.Null(policy.Judge(Failed(workflow: "classify-text", category: "input"), Now));
        Assert.Contains("category 'input'", policy.Retryability("extract-invoice", null, "input", null).Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Attempts_age_and_inputs_each_have_their_reason()
    {
        var policy = Policy();
        Assert.Equal(SkipReason.MaxAttempts, policy.Judge(Failed(attempt: 5), Now));
        Assert.Null(policy.Judge(Failed(attempt: 4), Now));
        Assert.Equal(SkipReason.MaxAttempts, policy.Judge(Failed(workflow: "classify-text", attempt: 3), Now));
        Assert.Equal(SkipReason.MaxAttempts, policy.Judge(Failed(attempt: 2), Now, askedMaxAttempts: 2));
        Assert.Equal(SkipReason.TooRecent, policy.Judge(Failed(age: TimeSpan.FromMinutes(14)), Now));
        Assert.Equal(SkipReason.InputsPurged, policy.Judge(Failed(purged: true), Now));
        Assert.Null(policy.Judge(Failed(purged: true, canRerun: true), Now));
        Assert.Equal(SkipReason.InputsNotStored, policy.Judge(Failed(missing: "imported: input 'document' held a file"), Now));
    }

    [Theory]
    [InlineData(SubmissionState.Rejected, SkipReason.Rejected)]
    [InlineData(SubmissionState.Cancelled, SkipReason.Cancelled)]
    [InlineData(SubmissionState.Error, SkipReason.Error)]
    public void Rejected_cancelled_and_error_submissions_are_never_taken(SubmissionState state, SkipReason reason) =>
        Assert.Equal(reason, Policy().Judge(Failed(state: state, retryable: true), Now));

    [Fact]
    public void Done_for_good_is_what_no_run_will_take_again()
    {
        var policy = Policy();
        Assert.True(policy.IsDoneForGood(SubmissionState.Completed, "extract-invoice", 1, null, null, null));
        Assert.True(policy.IsDoneForGood(SubmissionState.Rejected, "extract-invoice", 1, null, null, null));
        Assert.True(policy.IsDoneForGood(SubmissionState.Failed, "extract-invoice", 1, false, null, null));
        Assert.True(policy.IsDoneForGood(SubmissionState.Failed, "classify-text", 3, true, null, null));
        Assert.False(policy.IsDoneForGood(SubmissionState.Failed, "classify-text", 2, true, null, null));
        Assert.False(policy.IsDoneForGood(SubmissionState.Undetermined, "extract-invoice", 1, null, null, null));
        Assert.False(policy.IsDoneForGood(SubmissionState.Running, "extract-invoice", 1, null, null, null));
    }

    [Fact]
    public void Bad_settings_are_all_named_at_start()
    {
        var options = new ReprocessOptions { Schedule = "0 25 * * *", TimeZone = "Mars/Olympus" };
        options.Workflows["extract-invoice"] = new WorkflowReprocessRules { NotRetryableErrorPattern = "([unclosed", MaxAttempts = 0 };
        var result = new ReprocessOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        var text = string.Join("\n", result.Failures!);
        Assert.Contains("Eigenpal:Reprocess:TimeZone 'Mars/Olympus' is not a known time zone", text, StringComparison.Ordinal);
        Assert.Contains("Eigenpal:Reprocess:Workflows:extract-invoice:NotRetryableErrorPattern is not a regular expression", text, StringComparison.Ordinal);
        Assert.Contains("Eigenpal:Reprocess:Workflows:extract-invoice:MaxAttempts (0)", text, StringComparison.Ordinal);

        var cron = new ReprocessOptionsValidator().Validate(null, new ReprocessOptions { Schedule = "0 25 * * *" });
        Assert.Contains("Eigenpal:Reprocess:Schedule '0 25 * * *' is not a valid cron expression", string.Join("\n", cron.Failures!), StringComparison.Ordinal);
        Assert.True(new ReprocessOptionsValidator().Validate(null, new ReprocessOptions()).Succeeded);
    }
}
