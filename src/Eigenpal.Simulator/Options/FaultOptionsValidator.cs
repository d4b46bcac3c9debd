using Eigenpal.Simulator.Endpoints;

namespace Eigenpal.Simulator.Options;

/// <summary>Checks fault settings, both at start and when they are replaced at run time.</summary>
internal static class FaultOptionsValidator
{
    public static void Validate(string path, FaultOptions faults, List<string> errors)
    {
        if (faults.LatencyMinMs < 0 || faults.LatencyMaxMs < 0)
        {
            errors.Add($"{path}: latencies must not be negative.");
        }

        if (faults.LatencyMaxMs != 0 && faults.LatencyMaxMs < faults.LatencyMinMs)
        {
            errors.Add($"{path}: LatencyMaxMs must be 0 (fixed latency) or at least LatencyMinMs.");
        }

        if (faults.RateLimitPerSecond < 0 || faults.RateLimitBurst < 0)
        {
            errors.Add($"{path}: RateLimitPerSecond and RateLimitBurst must not be negative.");
        }

        if (faults.HangMs < 0)
        {
            errors.Add($"{path}: HangMs must not be negative.");
        }

        SimulatorOptionsValidator.CheckFraction($"{path}:ServerErrorRate", faults.ServerErrorRate, errors);
        SimulatorOptionsValidator.CheckFraction($"{path}:ServiceUnavailableShare", faults.ServiceUnavailableShare, errors);
        SimulatorOptionsValidator.CheckFraction($"{path}:HangRate", faults.HangRate, errors);
        SimulatorOptionsValidator.CheckFraction($"{path}:LostRunResponseRate", faults.LostRunResponseRate, errors);
        foreach (var endpoint in faults.Endpoints.Where(e => !EndpointNames.All.Contains(e)))
        {
            errors.Add($"{path}:Endpoints: '{endpoint}' is not an endpoint name ({string.Join(", ", EndpointNames.All)}).");
        }
    }

    public static IReadOnlyList<string> Validate(FaultOptions faults)
    {
        var errors = new List<string>();
        Validate("faults", faults, errors);
        return errors;
    }
}
