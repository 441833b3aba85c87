using TrainEval.Web.Modules.Learning.Ledger;
using static TrainEval.UnitTests.Learning.LedgerScript;

namespace TrainEval.UnitTests.Learning;

public sealed class LearningLedgerTests
{
    // 2026-03-02 09:00 Beijing.
    private static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Beat30 = TimeSpan.FromSeconds(30);
    private static TimeSpan Sec(double s) => TimeSpan.FromSeconds(s);
    private static TimeSpan Min(double m) => TimeSpan.FromMinutes(m);

    private static LedgerScript Started(string token = "A")
    {
        var s = new LedgerScript();
        s.SignIn(token, T0);
        var baseline = s.Beat(token, T0, 0);
        Assert.Equal(LedgerReason.Baseline, baseline.Reason);
        Assert.Equal(TimeSpan.Zero, baseline.Credited);
        return s;
    }

    [Fact]
    public void LRN_04_steady_playback_is_credited_as_wall_clock_and_marks_the_segment_watched()
    {
        var s = Started();
        var credited = s.Play("A", T0, Min(5), 0, Beat30);

        Assert.Equal(Min(5), credited);
        Assert.Equal(Min(5), s.State.CreditedOn(LearningLedger.BeijingDay(T0)));
        var progress = s.State.ProgressOf(Unit1);
        Assert.Equal(300, progress.FurthestPosition, 6);
        Assert.Single(progress.Segments);
        Assert.All(s.Ledger, e => Assert.True(e.Reason is LedgerReason.Credited or LedgerReason.Baseline));
    }

    [Fact]
    public void LRN_05_idle_gap_is_not_counted()
    {
        var s = Started();
        // No answer to the prompt due at 10 min: credit stops at 10 min + 60 s window.
        var credited = s.Play("A", T0, Min(15), 0, Beat30, answerChecks: false);
        Assert.Equal(Min(11), credited);
        Assert.Equal(Min(4), s.Total(LedgerReason.Idle));
        Assert.Equal(T0 + Min(11), s.Ledger.First(e => e.Reason == LedgerReason.Idle).FromUtc);

        // Answered late at 15:10: the stretch until the answer is idle, crediting resumes after it.
        s.Answer(T0 + Min(15) + Sec(10));
        var next = s.Beat("A", T0 + Min(15) + Sec(30), 930);
        Assert.Equal(Sec(20), next.Credited);
        Assert.Equal([LedgerReason.Idle, LedgerReason.Credited], next.Entries.Select(e => e.Reason));
        Assert.Equal(Sec(10), next.Entries[0].Duration);
        Assert.Empty(next.State.PendingIdleGaps);
        Assert.Equal(T0 + Min(15) + Sec(10) + Min(10), LearningLedger.InteractionCheckDueUtc(s.State, s.Rules));
    }

    [Fact]
    public void LRN_05_interaction_answered_in_time_keeps_crediting()
    {
        var s = Started();
        var credited = s.Play("A", T0, Min(45), 0, Beat30, answerChecks: true);
        Assert.Equal(Min(45), credited);
        Assert.Equal(TimeSpan.Zero, s.Total(LedgerReason.Idle));
    }

    [Fact]
    public void LRN_03_seek_beyond_watched_position_is_not_credited()
    {
        var s = Started();
        s.Play("A", T0, Min(2), 0, Beat30);
        var t = T0 + Min(2);

        var jump = s.Beat("A", t + Beat30, 900);
        Assert.Equal(LedgerReason.Seek, jump.Reason);
        Assert.Equal(TimeSpan.Zero, jump.Credited);
        Assert.Equal(120, s.State.ProgressOf(Unit1).FurthestPosition, 6);

        // Playing on at 1× after the jump is real time and is credited, but the skipped part stays a hole: the
        // watched frontier (resume point, seek limit) does not move past it.
        var onward = s.Beat("A", t + 2 * Beat30, 930);
        Assert.Equal(Beat30, onward.Credited);
        var progress = s.State.ProgressOf(Unit1);
        Assert.Equal(120, progress.FurthestPosition, 6);
        Assert.Equal([new WatchedSegment(0, 120), new WatchedSegment(900, 930)], progress.Segments.ToArray());

        // Repeated seeking (the Moodle bypass) never earns the jumps and never fills the hole.
        var again = s.Beat("A", t + 3 * Beat30, 2000);
        Assert.Equal(LedgerReason.Seek, again.Reason);
        Assert.Equal(TimeSpan.Zero, again.Credited);
        Assert.Equal(120, s.State.ProgressOf(Unit1).FurthestPosition, 6);
        Assert.Equal(150, s.State.ProgressOf(Unit1).WatchedSeconds, 6);
    }

