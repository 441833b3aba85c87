using TrainEval.Web.Modules.Learning.Ledger;

namespace TrainEval.UnitTests.Learning;

/// <summary>
/// Property-style test without FsCheck: 200 seeded random streams of sign-ins, heartbeats (gaps, retries, reordering,
/// ±10 min client skew, seeks, pauses, hidden tabs, speed, unit switches, bad input, two devices), interaction answers
/// and identity checks. Each stream is checked against the ledger's invariants and replayed for determinism.
/// </summary>
public sealed class LearningLedgerPropertyTests
{
    private static readonly Guid[] Units = [LedgerScript.Unit1, LedgerScript.Unit2];
    private const double VideoSeconds = 3 * 3600;

    private abstract record Ev(DateTime AtUtc);
    private sealed record SignInEv(string Token, DateTime AtUtc) : Ev(AtUtc);
    private sealed record BeatEv(Heartbeat Hb, UnitInfo Unit) : Ev(Hb.ServerReceivedUtc);
    private sealed record AnswerEv(DateTime AtUtc) : Ev(AtUtc);
    private sealed record IdentityEv(bool Passed, DateTime AtUtc) : Ev(AtUtc);

    private sealed class Device(string token, double skewMinutes)
    {
        public string Token { get; } = token;
        public double SkewMinutes { get; } = skewMinutes;
        public long Sequence { get; set; }
        public double Position { get; set; }
        public Guid Unit { get; set; } = Units[0];
        public bool Playing { get; set; } = true;
        public bool Visible { get; set; } = true;
        public DateTime LastSentUtc { get; set; }
        public List<Heartbeat> Sent { get; } = [];
    }

