using TrainEval.Web.Modules.Learning.Ledger;

namespace TrainEval.UnitTests.Learning;

/// <summary>Drives the ledger like the heartbeat endpoint would, keeping the appended entries.</summary>
internal sealed class LedgerScript(LedgerRules? rules = null)
{
    public static readonly Guid Unit1 = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    public static readonly Guid Unit2 = Guid.Parse("00000000-0000-0000-0000-0000000000c2");

    public LedgerRules Rules { get; } = rules ?? LedgerRules.Default;
    public LedgerState State { get; private set; } = LedgerState.Initial;
    public List<LedgerEntry> Ledger { get; } = [];
    public Dictionary<string, long> Sequences { get; } = [];
    public double VideoSeconds { get; set; } = 4 * 3600;

    public UnitInfo Unit(Guid id, bool activated = true) => new(id, VideoSeconds, activated);

    public void SignIn(string token, DateTime atUtc)
    {
        State = LearningLedger.SignIn(State, token, atUtc);
        Sequences[token] = 0;
    }

    public LedgerDecision Beat(string token, DateTime atUtc, double position, bool playing = true, bool visible = true, bool focused = true,
        double rate = 1.0, Guid? unit = null, long? sequence = null, bool activated = true, double clientSkewMinutes = 0)
    {
        var seq = sequence ?? (Sequences[token] = Sequences.GetValueOrDefault(token) + 1);
        var u = unit ?? Unit1;
        var hb = new Heartbeat(token, seq, atUtc.AddMinutes(clientSkewMinutes), atUtc, u, position, playing, visible, focused, atUtc, rate);
        return Record(LearningLedger.Apply(State, hb, Unit(u, activated), Rules));
    }

    public void Answer(DateTime atUtc) => State = LearningLedger.RecordInteractionCheck(State, atUtc, Rules);

    public LedgerDecision IdentityCheck(bool passed, DateTime atUtc) => Record(LearningLedger.RecordIdentityCheck(State, passed, atUtc));

    /// <summary>Plays continuously at 1× with a heartbeat every <paramref name="step"/>; answers interaction checks every 5 min if asked.</summary>
    public TimeSpan Play(string token, DateTime fromUtc, TimeSpan length, double fromPosition, TimeSpan step, bool answerChecks = true, Guid? unit = null)
    {
        var credited = TimeSpan.Zero;
        var t = fromUtc;
        var pos = fromPosition;
        var lastAnswer = fromUtc;
        while (t < fromUtc + length)
        {
            var next = t + step;
            if (next > fromUtc + length) next = fromUtc + length;
            pos += (next - t).TotalSeconds;
            t = next;
            if (answerChecks && t - lastAnswer >= TimeSpan.FromMinutes(5)) { Answer(t); lastAnswer = t; }
            credited += Beat(token, t, pos, unit: unit).Credited;
        }
        return credited;
    }

    public LedgerDecision Record(LedgerDecision d)
    {
        State = d.State;
        Ledger.AddRange(d.Entries);
        return d;
    }

    public TimeSpan Total(LedgerReason reason) => Ledger.Where(e => e.Reason == reason).Aggregate(TimeSpan.Zero, (a, e) => a + e.Duration);

    public TimeSpan NetCredited => Ledger.Aggregate(TimeSpan.Zero, (a, e) => a + e.CreditedDuration);
}
