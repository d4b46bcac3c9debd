using Eigenpal.Submissions;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>What an input reader made of one file or manifest row: a submission, or the problems that stop it.</summary>
internal sealed record InputItem(NewSubmission? Submission, IReadOnlyList<InputProblem> Problems)
{
    public static InputItem Of(NewSubmission submission) => new(submission, []);

    public static InputItem Rejected(params InputProblem[] problems) => new(null, problems);
}
