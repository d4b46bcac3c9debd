namespace Eigenpal.Insights;

/// <summary>A recorded batch, as <c>eigenpal.batches</c> holds it.</summary>
/// <param name="Id">The batch id.</param>
/// <param name="Name">The name it was recorded under, if any (several batches may share one).</param>
/// <param name="Workflow">The workflow its submissions run.</param>
/// <param name="CreatedAt">When it was recorded.</param>
public sealed record BatchInfo(Guid Id, string? Name, string Workflow, DateTimeOffset CreatedAt);
