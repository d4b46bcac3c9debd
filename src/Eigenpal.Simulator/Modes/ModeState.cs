using Eigenpal.Simulator.Options;
using Microsoft.Extensions.Options;

namespace Eigenpal.Simulator.Modes;

/// <summary>
/// The modes in force. Replaced whole by <see cref="Replace"/>, so a request sees one consistent
/// set; the object held is a private copy, changed only through validation.
/// </summary>
internal sealed class ModeState(IOptions<SimulatorOptions> options)
{
    private ModeOptions current = options.Value.Modes.Clone();

    /// <summary>The modes in force; do not change the object returned.</summary>
    public ModeOptions Current => Volatile.Read(ref current);

    public void Replace(ModeOptions modes) => Volatile.Write(ref current, modes.Clone());
}
