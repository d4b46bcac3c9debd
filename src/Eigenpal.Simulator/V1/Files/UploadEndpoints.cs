using System.Globalization;
using System.Text.Json;
using Eigenpal.Simulator.Admin;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Faults;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.V1.Contracts;
using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Simulator.V1.Files;

/// <summary>
/// Upload sessions (§5.1, §5.3, §5.4): negotiate, complete, abort. The transport and what a
/// repeated idempotency key does follow <see cref="Options.ModeOptions.UploadTransport"/> and
/// <see cref="Options.ModeOptions.UploadIdempotency"/> at negotiation time.
/// </summary>
internal static class UploadEndpoints
{
    public static async Task<IResult> Negotiate(
        HttpContext context, FileStore files, ModeState modeState, ApiClock time, SimulatorCounters counters, FaultState faults, ILogger<FileStore> logger)
    {
        var (body, error) = await V1Request.ReadObjectAsync(context);
        if (error is not null)
        {
            return error;
        }

        if (!V1Request.TryGetString(body, "filename", out var fileName) || string.IsNullOrEmpty(fileName))
        {
            return ApiErrors.Validation(context, "body.filename", "filename is required (a non-empty string).", "required");
        }

        if (!V1Request.TryGetString(body, "contentType", out var contentType) || string.IsNullOrEmpty(contentType))
        {
            return ApiErrors.Validation(context, "body.contentType", "contentType is required (a non-empty string).", "required");
        }

        if (!body.TryGetProperty("size", out var sizeValue) || sizeValue.ValueKind != JsonValueKind.Number || !sizeValue.TryGetInt64(out var size) || size < 0)
        {
            return ApiErrors.Validation(context, "body.size", "size is required (a non-negative integer of bytes).", "required");
        }

        if (!V1Request.TryGetString(body, "idempotencyKey", out var key) || key is { Length: 0 })
        {
            return ApiErrors.Validation(context, "body.idempotencyKey", "idempotencyKey must be a non-empty string when given.");
        }

        if (!V1Request.TryGetString(body, "purpose", out var purpose) || !FileResponses.IsPurpose(purpose))
        {
            return ApiErrors.Validation(context, "body.purpose", "purpose must be 'run-input' or 'builder-attachment' when given.");
        }

        if (size > FileStore.MaxFileSizeBytes)
        {
            return FileResponses.TooLarge(context, "body.size", size);
        }

        var modes = modeState.Current;
        var now = time.GetUtcNow();
        var indexKey = modes.UploadIdempotency == UploadIdempotencyMode.NewFile ? null : key;
        var (session, created) = files.GetOrCreateSession(indexKey, now, fileId => new UploadSession
        {
            Id = FileStore.NewId("fup_"),
            FileId = fileId ?? FileStore.NewId("file_"),
            IdempotencyKey = key,
            FileName = fileName,
            ContentType = contentType,
            Size = size,
            Purpose = purpose,
            Transport = modes.UploadTransport,
            ExpiresAt = now.AddSeconds(modes.UploadUrlLifetimeSeconds),
        });
        if (created)
        {
            counters.UploadSessionCreated();
        }
        else if (modes.UploadIdempotency == UploadIdempotencyMode.ConflictOnMismatch && !session.Matches(fileName, contentType, size))
        {
            return ApiErrors.Error(
                context,
                StatusCodes.Status409Conflict,
                "body.idempotencyKey",
                $"idempotencyKey '{key}' was used for another upload ({session.FileName}, {session.ContentType}, {session.Size} bytes).",
                "idempotency_key_mismatch");
        }

        if (faults.AppliesTo(V1EndpointNames.CreateUpload, HttpMethods.Post) && faults.ShouldLoseRunResponse())
        {
            // The session exists, but the client never learns its id; a repeat with the same key finds it.
            counters.LostResponse();
            Log.FaultInjected(logger, "lost-upload-response", context.TraceIdentifier, V1EndpointNames.CreateUpload);
            context.Abort();
            return Results.Empty;
        }

        return session.Transport == UploadTransportMode.PresignedPut
            ? TypedResults.Json(Presigned(context, session), SimulatorJson.Options)
            : TypedResults.Json(new MultipartUploadResponse("multipart", $"{V1Request.Prefix(context)}/files?uploadId={session.Id}", FileStore.MaxFileSizeBytes), SimulatorJson.Options);
    }

    public static IResult Complete(HttpContext context, string uploadId, FileStore files, ApiClock time, SimulatorCounters counters)
    {
        if (files.FindSession(uploadId) is not { Aborted: false } session)
        {
            return FileResponses.UploadNotFound(context, uploadId);
        }

        lock (session.Gate)
        {
            if (session.File is { } done)
            {
                return FileResponses.Ok(done);
            }

            if (session.Uploaded is not { } bytes)
            {
                return ApiErrors.Validation(context, "path.uploadId", $"Upload '{uploadId}' has no uploaded object yet: PUT the bytes to the negotiated url first.");
            }

            var file = FileFactory.Create(session.FileId, session.FileName, session.ContentType, bytes, time.GetUtcNow(), session.Purpose);
            files.Add(file);
            session.Complete(file);
            counters.FileCreated();
            return FileResponses.Ok(file);
        }
    }

    public static IResult Abort(HttpContext context, string uploadId, FileStore files)
    {
        if (files.FindSession(uploadId) is not { } session)
        {
            return FileResponses.UploadNotFound(context, uploadId);
        }

        return TypedResults.Json(new AbortUploadResponse(session.Abort()), SimulatorJson.Options);
    }

    private static PresignedUploadResponse Presigned(HttpContext context, UploadSession session)
    {
        var request = context.Request;
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Content-Type"] = session.ContentType,
            ["Content-Length"] = session.Size.ToString(CultureInfo.InvariantCulture),
            [StorageEndpoint.UploadIdHeader] = session.Id,
        };
        return new PresignedUploadResponse(
            "presigned-put",
            session.Id,
            session.FileId,
            $"{request.Scheme}://{request.Host}{StorageEndpoint.PathPrefix}/{session.Id}",
            headers,
            WireTime.Format(session.ExpiresAt),
            FileStore.MaxFileSizeBytes);
    }
}
