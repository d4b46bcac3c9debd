namespace Eigenpal.Submissions.Queries;

/// <summary>Which submissions a query looks at; unset members do not filter.</summary>
/// <param name="Batch">A batch id, or a batch name (every batch recorded under that name).</param>
/// <param name="Workflow">A workflow id or slug, as recorded.</param>
public sealed record SubmissionFilter(string? Batch = null, string? Workflow = null);
