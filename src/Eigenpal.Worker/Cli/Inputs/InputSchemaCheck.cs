using System.Text.Json.Nodes;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>
/// Checks what one row (or the shared <c>--input</c> values) would send against the inputs a v1
/// automation's <c>inputSchema</c> declares, before anything is recorded: an input the schema does
/// not declare (unless it allows others), a required input missing, a value of a type the schema does
/// not allow, and a value where the schema wants a file. Each is an <see cref="InputProblem"/> on the
/// row and field, so the row is reported and the rest of the batch carries on. A file sent under a
/// declared input that does not look like a file input is let through: schemas mark files in several
/// ways and the API's own refusal is recorded on the submission, which beats refusing a good batch.
/// </summary>
internal static class InputSchemaCheck
{
    /// <summary>The problems of one row: every rule, the required inputs included.</summary>
    /// <param name="where">The row, for the report.</param>
    /// <param name="workflow">The workflow, for messages.</param>
    /// <param name="schema">What the schema declares.</param>
    /// <param name="sent">What the row would send.</param>
    /// <param name="fileUnplaced">
    /// True when the row has a file whose input is already reported as undecided: a required file
    /// input is then not reported missing as well, since choosing the input settles both.
    /// </param>
    public static IReadOnlyList<InputProblem> CheckRow(string where, string workflow, WorkflowInputs schema, IReadOnlyList<SentInput> sent, bool fileUnplaced = false)
    {
        var problems = CheckSent(where, workflow, schema, sent).ToList();
        var missingInputs = schema.Inputs.Where(i => i.Required && !(fileUnplaced && i.IsFile) && !sent.Any(s => s.Name == i.Name && (s.IsFile || s.Value is not null)));
        foreach (var missing in missingInputs)
        {
            var how = missing.IsFile
                ? $"send it as a file (a manifest column file.{missing.Name}, or --input-field {missing.Name})"
                : $"give it with --input {missing.Name}=VALUE or a manifest column input.{missing.Name}";
            problems.Add(new InputProblem(where, missing.Name, $"the workflow '{workflow}' requires input '{missing.Name}', which is not given: {how}"));
        }

        return problems;
    }

    /// <summary>The problems of values every row shares (<c>--input</c>): all but the required rule, which only a whole row can settle.</summary>
    public static IReadOnlyList<InputProblem> CheckShared(string where, string workflow, WorkflowInputs schema, IReadOnlyList<SentInput> sent) =>
        CheckSent(where, workflow, schema, sent).ToList();

    /// <summary>The inputs a submission's JSON input and files would send, each with the field it came from.</summary>
    public static List<SentInput> Describe(JsonObject input, IEnumerable<(string Name, string Field)> files, Func<string, string> valueField) =>
    [
        .. input.Select(p => SentInput.OfValue(p.Key, valueField(p.Key), p.Value)),
        .. files.Select(f => SentInput.OfFile(f.Name, f.Field)),
    ];

    private static IEnumerable<InputProblem> CheckSent(string where, string workflow, WorkflowInputs schema, IReadOnlyList<SentInput> sent)
    {
        foreach (var input in sent)
        {
            if (schema.Find(input.Name) is not { } declared)
            {
                if (!schema.AllowsUndeclared)
                {
                    yield return new InputProblem(where, input.Field, $"'{input.Name}' is not an input of the workflow '{workflow}' (its inputs: {schema.Names})");
                }

                continue;
            }

            if (input.IsFile)
            {
                continue;
            }

            if (declared.IsFile)
            {
                // A value may still be a reference to a file already uploaded ({"$fileId": …}, {"$inline": …}).
                if (input.Value is not JsonObject reference || !(reference.ContainsKey("$fileId") || reference.ContainsKey("$inline")))
                {
                    yield return new InputProblem(where, input.Field, $"'{input.Name}' is a file input of the workflow '{workflow}', not a value: send a file (a manifest column file.{input.Name}, or --input-field {input.Name})");
                }

                continue;
            }

            // A required input given as null is reported once, as missing, by CheckRow.
            if (declared.Types is { } types && !(input.Value is null && declared.Required) && !JsonTypes.Allows(types, input.Value))
            {
                yield return new InputProblem(where, input.Field, $"'{input.Name}' has type {JsonTypes.Of(input.Value)}, but the workflow's schema says {JsonTypes.Describe(types)}");
            }
        }
    }
}