    [Fact]
    public void LRN_03_revisiting_watched_content_by_seeking_back_and_forward_is_credited()
    {
        var s = Started();
        s.Play("A", T0, Min(5), 0, Beat30);
        var t = T0 + Min(5);

        var back = s.Beat("A", t + Beat30, 100);      // rewound to 70 and watched 30 s
        Assert.Equal(Beat30, back.Credited);
        var forward = s.Beat("A", t + 2 * Beat30, 290); // jumped forward inside the watched part
        Assert.Equal(Beat30, forward.Credited);
        Assert.Equal(300, s.State.ProgressOf(Unit1).FurthestPosition, 6);
    }

    [Fact]
    public void LRN_03_playhead_that_does_not_advance_is_not_credited()
    {
        var s = Started();
        var stalled = s.Beat("A", T0 + Beat30, 5); // claims playing, moved 5 s in 30 s
        Assert.Equal(Sec(7), stalled.Credited);     // 5 s + 2 s tolerance
        Assert.Equal(Sec(23), stalled.Entries.Single(e => e.Reason == LedgerReason.NotPlaying).Duration);
    }

    [Fact]
    public void LRN_03_playback_rate_above_one_is_refused()
    {
        var s = Started();
        s.Play("A", T0, Min(1), 0, Beat30);

        var fast = s.Beat("A", T0 + Min(1) + Beat30, 105, rate: 1.5);
        Assert.True(fast.Accepted);
        Assert.Equal(LedgerReason.Speed, fast.Reason);
        Assert.Equal(TimeSpan.Zero, fast.Credited);
        Assert.Equal(60, s.State.ProgressOf(Unit1).FurthestPosition, 6);

        // The interval after a fast heartbeat is not credited either (rate at either end).
        var after = s.Beat("A", T0 + Min(2), 135);
        Assert.Equal(LedgerReason.Speed, after.Reason);
        Assert.Equal(TimeSpan.Zero, after.Credited);
    }

    [Fact]
    public void LRN_03_second_device_session_gets_no_credit()
    {
        var s = Started("A");
        s.Play("A", T0, Min(1), 0, Beat30);

        s.SignIn("B", T0 + Min(1) + Sec(10)); // a new login signs device A out
        var before = s.State;
        var fromA = s.Beat("A", T0 + Min(1) + Beat30, 90);
        Assert.False(fromA.Accepted);
        Assert.Equal(LedgerReason.SecondDevice, fromA.Reason);
        Assert.Same(before, fromA.State);
        Assert.Equal(TimeSpan.Zero, fromA.Entries.Single().Duration);

        Assert.Equal(LedgerReason.Baseline, s.Beat("B", T0 + Min(1) + Sec(40), 60).Reason);
        Assert.Equal(Beat30, s.Beat("B", T0 + Min(1) + Sec(70), 90).Credited);
        Assert.Equal(LedgerReason.SecondDevice, s.Beat("A", T0 + Min(2), 120).Reason);
        Assert.Equal(Min(1) + Beat30, s.NetCredited);
    }

    [Fact]
    public void LRN_03_heartbeat_before_any_sign_in_gets_no_credit()
    {
        var s = new LedgerScript();
        var d = s.Beat("A", T0, 0);
        Assert.False(d.Accepted);
        Assert.Equal(LedgerReason.SecondDevice, d.Reason);
    }

