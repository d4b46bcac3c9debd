namespace Eigenpal.Simulator.Modes;

/// <summary>
/// The API's wall clock: the simulator's <see cref="TimeProvider"/> shifted by
/// <see cref="Options.ModeOptions.ClockOffsetSeconds"/>. Every time the API reports or reads is
/// taken from it. Timers, delays and timestamps are the simulator's own, so waits keep their
/// length whatever the offset.
/// </summary>
internal sealed class ApiClock(TimeProvider inner, ModeState modes) : TimeProvider
{
    public TimeSpan Offset => TimeSpan.FromSeconds(modes.Current.ClockOffsetSeconds);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
