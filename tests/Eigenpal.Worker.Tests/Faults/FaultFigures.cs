using System.Globalization;

namespace Eigenpal.Worker.Tests.Faults;

/// <summary>What one fault-suite run measured: the row printed per mode (and appended to the report file).</summary>
public sealed record FaultFigures(
    string Label,
    string Profile,
    int Submissions,
    int Workers,
    int Faults,
    long LostResponses,
    long Reconciled,
    long NotCreated,
    long Undetermined,
    long Duplicates,
    long EarlyRequests,
    long RateLimited,
    long ServerErrors,
    long Requests,
    long LookAlikes,
    double SecondsFinalAfterLastFault,
    double SecondsTotal)
{
    public static string Header =>
        "label | profile | submissions | worker starts | faults | lost | reconciled | not-created | undetermined | duplicates | early | 429 | 5xx | requests | look-alikes | final after last fault (s) | total (s)";

    private static string Percent(long part, long whole) => whole == 0 ? "0" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Label} | {Profile} | {Submissions} | {Workers} | {Faults} | {LostResponses} | {Reconciled} | {NotCreated} | {Undetermined} | {Duplicates} | {EarlyRequests} | {RateLimited} ({Percent(RateLimited, Requests)} %) | {ServerErrors} ({Percent(ServerErrors, Requests)} %) | {Requests} | {LookAlikes} | {SecondsFinalAfterLastFault:0.0} | {SecondsTotal:0.0}");

    public string ToTsv() => string.Join('\t', ToString().Split(" | "));
}
