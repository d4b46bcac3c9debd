namespace Eigenpal.Api.V1;

/// <summary>
/// The answer to a start or a rerun. The server answers 200 (finished within <c>wait_for_completion</c>),
/// 201 (accepted) or 202 (the wait ran out), with either a RunAccepted <c>{id, type, finished, source?}</c> or a
/// full Run; the client decides by the body, not the code: a body with <c>timing</c>, <c>execution</c> or
/// <c>sampleRank</c> is a Run, and is then in <see cref="Run"/>.
/// </summary>
/// <param name="StatusCode">The HTTP status (200, 201 or 202).</param>
/// <param name="Id">The id of the new run.</param>
/// <param name="Finished">Whether the run had already ended (only a full Run can say so).</param>
/// <param name="Run">The full run, when the body was one; <see langword="null"/> for a RunAccepted.</param>
public sealed record RunStarted(int StatusCode, string Id, bool Finished, Run? Run);