    [Fact]
    public void LRN_03_parallel_course_gets_no_credit()
    {
        var s = Started();
        s.Play("A", T0, Min(1), 0, Beat30);

        var other = s.Beat("A", T0 + Min(1) + Sec(10), 0, unit: Unit2);
        Assert.False(other.Accepted);
        Assert.Equal(LedgerReason.ParallelCourse, other.Reason);

        // Unit 1 pauses (the player sends a heartbeat on pause); then unit 2 may start.
        Assert.Equal(Sec(20), s.Beat("A", T0 + Min(1) + Sec(20), 80, playing: false).Credited);
        Assert.Equal(LedgerReason.Baseline, s.Beat("A", T0 + Min(1) + Sec(25), 0, unit: Unit2).Reason);
        Assert.Equal(LedgerReason.ParallelCourse, s.Beat("A", T0 + Min(1) + Sec(30), 80, unit: Unit1).Reason);
        Assert.Equal(Beat30, s.Beat("A", T0 + Min(1) + Sec(55), 30, unit: Unit2).Credited);
        Assert.Equal(30, s.State.ProgressOf(Unit2).FurthestPosition, 6);
        Assert.Equal(80, s.State.ProgressOf(Unit1).FurthestPosition, 6);
    }

    [Fact]
    public void LRN_03_unit_switch_is_allowed_once_the_other_unit_fell_silent()
    {
        var s = Started();
        s.Play("A", T0, Min(1), 0, Beat30);
        // Tab with unit 1 closed without a pause heartbeat: after the lock, unit 2 may start.
        Assert.Equal(LedgerReason.ParallelCourse, s.Beat("A", T0 + Min(1) + Sec(59), 0, unit: Unit2).Reason);
        var switched = s.Beat("A", T0 + Min(2), 0, unit: Unit2);
        Assert.Equal(LedgerReason.Baseline, switched.Reason);
        Assert.Equal(Min(1), switched.Entries.Single().Duration);
        Assert.Equal(TimeSpan.Zero, switched.Credited);
    }

    [Fact]
    public void LRN_05_daily_cap_360_minutes_across_midnight_beijing()
    {
        var s = new LedgerScript { VideoSeconds = 8 * 3600 };
        var start = new DateTime(2026, 3, 2, 9, 50, 15, DateTimeKind.Utc); // 17:50:15 Beijing
        s.SignIn("A", start);
        s.Beat("A", start, 0);
        s.Play("A", start, Min(380), 0, Beat30); // until 00:10:15 Beijing the next day

        var day1 = new DateOnly(2026, 3, 2);
        var day2 = new DateOnly(2026, 3, 3);
        Assert.Equal(Min(360), s.State.CreditedOn(day1));
        Assert.Equal(Min(10) + Sec(15), s.State.CreditedOn(day2));
        Assert.Equal(Min(9) + Sec(45), s.Total(LedgerReason.Cap));
        Assert.All(s.Ledger.Where(e => e.Reason == LedgerReason.Cap), e => Assert.Equal(day1, e.BeijingDay));

        // The heartbeat that straddles midnight is split there; no entry crosses a Beijing day.
        var midnightUtc = new DateTime(2026, 3, 2, 16, 0, 0, DateTimeKind.Utc);
        Assert.Contains(s.Ledger, e => e.ToUtc == midnightUtc && e.Reason == LedgerReason.Cap);
        Assert.Contains(s.Ledger, e => e.FromUtc == midnightUtc && e.Reason == LedgerReason.Credited && e.BeijingDay == day2);
        Assert.All(s.Ledger, e => Assert.Equal(e.BeijingDay, LearningLedger.BeijingDay(e.ToUtc - TimeSpan.FromTicks(e.Duration > TimeSpan.Zero ? 1 : 0))));
        Assert.Equal(midnightUtc, LearningLedger.NextBeijingMidnightUtc(day1));
        // Capped time is still watched content.
        Assert.Equal(380 * 60, s.State.ProgressOf(Unit1).FurthestPosition, 6);
    }

    [Fact]
    public void LRN_05_daily_cap_is_configurable_per_project()
    {
        var s = new LedgerScript(new LedgerRules { DailyCapMinutes = 2 });
        s.SignIn("A", T0);
        s.Beat("A", T0, 0);
        var d = s.Beat("A", T0 + Sec(50), 50);
        Assert.Equal(Sec(50), d.Credited);
        var capped = s.Beat("A", T0 + Sec(100), 100);
        Assert.Equal(Sec(50), capped.Credited);
        var over = s.Beat("A", T0 + Sec(150), 150);
        Assert.Equal(Sec(20), over.Credited);
        Assert.Equal([LedgerReason.Credited, LedgerReason.Cap], over.Entries.Select(e => e.Reason));
        Assert.Equal(LedgerReason.Cap, over.Reason);
    }

