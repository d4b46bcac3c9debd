namespace Eigenpal.Polling;

/// <summary>An attempt ended <c>vanished</c> because its get answered 404 for longer than the timeout.</summary>
internal sealed record VanishedExecution(Guid Id, Guid SubmissionId, string RemoteId, string Reason);
