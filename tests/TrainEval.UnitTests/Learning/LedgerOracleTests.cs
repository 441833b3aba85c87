using TrainEval.Web.Modules.Learning.Ledger;

namespace TrainEval.UnitTests.Learning;

/// <summary>
/// Oracle comparison for a scripted day (LRN-05): a naive second-by-second model of the published rules, written
/// independently of the ledger, must agree with the ledger's entries second for second per reason.
/// </summary>
public sealed class LedgerOracleTests
{
    private enum Mode { Play, Fast, Hidden, Paused }

    /// <summary>One stretch of the learner's day; <see cref="JumpAtStart"/> drags the playhead forward first.</summary>
    private sealed record Segment(int Seconds, Mode Mode, int JumpAtStart = 0, int AnswerDelay = 20);

    // 08:00 Beijing = 00:00Z. A morning with every kind of exclusion, then a long afternoon that reaches the daily cap.
    private static readonly DateTime Start = new(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Segment[] Day =
    [
        new(25 * 60, Mode.Play),                       // prompts answered 20 s after they are due
        new(5 * 60, Mode.Hidden),                      // tab hidden: the player paused
        new(20 * 60, Mode.Play, AnswerDelay: 300),     // a prompt answered 5 minutes late: idle after the 60 s window
        new(10 * 60, Mode.Play, JumpAtStart: 600),     // dragged 10 minutes ahead
        new(5 * 60, Mode.Fast),                        // 2× speed
        new(3 * 60, Mode.Paused),
        new(400 * 60, Mode.Play),                      // long enough to hit the 360-minute cap
    ];

    private const int Interval = 30;
    private static readonly LedgerRules Rules = LedgerRules.Default;

    [Fact]
    public void LRN_05_scripted_day_matches_a_second_by_second_oracle()
    {
        var ledger = RunLedger();
        var oracle = RunOracle();
        foreach (var reason in new[] { "credited", "hidden", "idle", "seek", "speed", "not-playing", "cap" })
            Assert.True(Math.Abs(ledger.GetValueOrDefault(reason) - oracle.GetValueOrDefault(reason)) <= 1,
                $"{reason}: ledger {ledger.GetValueOrDefault(reason)} s, oracle {oracle.GetValueOrDefault(reason)} s");
        Assert.Equal(Rules.DailyCapMinutes * 60, ledger["credited"], 0);
        Assert.True(oracle["idle"] > 0 && oracle["seek"] > 0 && oracle["speed"] > 0 && oracle["not-playing"] > 0 && oracle["cap"] > 0);
    }

    /// <summary>
    /// The ledger, driven like the player: a heartbeat every 30 s and one at every state change (the first of each
    /// segment, carrying the new state); prompts answered per segment.
    /// </summary>
    private static Dictionary<string, double> RunLedger()
    {
        var state = LearningLedger.SignIn(LedgerState.Initial, "p", Start);
        var entries = new List<LedgerEntry>();
        var unit = new UnitInfo(LedgerScript.Unit1, 10 * 3600, true);
        long seq = 0;
        double position = 0;
        var t = Start;
        foreach (var (seg, i) in Day.Select((s, i) => (s, i)))
        {
            position += seg.JumpAtStart;
            var end = t.AddSeconds(seg.Seconds);
            for (var at = t; ; at = at.AddSeconds(Interval))
            {
                if (at > end) at = end;
                // Answer the prompt if it came due (and its answer delay passed) before this heartbeat.
                var due = LearningLedger.InteractionCheckDueUtc(state, Rules);
                if (due.AddSeconds(seg.AnswerDelay) <= at) state = LearningLedger.RecordInteractionCheck(state, due.AddSeconds(seg.AnswerDelay), Rules);
                var elapsed = (at - t).TotalSeconds;
                var pos = position + seg.Mode switch { Mode.Play => elapsed, Mode.Fast => 2 * elapsed, _ => 0 };
                var playing = seg.Mode is Mode.Play or Mode.Fast;
                var hb = new Heartbeat("p", ++seq, at, at, unit.UnitId, pos, playing, seg.Mode != Mode.Hidden, seg.Mode != Mode.Hidden, at,
                    seg.Mode == Mode.Fast ? 2 : 1);
                if (at < end || i == Day.Length - 1)
                {
                    var d = LearningLedger.Apply(state, hb, unit, Rules);
                    state = d.State;
                    entries.AddRange(d.Entries);
                }
                // The next segment's first heartbeat is the state-change heartbeat at this instant (like the player's).
                if (at == end) { position = pos; break; }
            }
            t = end;
        }
        return entries.GroupBy(e => e.Reason.Code()).ToDictionary(g => g.Key, g => g.Sum(e => e.Duration.TotalSeconds));
    }

    /// <summary>
    /// The rules as a person would apply them, one second at a time: a paused or hidden second is not credited; a second
    /// in an interval that ends in 2× (or is played at 2×) is speed; the seconds since the last heartbeat before a drag
    /// ahead are seek; a second after an unanswered prompt's 60 s window, until the answer, is idle; after 360 credited
    /// minutes in the Beijing day, cap.
    /// </summary>
    private static Dictionary<string, double> RunOracle()
    {
        var result = new Dictionary<string, double>();
        void Count(string reason) => result[reason] = result.GetValueOrDefault(reason) + 1;
        var t = 0;               // seconds since Start
        var lastAnswer = 0;      // sign-in counts as an answer
        var credited = 0;
        foreach (var (seg, i) in Day.Select((s, i) => (s, i)))
        {
            var next = i + 1 < Day.Length ? Day[i + 1] : null;
            // The last heartbeat interval of this segment ends at the next segment's first heartbeat: a drag ahead or 2× there
            // spoils that whole interval.
            var lastIntervalStart = seg.Seconds - (seg.Seconds % Interval == 0 ? Interval : seg.Seconds % Interval);
            for (var s = 0; s < seg.Seconds; s++, t++)
            {
                var due = lastAnswer + Rules.InteractionIntervalMinutes * 60;
                var answerAt = due + seg.AnswerDelay;
                // Answers are given at heartbeats in the ledger run, at their exact time here; the prompt is answered at answerAt.
                if (t >= answerAt) { lastAnswer = answerAt; due = lastAnswer + Rules.InteractionIntervalMinutes * 60; answerAt = due + seg.AnswerDelay; }
                var inLastInterval = s >= lastIntervalStart;
                if (seg.Mode is Mode.Hidden) { Count("not-playing"); continue; }     // the player pauses when hidden
                if (seg.Mode is Mode.Paused) { Count("not-playing"); continue; }
                if (seg.Mode is Mode.Fast || (inLastInterval && next?.Mode == Mode.Fast)) { Count("speed"); continue; }
                if (inLastInterval && next?.JumpAtStart > 0) { Count("seek"); continue; }
                if (t >= due + Rules.InteractionAnswerWindowSeconds && t < answerAt) { Count("idle"); continue; }
                if (credited >= Rules.DailyCapMinutes * 60) { Count("cap"); continue; }
                credited++;
                Count("credited");
            }
        }
        return result;
    }
}
