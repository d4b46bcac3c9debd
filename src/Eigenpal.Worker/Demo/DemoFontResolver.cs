using System.Reflection;
using PdfSharp.Fonts;

namespace Eigenpal.Worker.Demo;

/// <summary>
/// Serves the sample invoices' typeface, Liberation Sans, from font files embedded in this assembly.
/// </summary>
/// <remarks>
/// PDFsharp's Core build (the only one that runs on Linux) ships no fonts and, outside Windows, finds
/// system fonts only by luck, so it needs a font resolver. We embed the font rather than resolve one
/// from /usr/share/fonts because that is the only choice that works everywhere `eigenpal demo` runs
/// with no install step: a fresh Debian CI machine, the aspnet runtime container (which has no fonts),
/// macOS and Windows; and the same font bytes on every machine keep the generated PDFs identical.
/// Liberation Sans 2.1.5 is taken unmodified from Debian's fonts-liberation2 package; its licence,
/// the SIL Open Font License 1.1, allows bundling with software as long as the licence travels with
/// it (Demo/Fonts/OFL.txt, copied to licenses/ in the build output). The two faces cost ~800 KB.
/// </remarks>
internal sealed class DemoFontResolver : IFontResolver
{
    /// <summary>The family name to pass to <c>XFont</c>.</summary>
    public const string FamilyName = "Liberation Sans";

    private const string RegularFace = "LiberationSans-Regular";
    private const string BoldFace = "LiberationSans-Bold";

    private static readonly Lock InstallGate = new();
    private static readonly DemoFontResolver Instance = new();

    private readonly Lazy<byte[]> _regular = new(() => LoadEmbeddedFont(RegularFace));
    private readonly Lazy<byte[]> _bold = new(() => LoadEmbeddedFont(BoldFace));

    private DemoFontResolver()
    {
    }

    /// <summary>
    /// Registers the resolver with PDFsharp once per process. PDFsharp's font settings are global and
    /// cannot be replaced after first use, so when the host already installed its own resolver we
    /// register as the fallback, which PDFsharp asks for families the main resolver does not know.
    /// </summary>
    public static void EnsureInstalled()
    {
        lock (InstallGate)
        {
            if (GlobalFontSettings.FontResolver is DemoFontResolver
                || GlobalFontSettings.FallbackFontResolver is DemoFontResolver)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = Instance;
            }
            else if (GlobalFontSettings.FallbackFontResolver is null)
            {
                GlobalFontSettings.FallbackFontResolver = Instance;
            }
            else
            {
                throw new InvalidOperationException(
                    $"PDFsharp already has a font resolver and a fallback font resolver; neither serves '{FamilyName}' for the sample invoices.");
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (!string.Equals(familyName, FamilyName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Only the upright faces are bundled; PDFsharp slants them when italic is asked for.
        return new FontResolverInfo(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);
    }

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => _regular.Value,
        BoldFace => _bold.Value,
        _ => null,
    };

    private static byte[] LoadEmbeddedFont(string faceName)
    {
        var resourceName = $"Eigenpal.Worker.Demo.Fonts.{faceName}.ttf";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded font resource '{resourceName}' is missing from the build.");
        using var buffer = new MemoryStream(capacity: (int)stream.Length);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
