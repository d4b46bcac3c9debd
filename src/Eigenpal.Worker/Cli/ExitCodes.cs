namespace Eigenpal.Worker.Cli;

/// <summary>The exit codes of the <c>eigenpal</c> commands (also listed in each command's help and in docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done; with <c>--wait</c>, every submission completed.</summary>
    public const int Success = 0;

    /// <summary>Some submissions ended without completing (failed, rejected, cancelled, error), or some could not be cancelled.</summary>
    public const int NotAllCompleted = 1;

    /// <summary>Bad input or usage: some files or manifest rows were rejected (the good ones are still recorded), or an option is wrong.</summary>
    public const int BadInput = 2;

    /// <summary>The database is unreachable, not configured, or its schema is missing.</summary>
    public const int DatabaseUnavailable = 3;

    /// <summary>The API key is missing, or the API refused or could not be reached (unknown workflow or version, forbidden, bad key).</summary>
    public const int ApiUnavailable = 4;

    /// <summary><c>--wait --timeout</c> ran out while submissions were still unfinished; they carry on in the worker.</summary>
    public const int StillRunning = 5;

    /// <summary>An unexpected internal error (a bug): the message says what happened.</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted (Ctrl+C) before the command finished; nothing recorded so far is lost.</summary>
    public const int Interrupted = 130;
}
