using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.V1.Modes;

/// <summary>Which transport the upload negotiation (<c>POST /v1/files/uploads</c>) chooses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UploadTransportMode>))]
public enum UploadTransportMode
{
    /// <summary><c>{transport: "multipart", url, maxFileSizeBytes}</c>: the file is posted as multipart to <c>url</c>.</summary>
    Multipart,

    /// <summary><c>{transport: "presigned-put", uploadId, fileId, url, headers, expiresAt, maxFileSizeBytes}</c>: the bytes are PUT to the simulator's storage route, then the upload is completed.</summary>
    PresignedPut,
}
