using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Worker.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary><c>eigenpal show ID</c>: everything recorded about one submission.</summary>
internal sealed class ShowCommand(CliServices services) : AsyncCommand<ShowCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("A submission id, its start or end (the short id `list` shows), or a remote execution id of one of its attempts.")]
        public string Id { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await StoreCheck.EnsureReachableAsync(services, cancellationToken);
        var detail = await SubmissionLookup.FindAsync(services, settings.Id, cancellationToken);
        var s = detail.Submission;
        var console = services.Console;

        var facts = new Grid().AddColumn().AddColumn();
        facts.AddRow("Submission", s.Id.ToString());
        facts.AddRow("Source", Markup.Escape(s.SourceName ?? ""));
        facts.AddRow("Workflow", Markup.Escape(s.Workflow + (detail.Version is null ? "" : $" @ {detail.Version}")));
        facts.AddRow("Batch", s.BatchId?.ToString() ?? "");
        facts.AddRow("State", $"[bold]{s.State}[/]{(s.Reason is null ? "" : " — " + Markup.Escape(s.Reason))}");
        if (RequiredInputHint.For(s.Reason ?? (detail.Attempts.Count > 0 ? detail.Attempts[^1].Error : null), sentFiles: detail.Files.Count > 0) is { } hint)
        {
            facts.AddRow("[yellow]Hint[/]", Markup.Escape(hint));
        }

        facts.AddRow("Recorded", Time(s.CreatedAt));
        facts.AddRow("Updated", Time(s.UpdatedAt));
        facts.AddRow("Idempotency key", Markup.Escape(detail.IdempotencyKey));
        facts.AddRow("Input", Markup.Escape(detail.InputJson));
        facts.AddRow("Files", Markup.Escape(string.Join("; ", detail.Files)));
        console.Write(facts);

        var attempts = new Table().Title("Attempts").AddColumns("#", "API", "Execution", "Status", "Sent", "Ended", "Error", "Request id", "Cancel");
        foreach (var a in detail.Attempts)
        {
            attempts.AddRow(
                a.Attempt.ToString(CultureInfo.InvariantCulture), a.Surface, Markup.Escape(a.RemoteId ?? "(none)"), a.Status, Time(a.SentAt),
                a.CompletedAt is { } c ? Time(c) : "", Markup.Escape(Join(a.FailureCategory, a.Error)), Markup.Escape(a.RequestId ?? ""),
                Markup.Escape(a.CancelOutcome ?? ""));
        }

        console.Write(attempts);
        // The chain of attempts, each with the reason it was made (a reprocess run names itself and the failure it retried).
        var chain = new Table().Title("Why each attempt was made").AddColumns("#", "Made because");
        foreach (var a in detail.Attempts)
        {
            chain.AddRow(a.Attempt.ToString(CultureInfo.InvariantCulture), Markup.Escape(a.MadeBecause ?? "(recorded before this was kept)"));
        }

        console.Write(chain);
        var history = new Table().Title("Status history").AddColumns("Attempt", "When (UTC)", "From", "To", "Observed by", "Detail");
        foreach (var h in detail.History)
        {
            history.AddRow(h.Attempt.ToString(CultureInfo.InvariantCulture), Time(h.ChangedAt), h.From ?? "", h.To,
                Markup.Escape(h.ObservedBy ?? ""), Markup.Escape(h.Detail ?? ""));
        }

        console.Write(history);
        if (detail.Attempts.LastOrDefault(a => a.ResultJson is not null) is { ResultJson: { } result })
        {
            console.MarkupLine("[bold]Result[/]");
            console.WriteLine(JsonNode.Parse(result)?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? result);
        }

        return ExitCodes.Success;
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string Join(string? category, string? error) =>
        category is null ? error ?? "" : error is null ? category : $"{category}: {error}";
}
