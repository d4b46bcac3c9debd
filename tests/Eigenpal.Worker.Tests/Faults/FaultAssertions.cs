using System.Text;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Durability;

namespace Eigenpal.Worker.Tests.Faults;

/// <summary>The guarantees every fault-suite run must show, checked against the simulator's own record (recorded with <see cref="FaultScenario.Check"/>).</summary>
public static class FaultAssertions
{
    /// <summary>
    /// No submission ran twice and none was resent after it became undetermined:
    /// <list type="bullet">
    /// <item>the simulator saw no duplicate input and no request inside a Retry-After;</item>
    /// <item>every submission has at most one execution made from its bytes; every submission that is
    /// not undetermined has exactly one, and it is the one its latest attempt recorded;</item>
    /// <item>an undetermined submission says why, is its latest attempt (nothing was sent after it), has at
    /// most one execution (exactly one run request created one, or none), and when its run exists the
    /// candidates it names include that run;</item>
    /// <item>nothing ended in error or vanished; every client execution carried the amount as <c>1.50</c>.</item>
    /// </list>
    /// With <paramref name="undeterminedAllowed"/> false, none may be undetermined and
    /// <see cref="RestartTests.AssertEachSubmissionRanExactlyOnceAsync"/> must hold as well.
    /// </summary>
    public static async Task CheckNothingRanTwiceAsync(FaultScenario run, bool undeterminedAllowed)
    {
        var counters = run.Scenario.Simulator.GetCounters();
        run.Check(counters.DuplicateInputExecutions == 0, $"no duplicate execution: the simulator saw {counters.DuplicateInputExecutions}");
        run.Check(counters.RequestsBeforeRetryAfter == 0, $"no request inside a Retry-After: {counters.RequestsBeforeRetryAfter} arrived early. "
            + run.Requests.DescribeEarly(TimeSpan.FromMilliseconds(250)));

        var truth = await run.TruthAsync();
        var problems = new StringBuilder();
        foreach (var s in truth.Submissions)
        {
            string? problem = null;
            if (s.RemoteRuns.Count > 1)
            {
                problem = $"{s.RemoteRuns.Count} executions were made from its bytes: {string.Join(", ", s.RemoteRuns)}";
            }
            else if (SubmissionStates.Parse(s.State) is SubmissionState.Error or SubmissionState.Vanished or SubmissionState.Pending or SubmissionState.Sending or SubmissionState.Running)
            {
                problem = $"state {s.State}";
            }
            else if (s.State == SubmissionState.Undetermined.Name())
            {
                if (!undeterminedAllowed)
                {
                    problem = "undetermined, though this mode echoes the file name";
                }
                else if (string.IsNullOrWhiteSpace(s.Reason) || !s.Reason.Contains("not resent automatically", StringComparison.Ordinal))
                {
                    problem = $"undetermined without a reason saying it is not resent ({s.Reason ?? "no reason"})";
                }
                else if (s.AttemptStatus != "undetermined")
                {
                    problem = $"undetermined, but its latest attempt {s.Attempt} is '{s.AttemptStatus}'";
                }
                else if (s.RemoteRuns.Count == 1 && s.Candidates.Length > 0 && !s.Candidates.Contains(s.RemoteRuns[0]))
                {
                    problem = $"its run {s.RemoteRuns[0]} is not among the candidates it names ({string.Join(", ", s.Candidates)})";
                }
            }
            else if (s.RemoteRuns.Count == 0)
            {
                problem = $"{s.State} without any execution made from its bytes";
            }
            else if (s.RemoteId != s.RemoteRuns[0])
            {
                problem = $"{s.State}: its latest attempt recorded {s.RemoteId ?? "no execution"}, but its run is {s.RemoteRuns[0]}";
            }

            if (problem is not null)
            {
                problems.Append("- ").Append(s.Source).Append(' ').Append(s.Id).Append(": ").AppendLine(problem)
                    .AppendLine(Indent(await run.EvidenceAsync(s.Id)));
            }
        }

        run.Check(problems.Length == 0, $"per submission: at most one run, the recorded one, never resent once undetermined:\n{problems}");

        var made = truth.Submissions.Sum(s => s.RemoteRuns.Count);
        run.Check(counters.ExecutionsCreated == made,
            $"every client execution is one submission's run: the simulator created {counters.ExecutionsCreated}, {made} carry a submission's bytes");
        var ours = truth.Executions.Where(e => truth.Submissions.Any(s => s.RemoteRuns.Contains(e.Id))).ToList();
        var mangled = ours.Where(e => e.AmountRaw != FaultScenario.AmountText).Select(e => $"{e.Id}: {e.AmountRaw ?? "missing"}").ToList();
        run.Check(mangled.Count == 0, $"the amount reaches the API as {FaultScenario.AmountText}: {string.Join(", ", mangled)}");
        if (!undeterminedAllowed)
        {
            try
            {
                await RestartTests.AssertEachSubmissionRanExactlyOnceAsync(run.Scenario);
            }
            catch (Xunit.Sdk.XunitException ex)
            {
                run.Check(false, "RestartTests.AssertEachSubmissionRanExactlyOnceAsync: " + ex.Message);
            }
        }
    }

    private static string Indent(string text) => "    " + text.Replace("\n", "\n    ", StringComparison.Ordinal);
}
