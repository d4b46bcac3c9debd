namespace Eigenpal.Simulator.V1.Runs;

/// <summary>The sections <c>expand</c> adds to a Run (§4.2).</summary>
[Flags]
internal enum RunExpand
{
    None = 0,
    Input = 1,
    Usage = 2,
    Execution = 4,
    Debug = 8,
}

/// <summary>Reads the comma-separated <c>expand</c> query value.</summary>
internal static class RunExpandParser
{
    public static bool TryParse(string? raw, out RunExpand expand, out string? unknown)
    {
        expand = RunExpand.None;
        unknown = null;
        foreach (var token in (raw ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var flag = token switch
            {
                "input" => RunExpand.Input,
                "usage" => RunExpand.Usage,
                "execution" => RunExpand.Execution,
                "debug" => RunExpand.Debug,
                _ => (RunExpand?)null,
            };
            if (flag is null)
            {
                unknown = token;
                return false;
            }

            expand |= flag.Value;
        }

        return true;
    }
}
