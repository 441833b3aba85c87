using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrainEval.Web.Modules.Learning.Ledger;
using TrainEval.Web.Modules.Learning.Tracking;

namespace TrainEval.UnitTests.Learning;

/// <summary>
/// FsCheck properties over generated heartbeat streams (gaps, retries, rewinds, seeks, pauses, hidden tabs, speed,
/// ±10 min client skew): credit never exceeds wall-clock time nor the daily cap, a replay gives the same entries, and
/// a stream interrupted anywhere by persisting the state (as the ledger writer does between batches) continues exactly
/// as an uninterrupted one.
/// </summary>
public sealed class LedgerFsCheckTests
{
    public sealed record Step(int GapSeconds, int Advance, bool Playing, bool Visible, bool Focused, double Rate, bool Retry, int SkewSeconds);

    private static readonly Guid Unit = Guid.Parse("00000000-0000-0000-0000-00000000a001");
    private static readonly UnitInfo Video = new(Unit, 4 * 3600, Activated: true);
    private static readonly LedgerRules Rules = new() { DailyCapMinutes = 20 };
    private static readonly DateTime Start = new(2026, 11, 25, 15, 40, 0, DateTimeKind.Utc);   // 23:40 Beijing: streams cross midnight

    private static Gen<Step> StepGen =>
        from gap in Gen.Frequency((8, Gen.Choose(25, 35)), (2, Gen.Choose(0, 5)), (1, Gen.Choose(36, 1200)))
        from advance in Gen.Frequency((8, Gen.Choose(25, 35)), (1, Gen.Choose(-300, 0)), (1, Gen.Choose(100, 3000)))
        from playing in Gen.Frequency((6, Gen.Constant(true)), (1, Gen.Constant(false)))
        from visible in Gen.Frequency((8, Gen.Constant(true)), (1, Gen.Constant(false)))
        from focused in Gen.Frequency((8, Gen.Constant(true)), (1, Gen.Constant(false)))
        from rate in Gen.Frequency((8, Gen.Constant(1.0)), (1, Gen.Elements(0.5, 1.5, 2.0)))
        from retry in Gen.Frequency((12, Gen.Constant(false)), (1, Gen.Constant(true)))
        from skew in Gen.Choose(-600, 600)
        select new Step(gap, advance, playing, visible, focused, rate, retry, skew);

    private static Arbitrary<(List<Step> Steps, int Split)> Streams =>
        (from steps in Gen.ListOf(StepGen).Select(s => s.ToList())
         from split in Gen.Choose(0, Math.Max(0, steps.Count))
         select (steps, split)).ToArbitrary();

    private sealed record Run(List<LedgerEntry> Entries, LedgerState Final, List<DateTime> Accepted);

    /// <summary>Plays the steps; at <paramref name="persistAt"/> the state goes through its stored JSON form.</summary>
    private static Run Play(IReadOnlyList<Step> steps, int persistAt = -1)
    {
        var state = LearningLedger.SignIn(LedgerState.Initial, "player", Start);
        var entries = new List<LedgerEntry>();
        var accepted = new List<DateTime>();
        var t = Start;
        double position = 0;
        long seq = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            if (i == persistAt) state = LedgerStateJson.Read(LedgerStateJson.Write(state));
            var s = steps[i];
            t = t.AddSeconds(s.GapSeconds);
            if (!s.Retry || seq == 0) { seq++; position = Math.Clamp(position + s.Advance, 0, Video.DurationSeconds); }
            var hb = new Heartbeat("player", seq, t.AddSeconds(s.SkewSeconds), t, Unit, position, s.Playing, s.Visible, s.Focused, null, s.Rate);
            var d = LearningLedger.Apply(state, hb, Video, Rules);
            state = d.State;
            entries.AddRange(d.Entries);
            if (d.Accepted) accepted.Add(t);
        }
        return new Run(entries, state, accepted);
    }

    [Property(MaxTest = 300)]
    public Property LRN_05_generated_streams_never_credit_more_than_wall_clock_or_the_daily_cap()
        => Prop.ForAll(Streams, stream =>
        {
            var run = Play(stream.Steps);
            var credited = run.Entries.Where(e => e.Credited && !e.IsVoid).ToList();
            var total = credited.Aggregate(TimeSpan.Zero, (a, e) => a + e.Duration);
            var wall = run.Accepted.Count < 2 ? TimeSpan.Zero : run.Accepted[^1] - run.Accepted[0];
            var perDayWithinCap = credited.GroupBy(e => e.BeijingDay)
                .All(g => g.Aggregate(TimeSpan.Zero, (a, e) => a + e.Duration) <= Rules.DailyCap);
            var noOverlap = credited.OrderBy(e => e.FromUtc).Zip(credited.OrderBy(e => e.FromUtc).Skip(1)).All(p => p.Second.FromUtc >= p.First.ToUtc);
            return (total <= wall).Label($"credited {total} ≤ wall clock {wall}")
                .And(perDayWithinCap.Label("each Beijing day within the cap"))
                .And(noOverlap.Label("credited stretches never overlap"))
                .And((run.Final.TotalCredited == total).Label("state agrees with the entries"));
        });

    [Property(MaxTest = 300)]
    public Property LRN_05_replaying_or_persisting_mid_stream_gives_the_same_ledger()
        => Prop.ForAll(Streams, stream =>
        {
            var straight = Play(stream.Steps);
            var again = Play(stream.Steps);
            var persisted = Play(stream.Steps, stream.Split);
            return straight.Entries.SequenceEqual(again.Entries).Label("replay is deterministic")
                .And(straight.Entries.SequenceEqual(persisted.Entries).Label($"persisting at step {stream.Split} changes nothing"))
                .And((LedgerStateJson.Write(straight.Final) == LedgerStateJson.Write(persisted.Final)).Label("same final state"));
        });
}
