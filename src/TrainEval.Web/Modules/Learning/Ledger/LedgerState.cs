using System.Collections.Immutable;

namespace TrainEval.Web.Modules.Learning.Ledger;

/// <summary>
/// What the server remembers about one learner between heartbeats (immutable; every verb returns a new one).
/// The next slice persists it as one row per learner plus child rows for segments and per-day totals.
/// </summary>
public sealed record LedgerState
{
    public static LedgerState Initial { get; } = new();

    /// <summary>The only login session whose heartbeats count (a new sign-in replaces it).</summary>
    public string? ActiveSessionToken { get; init; }

    /// <summary>Last accepted heartbeat of the active session; its unit is the active unit. Null right after sign-in.</summary>
    public AcceptedHeartbeat? LastAccepted { get; init; }

    public Guid? ActiveUnitId => LastAccepted?.CourseUnitId;

    /// <summary>The latest server time seen (accepted heartbeat or sign-in); an earlier heartbeat is refused as FutureDated.</summary>
    public DateTime LatestServerUtc { get; init; }

    /// <summary>Watched segments per unit (server-side truth for coverage and the resume point).</summary>
    public ImmutableSortedDictionary<Guid, UnitProgress> Units { get; init; } = ImmutableSortedDictionary<Guid, UnitProgress>.Empty;

    /// <summary>When the last interaction check was answered (sign-in counts as one).</summary>
    public DateTime InteractionCheckPassedUtc { get; init; }

    /// <summary>Late-answered checks whose idle stretch (deadline → answer) has not yet been covered by a heartbeat.</summary>
    public ImmutableList<IdleGap> PendingIdleGaps { get; init; } = ImmutableList<IdleGap>.Empty;

    public DateTime? IdentityCheckPassedUtc { get; init; }

    /// <summary>An identity check failed and none has passed since: nothing is credited.</summary>
    public bool IdentityCheckFailed { get; init; }

    /// <summary>Net effective time per Beijing day (after voids); the daily cap applies to it.</summary>
    public ImmutableSortedDictionary<DateOnly, TimeSpan> CreditedPerDay { get; init; } = ImmutableSortedDictionary<DateOnly, TimeSpan>.Empty;

    /// <summary>Credit since the last passed identity check, per day and unit: what a failed check voids.</summary>
    public ImmutableSortedDictionary<DayUnit, TimeSpan> CreditedSinceIdentityCheck { get; init; } = ImmutableSortedDictionary<DayUnit, TimeSpan>.Empty;

    public TimeSpan CreditedOn(DateOnly beijingDay) => CreditedPerDay.GetValueOrDefault(beijingDay);

    public TimeSpan TotalCredited => CreditedPerDay.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b);

    public UnitProgress ProgressOf(Guid unitId) => Units.GetValueOrDefault(unitId) ?? UnitProgress.Empty;
}

public sealed record AcceptedHeartbeat(
    long Sequence, DateTime ServerReceivedUtc, Guid CourseUnitId, double Position, bool Playing, bool Visible, bool Focused, double PlaybackRate);

/// <summary>Idle stretch from a missed interaction deadline until the late answer.</summary>
public sealed record IdleGap(DateTime FromUtc, DateTime ToUtc);

public readonly record struct DayUnit(DateOnly Day, Guid UnitId) : IComparable<DayUnit>
{
    public int CompareTo(DayUnit other)
    {
        var byDay = Day.CompareTo(other.Day);
        return byDay != 0 ? byDay : UnitId.CompareTo(other.UnitId);
    }
}

/// <summary>A watched stretch of a video in seconds, [Start, End].</summary>
public readonly record struct WatchedSegment(double Start, double End)
{
    public double Length => End - Start;
}

/// <summary>Merged, sorted watched segments of one unit (holes stay visible: a skipped part is never filled in).</summary>
public sealed record UnitProgress(ImmutableArray<WatchedSegment> Segments)
{
    public static UnitProgress Empty { get; } = new(ImmutableArray<WatchedSegment>.Empty);

    /// <summary>
    /// The end of the part watched without a hole from the start of the video: the resume point and the furthest
    /// position the player may seek to.
    /// </summary>
    public double FurthestPosition => !Segments.IsEmpty && Segments[0].Start <= 0 ? Segments[0].End : 0;

    public double WatchedSeconds => Segments.Sum(s => s.Length);

    /// <summary>Whether a position lies in watched content (or at the very start), within the tolerance.</summary>
    public bool Covers(double position, double tolerance)
        => position <= tolerance || Segments.Any(s => position >= s.Start - tolerance && position <= s.End + tolerance);

    /// <summary>Adds a watched stretch; gaps up to <paramref name="tolerance"/> (and a start within it of 0) are closed.</summary>
    public UnitProgress Add(WatchedSegment segment, double tolerance)
    {
        if (!(segment.End > segment.Start)) return this;
        var current = segment.Start <= tolerance ? segment with { Start = 0 } : segment;
        var merged = new List<WatchedSegment>(Segments.Length + 1);
        var placed = false;
        foreach (var s in Segments)
        {
            if (s.End + tolerance < current.Start) merged.Add(s);
            else if (s.Start - tolerance > current.End)
            {
                if (!placed) { merged.Add(current); placed = true; }
                merged.Add(s);
            }
            else current = new WatchedSegment(Math.Min(s.Start, current.Start), Math.Max(s.End, current.End));
        }
        if (!placed) merged.Add(current);
        return new UnitProgress([.. merged]);
    }
}