    [Fact]
    public void LRN_05_failed_face_check_voids_time_since_last_pass()
    {
        var s = Started();
        s.Play("A", T0, Min(5), 0, Beat30);
        var passAt = T0 + Min(5);
        Assert.Empty(s.IdentityCheck(passed: true, passAt).Entries);
        s.Play("A", passAt, Min(3), 300, Beat30);
        Assert.Equal(Min(8), s.NetCredited);

        var failAt = T0 + Min(8);
        var failed = s.IdentityCheck(passed: false, failAt);
        var voidEntry = Assert.Single(failed.Entries);
        Assert.True(voidEntry.IsVoid);
        Assert.True(voidEntry.Credited);
        Assert.Equal(LedgerReason.FaceCheckFailed, voidEntry.Reason);
        Assert.Equal(-Min(3), voidEntry.Duration);
        Assert.Equal((passAt, failAt), (voidEntry.FromUtc, voidEntry.ToUtc));
        Assert.Equal(Min(5), s.NetCredited);
        Assert.Equal(Min(5), s.State.CreditedOn(LearningLedger.BeijingDay(T0)));

        // Append-only: the original credit rows are still there, the void row cancels them.
        Assert.Equal(Min(8), s.Ledger.Where(e => e.Credited && !e.IsVoid).Aggregate(TimeSpan.Zero, (a, e) => a + e.Duration));

        // Until a check passes, nothing is credited; a second failure voids nothing more.
        var blocked = s.Beat("A", failAt + Beat30, 480); // the player pauses for re-verification
        Assert.Equal(LedgerReason.FaceCheckFailed, blocked.Reason);
        Assert.Equal(TimeSpan.Zero, blocked.Credited);
        Assert.Empty(s.IdentityCheck(passed: false, failAt + Min(1)).Entries);

        s.IdentityCheck(passed: true, failAt + Min(1));
        s.Play("A", failAt + Beat30, Min(1), 480, Beat30);
        Assert.Equal(Min(6), s.NetCredited);
    }

