using System.Text.Json;
using System.Text.Json.Serialization;

namespace Eigenpal.Api.Http;

/// <summary>Source-generated (de)serialisation of the API's response shapes (camelCase, required keys enforced).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(TolerantDateTimeOffsetConverter)])]
[JsonSerializable(typeof(PagedList<WorkflowSummary>))]
[JsonSerializable(typeof(WorkflowDetail))]
[JsonSerializable(typeof(PagedList<WorkflowVersion>))]
[JsonSerializable(typeof(RunResponse))]
[JsonSerializable(typeof(ExecutionStatusResponse))]
[JsonSerializable(typeof(PagedList<ExecutionSummary>))]
[JsonSerializable(typeof(ExecutionSummary))]
[JsonSerializable(typeof(CancelResponse))]
[JsonSerializable(typeof(ErrorEnvelope))]
internal sealed partial class EigenpalJsonContext : JsonSerializerContext;