    private static (List<Ev> Events, LedgerRules Rules) Generate(int seed)
    {
        var rng = new Random(seed);
        var rules = seed % 3 == 0 ? new LedgerRules { DailyCapMinutes = 5 } : LedgerRules.Default;
        var t = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(rng.Next(0, 30)).AddMinutes(rng.Next(0, 24 * 60));
        var devices = new[] { new Device("A", rng.Next(-600, 601) / 60.0), new Device("B", rng.Next(-600, 601) / 60.0) };
        var events = new List<Ev> { new SignInEv("A", t) };
        var foreground = 0;
        var heldBack = new List<(Heartbeat Hb, UnitInfo Unit)>();
        var steps = rng.Next(100, 400);

        for (var i = 0; i < steps; i++)
        {
            var gapRoll = rng.NextDouble();
            t += gapRoll switch
            {
                < 0.65 => TimeSpan.FromSeconds(27 + rng.Next(0, 7)),
                < 0.77 => TimeSpan.FromMilliseconds(rng.Next(0, 5000)),
                < 0.85 => TimeSpan.FromMinutes(1 + rng.NextDouble() * 19),
                < 0.90 => TimeSpan.Zero,
                _ => TimeSpan.FromSeconds(60 + rng.Next(0, 60)),
            };

            var roll = rng.NextDouble();
            if (roll < 0.03)
            {
                foreground = rng.Next(0, 2);
                events.Add(new SignInEv(devices[foreground].Token, t));
                devices[foreground].Sequence = 0;
                continue;
            }
            if (roll < 0.13) { events.Add(new AnswerEv(t)); continue; }
            if (roll < 0.15) { events.Add(new IdentityEv(rng.NextDouble() < 0.7, t)); continue; }
            if (roll < 0.22 && devices.SelectMany(d => d.Sent).Any())
            {
                // A retry of something already sent: same sequence and content, arriving now.
                var all = devices.SelectMany(d => d.Sent).ToList();
                var old = all[rng.Next(all.Count)];
                events.Add(new BeatEv(old with { ServerReceivedUtc = t }, new UnitInfo(old.CourseUnitId, VideoSeconds, true)));
                continue;
            }
            if (roll < 0.26 && heldBack.Count > 0)
            {
                // Reordering: a heartbeat held back earlier arrives after newer ones.
                var (hb, unit) = heldBack[0];
                heldBack.RemoveAt(0);
                events.Add(new BeatEv(hb with { ServerReceivedUtc = t }, unit));
                continue;
            }

            var d = devices[rng.NextDouble() < 0.8 ? foreground : 1 - foreground];
            var elapsed = d.LastSentUtc == default ? 0 : Math.Max(0, (t - d.LastSentUtc).TotalSeconds);
            var rate = rng.NextDouble() < 0.04 ? (rng.NextDouble() < 0.5 ? 1.5 : 2.0) : 1.0;
            if (d.Playing) d.Position += elapsed * rate * (0.9 + rng.NextDouble() * 0.15);
            var action = rng.NextDouble();
            if (action < 0.05) d.Position += rng.Next(60, 1800);                      // seek forward
            else if (action < 0.10) d.Position = Math.Max(0, d.Position - rng.Next(10, 600)); // seek back
            else if (action < 0.18) d.Visible = !d.Visible;
            else if (action < 0.26) d.Playing = !d.Playing;
            else if (action < 0.29) { d.Unit = Units[rng.Next(2)]; d.Position = rng.Next(0, 60); }
            d.Position = Math.Min(d.Position, VideoSeconds);
            var position = action switch
            {
                > 0.995 => double.NaN,
                > 0.99 => VideoSeconds + 100,
                > 0.985 => -5,
                _ => d.Position,
            };
            var serverTime = rng.NextDouble() < 0.01 ? t - TimeSpan.FromSeconds(rng.Next(1, 30)) : t; // clock step
            d.Sequence++;
            var beat = new Heartbeat(d.Token, d.Sequence, serverTime.AddMinutes(d.SkewMinutes), serverTime, d.Unit, position,
                d.Playing, d.Visible, rng.NextDouble() > 0.03, serverTime.AddMinutes(d.SkewMinutes - 1), rate);
            var info = new UnitInfo(d.Unit, VideoSeconds, rng.NextDouble() > 0.01);
            d.LastSentUtc = t;
            if (rng.NextDouble() < 0.04) { heldBack.Add((beat, info)); continue; }
            d.Sent.Add(beat);
            events.Add(new BeatEv(beat, info));
        }
        return (events, rules);
    }

    private sealed record Run(List<LedgerEntry> Entries, LedgerState Final, List<DateTime> AcceptedHeartbeatTimes);

    private static Run Replay(List<Ev> events, LedgerRules rules)
    {
        var state = LedgerState.Initial;
        var entries = new List<LedgerEntry>();
        var accepted = new List<DateTime>();
        foreach (var ev in events)
        {
            switch (ev)
            {
                case SignInEv s: state = LearningLedger.SignIn(state, s.Token, s.AtUtc); break;
                case AnswerEv a: state = LearningLedger.RecordInteractionCheck(state, a.AtUtc, rules); break;
                case IdentityEv id:
                    var check = LearningLedger.RecordIdentityCheck(state, id.Passed, id.AtUtc);
                    entries.AddRange(check.Entries);
                    state = check.State;
                    break;
                case BeatEv b:
                    var d = LearningLedger.Apply(state, b.Hb, b.Unit, rules);
                    if (!d.Accepted) Assert.Same(state, d.State);
                    else accepted.Add(b.Hb.ServerReceivedUtc);
                    entries.AddRange(d.Entries);
                    state = d.State;
                    break;
            }
        }
        return new Run(entries, state, accepted);
    }