    [Fact]
    public void LRN_05_void_is_booked_against_the_days_the_credit_was_earned_on()
    {
        var s = new LedgerScript();
        var start = new DateTime(2026, 3, 2, 15, 55, 0, DateTimeKind.Utc); // 23:55 Beijing
        s.SignIn("A", start);
        s.Beat("A", start, 0);
        s.Play("A", start, Min(10), 0, Beat30);
        var failed = s.IdentityCheck(passed: false, start + Min(10));

        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3)], failed.Entries.Select(e => e.BeijingDay));
        Assert.All(failed.Entries, e => Assert.Equal(-Min(5), e.Duration));
        Assert.Equal(TimeSpan.Zero, s.State.TotalCredited);
        Assert.Equal(TimeSpan.Zero, s.NetCredited);
    }

    [Fact]
    public void LRN_04_duplicate_and_out_of_order_heartbeats_change_nothing()
    {
        var s = Started();
        s.Play("A", T0, Min(2), 0, Beat30); // sequences 2..5
        var before = s.State;

        var duplicate = s.Beat("A", T0 + Min(2) + Sec(5), 125, sequence: 5);
        Assert.Equal(LedgerReason.Duplicate, duplicate.Reason);
        Assert.Same(before, duplicate.State);
        Assert.Equal(TimeSpan.Zero, duplicate.Credited);

        var late = s.Beat("A", T0 + Min(2) + Sec(6), 90, sequence: 3);
        Assert.Equal(LedgerReason.OutOfOrder, late.Reason);
        Assert.Same(before, late.State);

        var backInTime = s.Beat("A", T0 + Min(1), 150, sequence: 9);
        Assert.Equal(LedgerReason.FutureDated, backInTime.Reason);
        Assert.Same(before, backInTime.State);

        Assert.Equal(Beat30, s.Beat("A", T0 + Min(2) + Beat30, 150).Credited);
    }

    [Fact]
    public void LRN_04_bad_input_is_refused_with_a_reason_and_nothing_crashes()
    {
        var s = Started();
        var before = s.State;
        Assert.Equal(LedgerReason.BeyondDuration, s.Beat("A", T0 + Beat30, double.NaN).Reason);
        Assert.Equal(LedgerReason.BeyondDuration, s.Beat("A", T0 + Beat30, -1).Reason);
        Assert.Equal(LedgerReason.BeyondDuration, s.Beat("A", T0 + Beat30, s.VideoSeconds + 3).Reason);
        Assert.Equal(LedgerReason.NotActivated, s.Beat("A", T0 + Beat30, 30, activated: false).Reason);
        var broken = LearningLedger.Apply(before, new Heartbeat("A", 99, T0, T0 + Beat30, Unit1, 30, true, true, true, null, 1), new UnitInfo(Unit1, -5, true), s.Rules);
        Assert.Equal(LedgerReason.NotActivated, broken.Reason);
        Assert.Same(before, s.State);

        var nanRate = s.Beat("A", T0 + Beat30, 30, rate: double.NaN);
        Assert.Equal(LedgerReason.Speed, nanRate.Reason);
        Assert.Equal(TimeSpan.Zero, nanRate.Credited);

        Assert.Throws<ArgumentException>(() => LearningLedger.Apply(s.State,
            new Heartbeat("A", 100, T0, T0 + Min(1), Unit1, 60, true, true, true, null, 1), new UnitInfo(Unit2, 100, true), s.Rules));
    }

    [Fact]
    public void LRN_05_silence_longer_than_a_heartbeat_is_credited_only_up_to_the_maximum()
    {
        var s = Started();
        var d = s.Beat("A", T0 + Min(5), 300);
        Assert.Equal(Sec(60), d.Credited);
        Assert.Equal(Min(4), d.Entries.Single(e => e.Reason == LedgerReason.Gap).Duration);
        Assert.Equal(Min(5).TotalSeconds, d.RecordedSeconds, 6);
    }

    [Theory]
    [InlineData(false, true, true, LedgerReason.NotPlaying)]
    [InlineData(true, false, true, LedgerReason.Hidden)]
    [InlineData(true, true, false, LedgerReason.Hidden)]
    public void LRN_05_paused_hidden_or_unfocused_time_is_not_credited(bool playing, bool visible, bool focused, LedgerReason expected)
    {
        var s = Started();
        s.Play("A", T0, Min(1), 0, Beat30);
        // The player reports the change at once: the 30 s before it were watched and count.
        var change = s.Beat("A", T0 + Min(1) + Beat30, 90, playing, visible, focused);
        Assert.Equal(Beat30, change.Credited);
        // The time in that state does not count, whatever the next heartbeat claims.
        var back = s.Beat("A", T0 + Min(3), 90);
        Assert.Equal(expected, back.Reason);
        Assert.Equal(TimeSpan.Zero, back.Credited);
        Assert.Equal(Min(1) + Beat30, back.Entries.Single().Duration);
        Assert.Equal(Beat30, s.Beat("A", T0 + Min(3) + Beat30, 120).Credited);
        Assert.Equal(120, s.State.ProgressOf(Unit1).FurthestPosition, 6);
    }

    [Fact]
    public void LRN_04_client_clock_skew_changes_nothing()
    {
        static List<LedgerEntry> Run(double skewMinutes)
        {
            var s = new LedgerScript();
            s.SignIn("A", T0);
            for (var i = 0; i <= 20; i++) s.Beat("A", T0 + i * Beat30, i * 30, clientSkewMinutes: skewMinutes);
            return s.Ledger;
        }
        Assert.Equal(Run(0), Run(10));
        Assert.Equal(Run(0), Run(-10));
    }

    [Fact]
    public void LRN_05_reason_codes_are_stable()
    {
        Assert.Equal("second-device", LedgerReason.SecondDevice.Code());
        Assert.Equal("face-check-failed", LedgerReason.FaceCheckFailed.Code());
        Assert.All(Enum.GetValues<LedgerReason>(), r => Assert.False(string.IsNullOrEmpty(r.Code())));
    }
}
