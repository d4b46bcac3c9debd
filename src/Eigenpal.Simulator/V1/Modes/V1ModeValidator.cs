using Eigenpal.Simulator.Options;

namespace Eigenpal.Simulator.V1.Modes;

/// <summary>Checks the v1 modes, at start and when the modes are replaced at run time.</summary>
internal static class V1ModeValidator
{
    public static void Validate(string path, ModeOptions modes, List<string> errors)
    {
        CheckEnum(path, nameof(ModeOptions.Surfaces), modes.Surfaces, errors);
        CheckEnum(path, nameof(ModeOptions.V1Prefix), modes.V1Prefix, errors);
        CheckEnum(path, nameof(ModeOptions.MetadataEcho), modes.MetadataEcho, errors);
        CheckEnum(path, nameof(ModeOptions.SourceFilter), modes.SourceFilter, errors);
        CheckEnum(path, nameof(ModeOptions.RerunChain), modes.RerunChain, errors);
        CheckEnum(path, nameof(ModeOptions.FileReferences), modes.FileReferences, errors);
        CheckEnum(path, nameof(ModeOptions.UploadTransport), modes.UploadTransport, errors);
        CheckEnum(path, nameof(ModeOptions.UploadIdempotency), modes.UploadIdempotency, errors);
        CheckEnum(path, nameof(ModeOptions.WaitTimeoutBody), modes.WaitTimeoutBody, errors);
        if (modes.V1MaxPageSize is < 1 or > ModeOptions.V1MaxLimit)
        {
            errors.Add($"{path}:V1MaxPageSize must be from 1 to {ModeOptions.V1MaxLimit}.");
        }

        SimulatorOptionsValidator.CheckFraction($"{path}:V1ShortPageRate", modes.V1ShortPageRate, errors);
        if (modes.WebhookDelayMs < 0)
        {
            errors.Add($"{path}:WebhookDelayMs must not be negative.");
        }

        SimulatorOptionsValidator.CheckFraction($"{path}:WebhookRepeatRate", modes.WebhookRepeatRate, errors);
        SimulatorOptionsValidator.CheckFraction($"{path}:WebhookReorderRate", modes.WebhookReorderRate, errors);
        SimulatorOptionsValidator.CheckFraction($"{path}:WebhookLossRate", modes.WebhookLossRate, errors);
        if (modes.UploadUrlLifetimeSeconds < 1)
        {
            errors.Add($"{path}:UploadUrlLifetimeSeconds must be at least 1.");
        }
    }

    private static void CheckEnum<T>(string path, string name, T value, List<string> errors)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add($"{path}:{name} must be one of {string.Join(", ", Enum.GetNames<T>())}.");
        }
    }
}
