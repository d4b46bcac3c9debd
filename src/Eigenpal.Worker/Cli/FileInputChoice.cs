namespace Eigenpal.Worker.Cli;

/// <summary>
/// Which input a file is sent as when <c>--input-field</c> does not say (folder entries, file
/// arguments, a manifest's <c>file</c> column). On the legacy surface, and on v1 without a readable
/// <c>inputSchema</c>, it is <see cref="Default"/> as it always was; with a schema it is the schema's
/// only file input, and an <c>--input-field</c> the schema does not declare is refused before anything
/// is recorded, since the API would refuse every run of the batch.
/// </summary>
internal static class FileInputChoice
{
    /// <summary>The file input used when neither <c>--input-field</c> nor a schema names one.</summary>
    public const string Default = "contract_document";

    /// <summary>What was chosen.</summary>
    /// <param name="Field">The input files are sent as; null when only a manifest's <c>file.&lt;input&gt;</c> columns can say (several file inputs, none chosen).</param>
    /// <param name="Refusal">Why the batch cannot go as asked, or null.</param>
    public sealed record Choice(string? Field, string? Refusal);

    /// <param name="workflow">The workflow, for messages.</param>
    /// <param name="given">The <c>--input-field</c> given, or null.</param>
    /// <param name="inputs">What the workflow check read; only a schema (v1) changes the choice.</param>
    /// <param name="allFilesAsField">True when every file goes as the chosen input (<c>--dir</c>, file arguments), false for a manifest.</param>
    public static Choice Choose(string workflow, string? given, WorkflowInputs? inputs, bool allFilesAsField)
    {
        if (inputs is not { IsSchema: true })
        {
            return new Choice(given ?? Default, null);
        }

        if (given is not null)
        {
            return inputs.Find(given) is null && !inputs.AllowsUndeclared
                ? new Choice(null, $"--input-field '{given}': the workflow '{workflow}' has no input of that name ({Offer(inputs)})")
                : new Choice(given, null);
        }

        var files = inputs.FileInputs.ToList();
        if (files.Count == 1)
        {
            return new Choice(files[0], null);
        }

        if (files.Count > 1)
        {
            return new Choice(null, allFilesAsField ? NoField(workflow, inputs, manifest: false) : null);
        }

        // No file input this can see: the old default still goes where the schema allows it.
        if (inputs.Find(Default) is not null || inputs.AllowsUndeclared)
        {
            return new Choice(Default, null);
        }

        return new Choice(null, allFilesAsField ? NoField(workflow, inputs, manifest: false) : null);
    }

    /// <summary>Why files cannot go without <c>--input-field</c>: which inputs to choose from, or that there is none.</summary>
    /// <param name="workflow">The workflow, for the message.</param>
    /// <param name="inputs">Its declared inputs.</param>
    /// <param name="manifest">True for a manifest's <c>file</c> column, which <c>file.&lt;input&gt;</c> columns can replace.</param>
    public static string NoField(string workflow, WorkflowInputs inputs, bool manifest)
    {
        var files = inputs.FileInputs.ToList();
        var orColumns = manifest ? ", or name it in a file.<input> column" : "";
        return files.Count > 1
            ? $"the workflow '{workflow}' declares the file inputs {Quoted(files)}: choose one with --input-field{orColumns}"
            : $"the workflow '{workflow}' declares no file input (its inputs: {inputs.Names}): files cannot be sent to it without --input-field{orColumns}";
    }

    private static string Offer(WorkflowInputs inputs)
    {
        var files = inputs.FileInputs.ToList();
        return files.Count == 0 ? $"it declares no file input; its inputs: {inputs.Names}" : $"its file input{(files.Count > 1 ? "s" : "")}: {Quoted(files)}";
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
