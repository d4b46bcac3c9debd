namespace Eigenpal.Reprocessing;

/// <summary>What started a reprocess run; recorded in its report.</summary>
public enum ReprocessTrigger
{
    /// <summary>The recurring job, on its cron.</summary>
    Schedule,

    /// <summary>"Trigger now" in the Hangfire dashboard.</summary>
    Dashboard,

    /// <summary><c>eigenpal reprocess</c>.</summary>
    Command,
}

/// <summary>Stored names of <see cref="ReprocessTrigger"/>.</summary>
public static class ReprocessTriggers
{
    /// <summary>The stored name: <c>schedule</c>, <c>dashboard</c> or <c>command</c>.</summary>
    public static string Name(this ReprocessTrigger trigger) => trigger switch
    {
        ReprocessTrigger.Schedule => "schedule",
        ReprocessTrigger.Dashboard => "dashboard",
        ReprocessTrigger.Command => "command",
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
    };
}
