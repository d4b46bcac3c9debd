using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.V1.Automations;

/// <summary>
/// The <c>inputSchema</c> of an automation, derived from the workflow's declared inputs: a JSON
/// Schema object with one property per input, <c>required</c> listing the required ones, and
/// <c>additionalProperties: false</c> (a start with an undeclared input is a 400). A file input is
/// <c>{"type": "string", "format": "binary", "x-eigenpal-file": true}</c>; a text input
/// <c>{"type": "string"}</c>.
/// </summary>
internal static class InputSchema
{
    public const string FileMarker = "x-eigenpal-file";

    public static JsonElement For(WorkflowDefinition workflow)
    {
        var properties = new JsonObject();
        foreach (var input in workflow.Inputs)
        {
            properties[input.Name] = input.Kind == WorkflowInputKind.File
                ? new JsonObject { ["type"] = "string", ["format"] = "binary", [FileMarker] = true }
                : new JsonObject { ["type"] = "string" };
        }

        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. workflow.Inputs.Where(i => i.Required).Select(i => (JsonNode?)JsonValue.Create(i.Name))]),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(schema);
    }
}
