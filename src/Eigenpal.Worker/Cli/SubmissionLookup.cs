using Eigenpal.Submissions.Queries;
using Eigenpal.Worker.Cli.Infrastructure;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// The submission an operator names in <c>show</c>, <c>cancel</c> and <c>resolve</c>: its whole id, a remote
/// execution id of one of its attempts, or the start or end of its id (the short id <c>list</c> shows is its
/// last 8 hex digits). A fragment that fits several submissions, or none, stops the command with a
/// message that lists the candidates, so nothing is done to a submission the operator did not mean.
/// </summary>
internal static class SubmissionLookup
{
    /// <summary>How many candidates an ambiguity message lists.</summary>
    public const int MaxListed = 10;

    public static async Task<SubmissionDetail> FindAsync(CliServices services, string id, CancellationToken cancellationToken)
    {
        if (await services.Queries.FindAsync(id, cancellationToken) is { } exact)
        {
            return exact;
        }

        if (SubmissionIdFragment.Parse(id) is not { } fragment)
        {
            throw new UsageException($"No submission or execution with id '{id}' (a part of a submission id needs at least {SubmissionIdFragment.MinLength} hex digits).");
        }

        var matches = await services.IdSearch.MatchAsync(fragment, MaxListed + 1, cancellationToken);
        if (matches.Count == 0)
        {
            throw new UsageException($"No submission or execution with id '{id}', and no submission id starts or ends with '{fragment}'.");
        }

        if (matches.Count > 1)
        {
            var listed = string.Join("\n", matches.Take(MaxListed).Select(m => "  " + SubmissionIdSearch.Describe(m)));
            var more = matches.Count > MaxListed ? $"\n  … and more than {MaxListed - 1} others" : "";
            throw new UsageException($"'{id}' starts or ends more than one submission id; give more of the id:\n{listed}{more}");
        }

        return await services.Queries.FindAsync(matches[0].Id.ToString(), cancellationToken)
            ?? throw new UsageException($"Submission {matches[0].Id} was removed while it was being looked up.");
    }
}
