using Eigenpal.Reprocessing;

namespace Eigenpal.Core.Tests.Reprocessing;

/// <summary>A cron read in a zone with daylight saving: the next runs fall where a person in that zone expects them.</summary>
public sealed class CronScheduleTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Two_in_the_morning_in_Berlin_is_one_UTC_in_winter_and_midnight_UTC_in_summer()
    {
        var schedule = CronSchedule.Parse("Eigenpal:Reprocess", "0 2 * * *", "Europe/Berlin");
        Assert.Equal(Utc(1, 15, 1), schedule.NextAfter(Utc(1, 14, 12)));
        Assert.Equal(Utc(7, 15, 0), schedule.NextAfter(Utc(7, 14, 12)));
    }

    [Fact]
    public void On_the_spring_forward_night_a_time_that_does_not_exist_runs_right_after_the_gap()
    {
        // 2027-03-28: Berlin jumps from 02:00 CET to 03:00 CEST; 02:30 never happens that night.
        var schedule = CronSchedule.Parse("Eigenpal:Reprocess", "30 2 * * *", "Europe/Berlin");
        var night = schedule.NextAfter(Utc(3, 27, 12));
        Assert.Equal(Utc(3, 28, 1), night); // 03:00 CEST, the first moment after the gap
        Assert.Equal(Utc(3, 29, 0, 30), schedule.NextAfter(night!.Value)); // 02:30 CEST the next night
    }

    [Fact]
    public void On_the_fall_back_night_a_time_that_occurs_twice_runs_once()
    {
        // 2027-10-31: Berlin goes back from 03:00 CEST to 02:00 CET; 02:30 happens twice that night.
        var schedule = CronSchedule.Parse("Eigenpal:Reprocess", "30 2 * * *", "Europe/Berlin");
        var night = schedule.NextAfter(Utc(10, 30, 12));
        Assert.Equal(Utc(10, 31, 0, 30), night); // the first 02:30 (CEST)
        Assert.Equal(Utc(11, 1, 1, 30), schedule.NextAfter(night!.Value)); // not the second 02:30 of that night
    }

    [Fact]
    public void A_cron_or_zone_that_cannot_be_read_says_which_and_why()
    {
        Assert.False(CronSchedule.TryParse("Eigenpal:Reprocess", "every night", "UTC", out _, out var fields));
        Assert.Contains("give five fields", fields, StringComparison.Ordinal);
        Assert.False(CronSchedule.TryParse("Eigenpal:Reprocess", "0 2 * * *", "CET+1", out _, out var zone));
        Assert.Contains("Eigenpal:Reprocess:TimeZone 'CET+1' is not a known time zone", zone, StringComparison.Ordinal);
        Assert.True(CronSchedule.TryParse("Eigenpal:Reprocess", "*/5 * * * * *", "America/New_York", out var seconds, out _));
        Assert.Equal(Utc(1, 1, 0, 0).AddSeconds(5), seconds.NextAfter(Utc(1, 1, 0, 0)));
    }
}