    [Fact]
    public void LRN_04_LRN_05_random_heartbeat_streams_never_overcredit_and_replay_identically()
    {
        var streamsWithCap = 0;
        var streamsWithVoid = 0;
        for (var seed = 1; seed <= 200; seed++)
        {
            var (events, rules) = Generate(seed);
            var run = Replay(events, rules);
            var because = $"seed {seed}";

            // Deterministic: replaying the same stream from the initial state gives identical entries and state.
            var again = Replay(events, rules);
            Assert.True(run.Entries.SequenceEqual(again.Entries), because);
            Assert.Equal(run.Final.CreditedPerDay.ToList(), again.Final.CreditedPerDay.ToList());

            var credits = run.Entries.Where(e => e.Credited && !e.IsVoid).OrderBy(e => e.FromUtc).ToList();
            var voids = run.Entries.Where(e => e.IsVoid).ToList();
            var net = run.Entries.Aggregate(TimeSpan.Zero, (a, e) => a + e.CreditedDuration);

            // Never more than wall-clock: credited stretches never overlap and lie between the first and last accepted heartbeat.
            if (credits.Count > 0)
            {
                Assert.True(credits[0].FromUtc >= run.AcceptedHeartbeatTimes.Min(), because);
                Assert.True(credits[^1].ToUtc <= run.AcceptedHeartbeatTimes.Max(), because);
                for (var i = 1; i < credits.Count; i++) Assert.True(credits[i].FromUtc >= credits[i - 1].ToUtc, because);
                var gross = credits.Aggregate(TimeSpan.Zero, (a, e) => a + e.Duration);
                Assert.True(gross <= run.AcceptedHeartbeatTimes.Max() - run.AcceptedHeartbeatTimes.Min(), because);
            }
            Assert.All(credits, e =>
            {
                Assert.True(e.Duration > TimeSpan.Zero && e.Duration <= rules.MaxCreditPerHeartbeat, because);
                Assert.Equal(e.Duration, e.ToUtc - e.FromUtc);
            });

            // No entry crosses a Beijing midnight (each lies within its day).
            Assert.All(run.Entries.Where(e => !e.IsVoid && e.Duration > TimeSpan.Zero), e =>
                Assert.True(e.FromUtc >= LearningLedger.NextBeijingMidnightUtc(e.BeijingDay.AddDays(-1)) && e.ToUtc <= LearningLedger.NextBeijingMidnightUtc(e.BeijingDay), because));

            // Per Beijing day: net credit within [0, cap], and the state agrees with the append-only entries.
            var perDay = run.Entries.GroupBy(e => e.BeijingDay)
                .ToDictionary(g => g.Key, g => g.Aggregate(TimeSpan.Zero, (a, e) => a + e.CreditedDuration));
            foreach (var (day, total) in perDay)
            {
                Assert.True(total >= TimeSpan.Zero, because);
                Assert.True(total <= rules.DailyCap, because);
                Assert.Equal(total, run.Final.CreditedOn(day));
            }

            // Never negative in total after voids.
            Assert.True(net >= TimeSpan.Zero, because);
            Assert.Equal(net, run.Final.TotalCredited);

            if (run.Entries.Any(e => e.Reason == LedgerReason.Cap)) streamsWithCap++;
            if (voids.Count > 0) streamsWithVoid++;
        }

        // The generator really exercises the interesting paths.
        Assert.True(streamsWithCap > 10, $"cap reached in {streamsWithCap} streams");
        Assert.True(streamsWithVoid > 10, $"voids in {streamsWithVoid} streams");
    }

    [Fact]
    public void LRN_04_random_streams_exercise_every_refusal_and_exclusion_reason()
    {
        var seen = new HashSet<LedgerReason>();
        for (var seed = 1; seed <= 200; seed++)
        {
            var (events, rules) = Generate(seed);
            foreach (var e in Replay(events, rules).Entries) seen.Add(e.Reason);
        }
        // AnomalyConfirmed comes only from staff decisions (VoidCredit), never from a heartbeat stream.
        Assert.Equal(Enum.GetValues<LedgerReason>().Where(r => r != LedgerReason.AnomalyConfirmed).OrderBy(r => r), seen.OrderBy(r => r));
    }
}
