namespace Eigenpal.Simulator.Workflows;

/// <summary>A file given as a workflow input (a multipart part).</summary>
internal sealed record InputFile(string FileName, string ContentType, byte[] Content, string Sha256);
