using Eigenpal.Submissions;
using Eigenpal.Submissions.Queries;
using Eigenpal.Worker.Cli.Infrastructure;
using Eigenpal.Worker.Cli.Inputs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// <c>eigenpal submit</c>: records a batch durably (files with their bytes), in chunks so nothing
/// already read is lost, after checking the workflow through the API; optionally follows it to the end.
/// </summary>
internal sealed class SubmitCommand(CliServices services) : AsyncCommand<SubmitSettings>
{
    private const int ChunkCount = 100;
    private const long ChunkBytes = 32L << 20;

    public override async Task<int> ExecuteAsync(CommandContext context, SubmitSettings settings, CancellationToken cancellationToken)
    {
        var template = BuildTemplate(settings);
        var report = new SubmitReport(settings.Workflow, settings.BatchName);

        // The database first (cheap, and where everything goes), then the API, then the inputs.
        await StoreCheck.EnsureReachableAsync(services, cancellationToken);
        await FleetPauseGate.WaitAsync(services, message => Warn(report, settings.Json, message), cancellationToken);
        var check = await WorkflowCheck.RunAsync(services.Surfaces, settings.Workflow, settings.Version, cancellationToken);
        if (check.Problem is not null)
        {
            report.Problems.Add(new InputProblem("--workflow", settings.Version is null ? "workflow" : "version", check.Problem));
            return report.Finish(services, ExitCodes.ApiUnavailable, settings.Json);
        }

        // On v1 the schema may choose the file input, and refuses what would fail every row, before anything is read.
        (template, var refusals) = ApplyDeclaredInputs(settings, template, check.Inputs);
        if (refusals.Count > 0)
        {
            report.Problems.AddRange(refusals);
            return report.Finish(services, ExitCodes.BadInput, settings.Json);
        }

        // Folder and argument files all go as --input-field (a manifest may name other inputs per column).
        if (settings.Manifest is null && template.FileInput is { } fileInput
            && check.Inputs?.ProblemWithFileInput(settings.Workflow, fileInput) is { } inputProblem)
        {
            Warn(report, settings.Json, char.ToUpperInvariant(inputProblem[0]) + inputProblem[1..] + ".");
        }

        var batchId = Guid.CreateVersion7(services.Time.GetUtcNow());
        var nonce = Guid.NewGuid().ToString("N")[..12];
        var chunk = new List<NewSubmission>();
        long chunkBytes = 0;
        await foreach (var item in ReadInputs(settings, template, cancellationToken))
        {
            report.Problems.AddRange(item.Problems);
            if (item.Submission is not { } submission)
            {
                continue;
            }

            chunk.Add(settings.Force ? WithFreshKey(submission, nonce) : submission);
            chunkBytes += submission.Files.Sum(f => (long)f.Content.Length);
            if (chunk.Count >= ChunkCount || chunkBytes >= ChunkBytes)
            {
                await RecordAsync(batchId, settings.BatchName, chunk, report, cancellationToken);
                chunkBytes = 0;
            }
        }

        await RecordAsync(batchId, settings.BatchName, chunk, report, cancellationToken);
        if (report.SubmissionIds.Count == 0 && report.Problems.Count == 0)
        {
            report.Problems.Add(new InputProblem(settings.Directory ?? settings.Manifest ?? "arguments", null,
                settings.Directory is null ? "nothing to submit" : $"no file matches '{settings.Pattern}'"));
        }

        if (!settings.Json)
        {
            report.PrintRecorded(services.Console);
        }

        if (!settings.Wait || report.SubmissionIds.Count == 0)
        {
            return report.Finish(services, report.Problems.Count > 0 ? ExitCodes.BadInput : ExitCodes.Success, settings.Json);
        }

        var liveWorkers = await WorkerLiveness.CountLiveWorkersAsync(services.DataSource, cancellationToken);
        if (liveWorkers is null or 0)
        {
            Warn(report, settings.Json, "No worker is alive (no worker heartbeat in the last minute): nothing will be sent until one runs ('eigenpal worker').");
        }

        TimeSpan? timeout = settings.Timeout is not null && DurationText.TryParse(settings.Timeout, out var t) ? t : null;
        var (counts, ended) = await new BatchProgress(services).WaitAsync(report.SubmissionIds, timeout, quiet: settings.Json, cancellationToken);
        report.Counts = counts;
        if (counts.GetValueOrDefault(SubmissionState.Error.Name()) > 0 && report.BatchId is { } recordedBatch)
        {
            var reasons = await services.Queries.TopFailureReasonsAsync(new SubmissionFilter(recordedBatch.ToString()), 10, cancellationToken);
            report.Hints.AddRange(RequiredInputHint.For(reasons.Select(r => r.Reason), sentFiles: settings.Manifest is null ? true : null));
        }

        var allCompleted = ended && counts.GetValueOrDefault(SubmissionState.Completed.Name()) == report.SubmissionIds.Count;
        var code = report.Problems.Count > 0 ? ExitCodes.BadInput
            : !ended ? ExitCodes.StillRunning
            : allCompleted ? ExitCodes.Success : ExitCodes.NotAllCompleted;
        if (!ended)
        {
            report.Warnings.Add($"Stopped waiting after {settings.Timeout}; the submissions carry on.");
        }

        return report.Finish(services, code, settings.Json);
    }

