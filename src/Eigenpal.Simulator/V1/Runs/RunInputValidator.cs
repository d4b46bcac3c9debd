using System.Text.Json;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// Checks a v1 start against the workflow's declared inputs, the same rules its
/// <c>inputSchema</c> states: required inputs present, files where files are declared, strings
/// where strings are, and no undeclared input (the schema says <c>additionalProperties: false</c>).
/// The first problem wins, on the field the caller used.
/// </summary>
internal static class RunInputValidator
{
    public static IResult? Validate(HttpContext context, WorkflowDefinition workflow, FileReferenceResolver.Resolved resolved)
    {
        var input = resolved.Input;
        string Field(string name) => resolved.Fields.GetValueOrDefault(name) ?? $"body.input.{name}";

        var undeclared = resolved.Fields.Keys.FirstOrDefault(name => workflow.Inputs.All(i => i.Name != name));
        if (undeclared is not null)
        {
            return ApiErrors.Validation(context, Field(undeclared), $"'{undeclared}' is not an input of '{workflow.Name}' ({Declared(workflow)}).");
        }

        foreach (var declared in workflow.Inputs)
        {
            var hasFile = input.Files.ContainsKey(declared.Name);
            var hasValue = input.Values.TryGetValue(declared.Name, out var value) && value.ValueKind != JsonValueKind.Null;
            if (!hasFile && !hasValue)
            {
                if (declared.Required)
                {
                    return ApiErrors.Validation(context, Field(declared.Name), $"Input '{declared.Name}' is required.", "required");
                }

                continue;
            }

            if (declared.Kind == WorkflowInputKind.File && !hasFile)
            {
                return ApiErrors.Validation(context, Field(declared.Name), $"Input '{declared.Name}' must be a file: a 'files.{declared.Name}' part, or {{\"$fileId\": …}}.");
            }

            if (declared.Kind == WorkflowInputKind.Text && (hasFile || value.ValueKind != JsonValueKind.String))
            {
                return ApiErrors.Validation(context, Field(declared.Name), $"Input '{declared.Name}' must be a string.");
            }
        }

        return null;
    }

    private static string Declared(WorkflowDefinition workflow) =>
        workflow.Inputs.Count == 0 ? "it takes none" : "declared: " + string.Join(", ", workflow.Inputs.Select(i => i.Name));
}
