using System.Collections.Immutable;

namespace TrainEval.Web.Modules.Learning.Ledger;

/// <summary>
/// The server-side effective-time ledger (LRN-03..05): pure and deterministic decisions over one learner's
/// <see cref="LedgerState"/>. No clock is read — every time is a parameter — so replaying the same inputs from
/// <see cref="LedgerState.Initial"/> gives the same entries. Handlers load the state, call one verb, append the
/// entries and save the new state in one transaction.
/// </summary>
public static class LearningLedger
{
    private static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    /// <summary>The Beijing (UTC+8, no daylight saving) calendar day of a UTC instant.</summary>
    public static DateOnly BeijingDay(DateTime utc) => DateOnly.FromDateTime(utc + BeijingOffset);

    /// <summary>The UTC instant at which the Beijing day after <paramref name="beijingDay"/> starts.</summary>
    public static DateTime NextBeijingMidnightUtc(DateOnly beijingDay)
        => DateTime.SpecifyKind(beijingDay.AddDays(1).ToDateTime(TimeOnly.MinValue) - BeijingOffset, DateTimeKind.Utc);

    /// <summary>When the player must show the next interaction prompt.</summary>
    public static DateTime InteractionCheckDueUtc(LedgerState state, LedgerRules rules)
        => state.InteractionCheckPassedUtc + rules.InteractionInterval;

    /// <summary>After this instant, time is Idle until the prompt is answered.</summary>
    public static DateTime InteractionDeadlineUtc(LedgerState state, LedgerRules rules)
        => InteractionCheckDueUtc(state, rules) + rules.InteractionAnswerWindow;

