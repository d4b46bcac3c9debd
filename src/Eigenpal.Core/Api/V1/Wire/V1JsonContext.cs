using System.Text.Json;
using System.Text.Json.Serialization;
using Eigenpal.Api.Http;

namespace Eigenpal.Api.V1.Wire;

/// <summary>
/// Source-generated (de)serialisation of the v1 shapes, with the legacy context's settings: camelCase, required
/// keys enforced (constructor parameters without a default), unknown keys ignored, lenient timestamps.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(TolerantDateTimeOffsetConverter)])]
[JsonSerializable(typeof(Run))]
[JsonSerializable(typeof(RunAcceptedWire))]
[JsonSerializable(typeof(RunsPage))]
[JsonSerializable(typeof(CancelWire))]
[JsonSerializable(typeof(UploadSessionRequestWire))]
[JsonSerializable(typeof(UploadSessionWire))]
[JsonSerializable(typeof(EigenpalFile))]
[JsonSerializable(typeof(AutomationsPage))]
[JsonSerializable(typeof(AutomationDetail))]
[JsonSerializable(typeof(AuthCheck))]
internal sealed partial class V1JsonContext : JsonSerializerContext;
