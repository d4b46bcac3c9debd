using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Eigenpal.Api.Http;

/// <summary>The SDK identification headers sent with every request.</summary>
internal static class SdkTelemetry
{
    public const string Language = "csharp";

    public static string Version { get; } = ReadVersion();

    /// <summary><c>dotnet-&lt;major&gt;.&lt;minor&gt;.&lt;patch&gt;</c>.</summary>
    public static string Runtime { get; } = string.Create(
        CultureInfo.InvariantCulture, $"dotnet-{Environment.Version.Major}.{Environment.Version.Minor}.{Math.Max(Environment.Version.Build, 0)}");

    /// <summary><c>&lt;linux|darwin|windows&gt;-&lt;x86_64|arm64&gt;</c>, or <c>unknown</c>.</summary>
    public static string Os { get; } = ReadOs();

    public static string UserAgent { get; } = $"eigenpal-sdk-{Language}/{Version} ({Runtime}; {Os})";

    private static string ReadVersion()
    {
        var informational = typeof(SdkTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrWhiteSpace(informational))
        {
            return typeof(SdkTelemetry).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? informational[..plus] : informational;
    }

    private static string ReadOs()
    {
        string? system = OperatingSystem.IsLinux() ? "linux"
            : OperatingSystem.IsMacOS() ? "darwin"
            : OperatingSystem.IsWindows() ? "windows"
            : null;
        string? machine = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x86_64",
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            Architecture.Arm => "arm",
            _ => null,
        };
        return system is null || machine is null ? "unknown" : $"{system}-{machine}";
    }
}
