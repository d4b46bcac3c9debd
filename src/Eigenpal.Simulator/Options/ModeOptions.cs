namespace Eigenpal.Simulator.Options;

/// <summary>
/// Behaviours the SDK leaves open, each switchable so a client can be tested against every
/// plausible server rather than against one. The defaults are the simulator's historical
/// behaviour. Bound from <c>Simulator:Modes</c> (e.g. <c>Simulator:Modes:FileEcho=NameOnly</c>),
/// validated at start, and replaceable as a whole at run time with <c>PUT /_sim/modes</c> or
/// <see cref="SimulatorHost.SetModes(ModeOptions)"/>.
/// </summary>
public sealed partial class ModeOptions
{
    /// <summary>The default and largest page of the executions list, as served before this option existed.</summary>
    public const int DefaultMaxPageSize = 100;

    /// <summary>How <c>triggerInput</c> in list items shows an uploaded file; <see cref="FileEchoMode.None"/> leaves <c>triggerInput</c> out.</summary>
    public FileEchoMode FileEcho { get; set; } = FileEchoMode.Full;

    /// <summary>
    /// <c>triggerInput</c> re-serialises scalar inputs as a JavaScript server would: numbers in
    /// their shortest form (<c>1.50</c> → <c>1.5</c>, <c>2.0</c> → <c>2</c>, <c>1e3</c> → <c>1000</c>,
    /// integers beyond 2^53 lose precision), object keys in reverse order, and inputs whose value
    /// is <c>null</c> dropped. False echoes values byte for byte.
    /// </summary>
    public bool ReserializeScalars { get; set; }

    /// <summary>The order of the executions list.</summary>
    public ListOrderMode ListOrder { get; set; } = ListOrderMode.NewestFirst;

    /// <summary>
    /// The most items one page of the executions list returns, whatever <c>limit</c> asks; the
    /// response's <c>limit</c> reports the value applied. Also caps the default limit of 50.
    /// </summary>
    public int MaxPageSize { get; set; } = DefaultMaxPageSize;

    /// <summary>
    /// A page of the executions list requested at <c>offset</c> of at least this value comes back
    /// with <c>data: []</c> while <c>total</c> still counts every match. 0 turns it off.
    /// </summary>
    public int EmptyPagesFromOffset { get; set; }

    /// <summary>
    /// How long after its creation a new execution appears in list results (and their <c>total</c>);
    /// <c>GET /executions/{id}</c> finds it at once. 0 turns it off.
    /// </summary>
    public int ListVisibilityDelayMs { get; set; }

    /// <summary>
    /// Fraction (0..1) of client runs with a file input after which the simulator creates a
    /// look-alike, as another client would: same workflow, version and scalar inputs, files with
    /// the same names but other bytes, created 0–500 ms later. Look-alikes are counted in
    /// <c>LookAlikesCreated</c>, never in <c>ExecutionsCreated</c> nor as duplicate inputs.
    /// </summary>
    public double LookAlikeRate { get; set; }

    /// <summary>
    /// Look-alike files keep the original's size (one byte changed) instead of growing by a short suffix.
    /// </summary>
    public bool LookAlikeSameSize { get; set; }

    /// <summary>
    /// How far the API's clock runs ahead of the simulator's (negative: behind), in seconds. Every
    /// timestamp the API reports, the <c>Date</c> header, and every time it reads (<c>fromDate</c>,
    /// <c>toDate</c>, <c>now()-7d</c>) is on the shifted clock. Changing it at run time steps the
    /// clock: existing executions age (or grow younger) by the step.
    /// </summary>
    public double ClockOffsetSeconds { get; set; }

    /// <summary>A copy, so that the modes in force change only through validation.</summary>
    internal ModeOptions Clone() => (ModeOptions)MemberwiseClone();
}