    /// <summary>A warning in the report (its JSON), and on the console straight away unless the output is JSON.</summary>
    private void Warn(SubmitReport report, bool json, string message)
    {
        report.Warnings.Add(message);
        if (!json)
        {
            services.Console.MarkupLine($"[yellow]Warning:[/] {Markup.Escape(message)}");
        }
    }

    private async Task RecordAsync(Guid batchId, string? batchName, List<NewSubmission> chunk, SubmitReport report, CancellationToken ct)
    {
        if (chunk.Count == 0)
        {
            return;
        }

        var recorded = await services.Intake.RecordIntoBatchAsync(batchId, batchName, chunk, ct);
        report.Add(recorded);
        chunk.Clear();
    }

    private static IAsyncEnumerable<InputItem> ReadInputs(SubmitSettings settings, SubmissionTemplate template, CancellationToken ct)
    {
        if (settings.Directory is { } folder)
        {
            if (!System.IO.Directory.Exists(folder))
            {
                throw new UsageException($"--dir '{folder}' is not a folder.");
            }

            return FolderInput.ReadAsync(folder, settings.Pattern, settings.Recursive, template, ct);
        }

        if (settings.Manifest is { } manifest)
        {
            if (!File.Exists(manifest))
            {
                throw new UsageException($"--manifest '{manifest}': file not found.");
            }

            return Path.GetExtension(manifest).ToUpperInvariant() switch
            {
                ".JSONL" or ".NDJSON" => JsonLinesManifest.ReadAsync(manifest, template, settings.KeyFrom, ct),
                ".CSV" => CsvManifest.ReadAsync(manifest, template, settings.KeyFrom, ct),
                _ => throw new UsageException($"--manifest '{manifest}': use a .jsonl or .csv file."),
            };
        }

        return ArgumentFilesInput.ReadAsync(settings.Files, template, ct);
    }

    private static SubmissionTemplate BuildTemplate(SubmitSettings settings)
    {
        // Parsed before the database and the API are asked, so a mistyped option fails at once;
        // with a v1 schema the values are parsed again by its types (ApplyDeclaredInputs).
        var common = SharedInputs.Parse(settings.Inputs, schema: null);
        var maxBytes = ByteSize.TryParse(settings.MaxFileSize, out var parsed) ? parsed : throw new UsageException($"--max-file-size '{settings.MaxFileSize}' is not a size.");
        return new SubmissionTemplate(settings.Workflow.Trim(), settings.Version, common, settings.InputField ?? FileInputChoice.Default, maxBytes);
    }

    /// <summary>
    /// The template with what the workflow check read: on v1 with a schema, the file input it names and
    /// the rules every row is checked against; problems that would refuse every row are returned instead.
    /// </summary>
    private static (SubmissionTemplate Template, IReadOnlyList<InputProblem> Refusals) ApplyDeclaredInputs(
        SubmitSettings settings, SubmissionTemplate template, WorkflowInputs? inputs)
    {
        var choice = FileInputChoice.Choose(template.Workflow, settings.InputField, inputs, allFilesAsField: settings.Manifest is null);
        if (choice.Refusal is { } refusal)
        {
            return (template, [new InputProblem("--input-field", settings.InputField, refusal)]);
        }

        if (inputs is not { IsSchema: true } schema)
        {
            return (template, []);
        }

        var common = SharedInputs.Parse(settings.Inputs, schema);
        return (template with { CommonInput = common, FileInput = choice.Field, Schema = schema }, SharedInputs.Check(common, template.Workflow, schema));
    }

    /// <summary>--force: the same content under a key no earlier run used, so it is recorded (and sent) again.</summary>
    private static NewSubmission WithFreshKey(NewSubmission submission, string nonce) => submission with
    {
        IdempotencyKey = (submission.IdempotencyKey ?? IdempotencyKey.For(submission.Workflow, submission.Version, submission.Input, submission.Files))
            + ":force-" + nonce,
    };
}
