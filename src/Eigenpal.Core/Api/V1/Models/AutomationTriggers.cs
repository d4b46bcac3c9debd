namespace Eigenpal.Api.V1;

/// <summary>Which ways of starting an automation are on (<c>triggers</c>); a start is refused (403) when <see cref="Api"/> is off.</summary>
/// <param name="Api">API starts.</param>
/// <param name="Email">Inbound email.</param>
/// <param name="Manual">Manual starts in the UI.</param>
/// <param name="Cron">Scheduled starts.</param>
public sealed record AutomationTriggers(bool Api, bool Email, bool Manual, bool Cron);
