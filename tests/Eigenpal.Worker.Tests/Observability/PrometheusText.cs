using System.Globalization;
using System.Text;

namespace Eigenpal.Worker.Tests.Observability;

/// <summary>One sample line of the Prometheus text format.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string? Label(string name) => Labels.GetValueOrDefault(name);
}

/// <summary>
/// A strict parser of the Prometheus text exposition format (0.0.4): every line must be blank, a
/// <c># HELP</c>/<c># TYPE</c> line, another comment, or a sample
/// <c>name{label="value",...} value [timestamp]</c>; every sample must belong to a family whose TYPE was
/// declared before it. Any other line fails the parse with its line number.
/// </summary>
public static class PrometheusText
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped", "unknown", "info", "stateset", "gaugehistogram"];
    private static readonly string[] FamilySuffixes = ["_total", "_bucket", "_sum", "_count", "_created", "_info"];

    public static List<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var families = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                if (line.StartsWith('#'))
                {
                    ParseComment(line, families);
                }
                else
                {
                    var sample = ParseSample(line);
                    if (!families.ContainsKey(sample.Name) && !FamilySuffixes.Any(s => sample.Name.EndsWith(s, StringComparison.Ordinal) && families.ContainsKey(sample.Name[..^s.Length])))
                    {
                        throw new FormatException($"sample {sample.Name} has no # TYPE before it");
                    }

                    samples.Add(sample);
                }
            }
            catch (FormatException ex)
            {
                throw new FormatException($"line {number} is not Prometheus text ({ex.Message}): {line}", ex);
            }
        }

        return samples;
    }

    private static void ParseComment(string line, Dictionary<string, string> families)
    {
        var parts = line.Split(' ', 4);
        if (parts.Length >= 3 && parts[1] == "TYPE")
        {
            var type = parts.Length == 4 ? parts[3] : "";
            RequireName(parts[2], metric: true);
            if (!Types.Contains(type))
            {
                throw new FormatException($"unknown type '{type}'");
            }

            if (!families.TryAdd(parts[2], type))
            {
                throw new FormatException($"second TYPE for {parts[2]}");
            }
        }
        else if (parts.Length >= 3 && parts[1] == "HELP")
        {
            RequireName(parts[2], metric: true);
        }
        else if (parts.Length >= 2 && parts[1] is "TYPE" or "HELP")
        {
            throw new FormatException("HELP/TYPE without a metric name");
        }
    }

    private static PrometheusSample ParseSample(string line)
    {
        var i = 0;
        var name = ReadName(line, ref i, metric: true);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (i < line.Length && line[i] != '}')
            {
                var label = ReadName(line, ref i, metric: false);
                Expect(line, ref i, '=');
                Expect(line, ref i, '"');
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new FormatException("unterminated label value");
                    }

                    var c = line[i++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        if (i >= line.Length)
                        {
                            throw new FormatException("dangling escape");
                        }

                        value.Append(line[i++] switch { '\\' => '\\', '"' => '"', 'n' => '\n', var other => throw new FormatException($"bad escape \\{other}") });
                    }
                    else
                    {
                        value.Append(c);
                    }
                }

                if (!labels.TryAdd(label, value.ToString()))
                {
                    throw new FormatException($"label {label} twice");
                }

                if (i < line.Length && line[i] == ',')
                {
                    i++;
                }
                else if (i < line.Length && line[i] != '}')
                {
                    throw new FormatException("expected , or }");
                }
            }

            Expect(line, ref i, '}');
        }

        Expect(line, ref i, ' ');
        var rest = line[i..].Split(' ');
        if (rest.Length is < 1 or > 2)
        {
            throw new FormatException("expected a value and an optional timestamp");
        }

        var sampleValue = rest[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw new FormatException($"bad value '{v}'"),
        };
        if (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"bad timestamp '{rest[1]}'");
        }

        return new PrometheusSample(name, labels, sampleValue);
    }

    private static string ReadName(string line, ref int i, bool metric)
    {
        var start = i;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '_' || (metric && line[i] == ':')))
        {
            i++;
        }

        var name = line[start..i];
        RequireName(name, metric);
        return name;
    }

    private static void RequireName(string name, bool metric)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '_' || (metric && c == ':'))))
        {
            throw new FormatException($"bad {(metric ? "metric" : "label")} name '{name}'");
        }
    }

    private static void Expect(string line, ref int i, char c)
    {
        if (i >= line.Length || line[i] != c)
        {
            throw new FormatException($"expected '{c}' at column {i + 1}");
        }

        i++;
    }
}