    /// <summary>
    /// A login: this session becomes the only one whose heartbeats count (the previous device's next heartbeat is
    /// refused as SecondDevice). The clock restarts (the next heartbeat is a baseline) and sign-in counts as an
    /// interaction. A failed identity check stays in force across sign-ins.
    /// </summary>
    public static LedgerState SignIn(LedgerState state, string sessionToken, DateTime atUtc)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionToken);
        return state with
        {
            ActiveSessionToken = sessionToken,
            LastAccepted = null,
            InteractionCheckPassedUtc = atUtc,
            PendingIdleGaps = ImmutableList<IdleGap>.Empty,
            LatestServerUtc = atUtc > state.LatestServerUtc ? atUtc : state.LatestServerUtc,
        };
    }

    /// <summary>
    /// The learner answered the interaction prompt. Answered after the deadline, the stretch deadline → answer is
    /// remembered so the heartbeat covering it records it as Idle. Stale answers (not after the last one) change nothing.
    /// </summary>
    public static LedgerState RecordInteractionCheck(LedgerState state, DateTime answeredAtUtc, LedgerRules rules)
    {
        if (answeredAtUtc <= state.InteractionCheckPassedUtc) return state;
        var deadline = InteractionDeadlineUtc(state, rules);
        var gaps = answeredAtUtc > deadline ? state.PendingIdleGaps.Add(new IdleGap(deadline, answeredAtUtc)) : state.PendingIdleGaps;
        return state with { InteractionCheckPassedUtc = answeredAtUtc, PendingIdleGaps = gaps };
    }

    /// <summary>
    /// The identity-check hook (the face-verification issue supplies the real check). Passed: crediting resumes and
    /// a later failure voids only what follows. Failed: every credit since the last passed check is voided by
    /// appending negative FaceCheckFailed entries (one per Beijing day and unit; earlier rows are never edited),
    /// and nothing is credited until a check passes. A second failure voids nothing more.
    /// </summary>
    public static LedgerDecision RecordIdentityCheck(LedgerState state, bool passed, DateTime atUtc)
    {
        if (passed)
        {
            var s = state with
            {
                IdentityCheckPassedUtc = atUtc,
                IdentityCheckFailed = false,
                CreditedSinceIdentityCheck = ImmutableSortedDictionary<DayUnit, TimeSpan>.Empty,
            };
            return new LedgerDecision(s, [], Accepted: true);
        }

        // A void row spans the voided window (last pass → now); its Duration is the negative credit it cancels.
        var from = state.IdentityCheckPassedUtc ?? atUtc;
        var entries = new List<LedgerEntry>();
        var perDay = state.CreditedPerDay;
        foreach (var (key, credited) in state.CreditedSinceIdentityCheck)
        {
            if (credited <= TimeSpan.Zero) continue;
            entries.Add(new LedgerEntry(from, atUtc, key.Day, key.UnitId, state.ActiveSessionToken ?? "", 0, -credited,
                LedgerReason.FaceCheckFailed, Credited: true));
            perDay = perDay.SetItem(key.Day, perDay.GetValueOrDefault(key.Day) - credited);
        }
        var next = state with
        {
            IdentityCheckFailed = true,
            CreditedPerDay = perDay,
            CreditedSinceIdentityCheck = ImmutableSortedDictionary<DayUnit, TimeSpan>.Empty,
        };
        return new LedgerDecision(next, entries, Accepted: true);
    }

    /// <summary>
    /// Staff confirmed an anomaly (LRN-08): the given credit is voided. The caller appends the negative
    /// AnomalyConfirmed rows; the state's day totals (and the identity-check window) drop by the same amounts, never
    /// below zero, so the daily cap and later voids stay consistent with the rows.
    /// </summary>
    public static LedgerState VoidCredit(LedgerState state, IEnumerable<(DateOnly Day, Guid UnitId, TimeSpan Amount)> voids)
    {
        var perDay = state.CreditedPerDay;
        var sinceCheck = state.CreditedSinceIdentityCheck;
        foreach (var (day, unit, amount) in voids)
        {
            if (amount <= TimeSpan.Zero) continue;
            var left = perDay.GetValueOrDefault(day) - amount;
            perDay = perDay.SetItem(day, left < TimeSpan.Zero ? TimeSpan.Zero : left);
            var key = new DayUnit(day, unit);
            if (sinceCheck.TryGetValue(key, out var open))
            {
                var rest = open - amount;
                sinceCheck = rest > TimeSpan.Zero ? sinceCheck.SetItem(key, rest) : sinceCheck.Remove(key);
            }
        }
        return state with { CreditedPerDay = perDay, CreditedSinceIdentityCheck = sinceCheck };
    }

    /// <summary>
    /// Decides one heartbeat. Refusals (second device, duplicate, out of order, server time going back, not activated,
    /// position outside the video, parallel unit) return the same state instance and one zero-length entry. An accepted
    /// heartbeat returns entries that tile the server-time interval since the previous accepted heartbeat, each with
    /// its reason; at most the allowed part is credited.
    /// </summary>
    public static LedgerDecision Apply(LedgerState state, Heartbeat hb, UnitInfo unit, LedgerRules rules)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(hb);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(rules);
        if (hb.CourseUnitId != unit.UnitId)
            throw new ArgumentException($"Unit info {unit.UnitId} does not describe the heartbeat's unit {hb.CourseUnitId}.", nameof(unit));

        var now = hb.ServerReceivedUtc;
        var last = state.LastAccepted;

        if (state.ActiveSessionToken is null || !string.Equals(hb.SessionToken, state.ActiveSessionToken, StringComparison.Ordinal))
            return Refuse(state, hb, LedgerReason.SecondDevice);
        if (last is not null)
        {
            if (hb.Sequence == last.Sequence) return Refuse(state, hb, LedgerReason.Duplicate);
            if (hb.Sequence < last.Sequence) return Refuse(state, hb, LedgerReason.OutOfOrder);
        }
        // Server time never runs backwards for a learner, across sessions too, so credited intervals cannot overlap.
        if (now < state.LatestServerUtc) return Refuse(state, hb, LedgerReason.FutureDated);
        if (!unit.Activated || !double.IsFinite(unit.DurationSeconds) || unit.DurationSeconds <= 0)
            return Refuse(state, hb, LedgerReason.NotActivated);
        if (!double.IsFinite(hb.Position) || hb.Position < 0 || hb.Position > unit.DurationSeconds + rules.SeekToleranceSeconds)
            return Refuse(state, hb, LedgerReason.BeyondDuration);
        if (last is not null && last.CourseUnitId != hb.CourseUnitId && last.Playing && now - last.ServerReceivedUtc < rules.ParallelCourseLock)
            return Refuse(state, hb, LedgerReason.ParallelCourse);

        var accepted = new AcceptedHeartbeat(hb.Sequence, now, hb.CourseUnitId, hb.Position, hb.Playing, hb.Visible, hb.Focused, hb.PlaybackRate);

        // First heartbeat of the session, or a switch to another unit after the previous one stopped: start the clock.
        if (last is null || last.CourseUnitId != hb.CourseUnitId)
        {
            var from = last?.ServerReceivedUtc ?? now;
            var baseline = Tile(hb, from, now, LedgerReason.Baseline);
            return new LedgerDecision(state with { LastAccepted = accepted, LatestServerUtc = now }, baseline, Accepted: true);
        }

        return Interval(state, last, hb, accepted, unit, rules);
    }

    private static LedgerDecision Interval(LedgerState state, AcceptedHeartbeat last, Heartbeat hb, AcceptedHeartbeat accepted, UnitInfo unit, LedgerRules rules)
    {
        var t0 = last.ServerReceivedUtc;
        var t1 = hb.ServerReceivedUtc;
        var tol = rules.SeekToleranceSeconds;
        var progress = state.ProgressOf(hb.CourseUnitId);
        var elapsedSeconds = (t1 - t0).TotalSeconds;
        var advance = hb.Position - last.Position;
        var withinTime = advance <= elapsedSeconds * LedgerRules.RequiredPlaybackRate + tol;

        // Whole-interval reasons. The player sends a heartbeat on every change (play, pause, hide, show, blur, focus,
        // rate change), so the interval since the previous heartbeat had the previous heartbeat's state; a rate other
        // than 1× at either end refuses the interval.
        LedgerReason? whole =
            state.IdentityCheckFailed ? LedgerReason.FaceCheckFailed
            : !last.Playing ? LedgerReason.NotPlaying
            : !(last.Visible && last.Focused) ? LedgerReason.Hidden
            : last.PlaybackRate != LedgerRules.RequiredPlaybackRate || hb.PlaybackRate != LedgerRules.RequiredPlaybackRate ? LedgerReason.Speed
            // Moving faster than 1× wall-clock to a part that was never watched is a seek. Jumps back, or forward
            // into watched content, are revisits. The jump's interval earns nothing and marks nothing watched.
            : !withinTime && !progress.Covers(hb.Position, tol) ? LedgerReason.Seek
            : null;

        var pieces = new List<Piece>();
        if (whole is not null) pieces.Add(new Piece(t0, t1, whole));
        else
        {
            var creditableEnd = Min(t1, t0 + rules.MaxCreditPerHeartbeat);
            pieces.Add(new Piece(t0, creditableEnd, null));
            pieces.Add(new Piece(creditableEnd, t1, LedgerReason.Gap));

            pieces = Mark(pieces, InteractionDeadlineUtc(state, rules), DateTime.MaxValue, LedgerReason.Idle);
            foreach (var gap in state.PendingIdleGaps) pieces = Mark(pieces, gap.FromUtc, gap.ToUtc, LedgerReason.Idle);

            // The playhead bounds credit too: no more than it advanced (plus tolerance). After a rewind, no more than
            // the new position; after a jump inside the watched part, time alone bounds it.
            var contentBound = !withinTime ? TimeSpan.MaxValue
                : TimeSpan.FromSeconds(Math.Min(elapsedSeconds + tol, (advance >= 0 ? advance : hb.Position) + tol));
            pieces = Budget(pieces, contentBound, LedgerReason.NotPlaying);
        }

        pieces = SplitAtBeijingMidnight(pieces);

        // Daily cap, per Beijing day, on the net credit so far.
        var perDay = state.CreditedPerDay;
        var sinceCheck = state.CreditedSinceIdentityCheck;
        var capped = new List<Piece>(pieces.Count + 1);
        foreach (var p in pieces)
        {
            if (p.Reason is not null) { capped.Add(p); continue; }
            var day = BeijingDay(p.From);
            var room = rules.DailyCap - perDay.GetValueOrDefault(day);
            if (room < TimeSpan.Zero) room = TimeSpan.Zero;
            var length = p.To - p.From;
            var credit = length < room ? length : room;
            if (credit > TimeSpan.Zero)
            {
                capped.Add(new Piece(p.From, p.From + credit, LedgerReason.Credited));
                perDay = perDay.SetItem(day, perDay.GetValueOrDefault(day) + credit);
                var key = new DayUnit(day, hb.CourseUnitId);
                sinceCheck = sinceCheck.SetItem(key, sinceCheck.GetValueOrDefault(key) + credit);
            }
            if (credit < length) capped.Add(new Piece(p.From + credit, p.To, LedgerReason.Cap));
        }

        var entries = ToEntries(hb, capped, t0, t1);

        // Coverage: a consistent forward stretch that was watched (credited, or only over the cap) extends the segments.
        if (whole is null && withinTime && advance > 0 && entries.Any(e => e.Reason is LedgerReason.Credited or LedgerReason.Cap))
        {
            var segment = new WatchedSegment(Math.Max(0, last.Position), Math.Min(unit.DurationSeconds, hb.Position));
            progress = progress.Add(segment, tol);
        }

        var next = state with
        {
            LastAccepted = accepted,
            LatestServerUtc = t1,
            Units = state.Units.SetItem(hb.CourseUnitId, progress),
            CreditedPerDay = perDay,
            CreditedSinceIdentityCheck = sinceCheck,
            PendingIdleGaps = state.PendingIdleGaps.RemoveAll(g => g.ToUtc <= t1),
        };
        return new LedgerDecision(next, entries, Accepted: true);
    }

    private readonly record struct Piece(DateTime From, DateTime To, LedgerReason? Reason);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>Gives the still-creditable parts of pieces that fall inside [from, to) the reason.</summary>
    private static List<Piece> Mark(List<Piece> pieces, DateTime from, DateTime to, LedgerReason reason)
    {
        var result = new List<Piece>(pieces.Count + 2);
        foreach (var p in pieces)
        {
            if (p.Reason is not null || p.To <= from || p.From >= to) { result.Add(p); continue; }
            var a = Max(p.From, from);
            var b = Min(p.To, to);
            if (p.From < a) result.Add(p with { To = a });
            result.Add(new Piece(a, b, reason));
            if (b < p.To) result.Add(p with { From = b });
        }
        return result;
    }

    /// <summary>Leaves at most <paramref name="budget"/> creditable (earliest first); the rest gets the reason.</summary>
    private static List<Piece> Budget(List<Piece> pieces, TimeSpan budget, LedgerReason reason)
    {
        var result = new List<Piece>(pieces.Count + 1);
        var left = budget;
        foreach (var p in pieces)
        {
            if (p.Reason is not null) { result.Add(p); continue; }
            var length = p.To - p.From;
            if (length <= left) { result.Add(p); left -= length; continue; }
            if (left > TimeSpan.Zero) result.Add(p with { To = p.From + left });
            result.Add(new Piece(p.From + left, p.To, reason));
            left = TimeSpan.Zero;
        }
        return result;
    }

    private static List<Piece> SplitAtBeijingMidnight(List<Piece> pieces)
    {
        var result = new List<Piece>(pieces.Count + 1);
        foreach (var p in pieces)
        {
            var from = p.From;
            while (true)
            {
                var midnight = NextBeijingMidnightUtc(BeijingDay(from));
                if (p.To <= midnight) { result.Add(p with { From = from }); break; }
                result.Add(p with { From = from, To = midnight });
                from = midnight;
            }
        }
        return result;
    }

    /// <summary>Drops empty pieces and merges neighbours with the same reason and day; keeps one entry for an empty interval.</summary>
    private static List<LedgerEntry> ToEntries(Heartbeat hb, List<Piece> pieces, DateTime t0, DateTime t1)
    {
        var entries = new List<LedgerEntry>(pieces.Count);
        foreach (var p in pieces)
        {
            if (p.To <= p.From) continue;
            var reason = p.Reason ?? LedgerReason.Credited;
            var day = BeijingDay(p.From);
            if (entries.Count > 0 && entries[^1] is { } prev && prev.Reason == reason && prev.BeijingDay == day && prev.ToUtc == p.From)
            {
                entries[^1] = prev with { ToUtc = p.To, Duration = prev.Duration + (p.To - p.From) };
                continue;
            }
            entries.Add(Entry(hb, p.From, p.To, reason));
        }
        if (entries.Count == 0)
        {
            var reason = pieces.Select(p => p.Reason).FirstOrDefault(r => r is not null) ?? LedgerReason.Credited;
            entries.Add(Entry(hb, t0, t1, reason));
        }
        return entries;
    }

    private static LedgerEntry Entry(Heartbeat hb, DateTime from, DateTime to, LedgerReason reason)
        => new(from, to, BeijingDay(from), hb.CourseUnitId, hb.SessionToken, hb.Sequence, to - from, reason,
            Credited: reason == LedgerReason.Credited);

    private static List<LedgerEntry> Tile(Heartbeat hb, DateTime from, DateTime to, LedgerReason reason)
        => ToEntries(hb, SplitAtBeijingMidnight([new Piece(from, to, reason)]), from, to);

    private static LedgerDecision Refuse(LedgerState state, Heartbeat hb, LedgerReason reason)
        => new(state, [Entry(hb, hb.ServerReceivedUtc, hb.ServerReceivedUtc, reason)], Accepted: false);
}
