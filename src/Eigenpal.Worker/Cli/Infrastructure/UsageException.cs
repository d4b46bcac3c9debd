namespace Eigenpal.Worker.Cli.Infrastructure;

/// <summary>An option or argument is wrong; the command stops with exit code 2 and this message.</summary>
internal sealed class UsageException(string message) : Exception(message);
