namespace Eigenpal.Imports;

/// <summary>
/// The batch one import run puts its submissions in, so <c>eigenpal status --batch</c>, <c>list --batch</c> and
/// <c>results --batch</c> show what it brought in. Created with its first submission: an import that adopts
/// nothing leaves no empty batch behind.
/// </summary>
/// <param name="Id">The batch id.</param>
/// <param name="Name">Its name: <c>import-&lt;workflow&gt;-&lt;yyyyMMdd-HHmm&gt;</c> (UTC, when the import began).</param>
/// <param name="Workflow">The workflow the runs belong to.</param>
public sealed record ImportBatch(Guid Id, string Name, string Workflow)
{
    /// <summary>The batch of an import of <paramref name="workflow"/> that began at <paramref name="startedAt"/>.</summary>
    public static ImportBatch For(string workflow, DateTimeOffset startedAt) => new(
        Guid.CreateVersion7(startedAt),
        $"import-{workflow}-{startedAt.UtcDateTime.ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture)}",
        workflow);
}
