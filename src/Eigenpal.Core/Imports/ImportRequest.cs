using Eigenpal.Api;

namespace Eigenpal.Imports;

/// <summary>What <c>eigenpal import</c> asks: which workflow's runs, created how long ago at most, in which remote statuses.</summary>
/// <param name="Workflow">The workflow id or slug, as submissions name it.</param>
/// <param name="Since">Runs created within this long before now are listed.</param>
/// <param name="Statuses">Only runs in these remote statuses; empty means every status.</param>
/// <param name="DeclaredFileInputs">The inputs the workflow declares as files (their values are never resendable); empty when unknown.</param>
/// <param name="Observer">Who imports, recorded in each adopted run's history.</param>
public sealed record ImportRequest(
    string Workflow, TimeSpan Since, IReadOnlyList<ExecutionStatus> Statuses, IReadOnlyCollection<string> DeclaredFileInputs, string Observer);
