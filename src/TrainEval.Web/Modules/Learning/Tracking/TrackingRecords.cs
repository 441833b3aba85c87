namespace TrainEval.Web.Modules.Learning.Tracking;

/// <summary>
/// The persisted <see cref="Ledger.LedgerState"/> of one learner (one row per learner). Only the heartbeat writer
/// changes it; <see cref="Version"/> is an optimistic concurrency token so two app nodes cannot interleave decisions.
/// </summary>
public sealed class LearnerLedger
{
    public Guid LearnerId { get; private set; }
    public string StateJson { get; private set; } = "";
    public long Version { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    private LearnerLedger() { }

    public static LearnerLedger Create(Guid learnerId, string stateJson, DateTime nowUtc)
        => new() { LearnerId = learnerId, StateJson = stateJson, Version = 1, UpdatedAtUtc = nowUtc };

    public void Save(string stateJson, DateTime nowUtc)
    {
        StateJson = stateJson;
        Version++;
        UpdatedAtUtc = nowUtc;
    }
}

/// <summary>
/// One append-only ledger row (<see cref="Ledger.LedgerEntry"/>): a stretch of server time and why it counted or not.
/// Never updated or deleted; a correction (failed identity check, confirmed anomaly) is a new row with negative
/// duration. Effective time is the sum of <see cref="CreditedMs"/>.
/// </summary>
public sealed class LedgerEntryRow
{
    public long Id { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid UnitId { get; private set; }
    /// <summary>The player session (<see cref="LearningSession"/>) the heartbeat came from; empty for voids.</summary>
    public Guid PlayerSessionId { get; private set; }
    public long Sequence { get; private set; }
    public DateTime FromUtc { get; private set; }
    public DateTime ToUtc { get; private set; }
    public DateOnly BeijingDay { get; private set; }
    public long DurationMs { get; private set; }
    /// <summary>Stable reason code (<see cref="Ledger.LedgerReasons.Code"/>).</summary>
    public string Reason { get; private set; } = "";
    public bool Credited { get; private set; }
    public long CreditedMs => Credited ? DurationMs : 0;
    public DateTime RecordedAtUtc { get; private set; }

    private LedgerEntryRow() { }

    public static LedgerEntryRow From(Ledger.LedgerEntry e, Guid learnerId, Guid courseId, Guid playerSessionId, DateTime nowUtc) => new()
    {
        LearnerId = learnerId, CourseId = courseId, UnitId = e.CourseUnitId, PlayerSessionId = playerSessionId, Sequence = e.Sequence,
        FromUtc = e.FromUtc, ToUtc = e.ToUtc, BeijingDay = e.BeijingDay, DurationMs = (long)Math.Round(e.Duration.TotalMilliseconds),
        Reason = Ledger.LedgerReasons.Code(e.Reason), Credited = e.Credited, RecordedAtUtc = nowUtc,
    };
}

/// <summary>
/// One learning session (LRN-06, annex 2): a player page opened by a learner in one login session for one course.
/// Its id is the ledger's session token. Totals are maintained by the heartbeat writer from the ledger rows it appends.
/// </summary>
public sealed class LearningSession
{
    public Guid Id { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid UnitId { get; private set; }
    /// <summary>The login (cookie) session the page was opened in.</summary>
    public string LoginSessionId { get; private set; } = "";
    public DateTime StartedAtUtc { get; private set; }
    public DateTime? LastHeartbeatUtc { get; private set; }
    public long CreditedMs { get; private set; }
    public long RecordedMs { get; private set; }
    public double FurthestPosition { get; private set; }
    public int Heartbeats { get; private set; }
    public int Refusals { get; private set; }
    public string Ip { get; private set; } = "";
    public string UserAgent { get; private set; } = "";
    /// <summary>回看 after the exam (LRN-10): logged, never credited.</summary>
    public bool IsReplay { get; private set; }
    /// <summary>Why the session stopped counting (superseded, signed-out, parallel-course, …); empty while live.</summary>
    public string EndReason { get; private set; } = "";
    public DateTime? EndedAtUtc { get; private set; }

    private LearningSession() { }

    public static LearningSession Start(Guid learnerId, Guid courseId, Guid projectId, Guid unitId, string loginSessionId, string ip, string userAgent,
        bool isReplay, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), LearnerId = learnerId, CourseId = courseId, ProjectId = projectId, UnitId = unitId, LoginSessionId = loginSessionId,
        StartedAtUtc = nowUtc, Ip = Trim(ip, 64), UserAgent = Trim(userAgent, 300), IsReplay = isReplay,
    };

    public void Record(DateTime atUtc, long creditedMs, long recordedMs, double position, bool accepted)
    {
        LastHeartbeatUtc = atUtc;
        CreditedMs += creditedMs;
        RecordedMs += recordedMs;
        Heartbeats++;
        if (!accepted) Refusals++;
        if (accepted && position > FurthestPosition) FurthestPosition = position;
    }

    public void End(string reason, DateTime atUtc)
    {
        if (EndedAtUtc is not null) return;
        EndReason = reason;
        EndedAtUtc = atUtc;
    }

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>
/// Append-only learning event (LRN-06): interaction prompts and answers, identity checks, document reads, live joins,
/// replays, refusals the learner was told about. What the records page and the anomaly rules read besides the ledger.
/// </summary>
public sealed class LearningEvent
{
    public long Id { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid? UnitId { get; private set; }
    public Guid? PlayerSessionId { get; private set; }
    public string Kind { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public string Ip { get; private set; } = "";
    public string Detail { get; private set; } = "";

    private LearningEvent() { }

    public static LearningEvent Create(Guid learnerId, Guid courseId, Guid? unitId, Guid? playerSessionId, string kind, string ip, string detail, DateTime nowUtc) => new()
    {
        LearnerId = learnerId, CourseId = courseId, UnitId = unitId, PlayerSessionId = playerSessionId, Kind = kind, AtUtc = nowUtc,
        Ip = ip.Length <= 64 ? ip : ip[..64], Detail = detail.Length <= 1000 ? detail : detail[..1000],
    };
}

public enum IdentityCheckOutcome { Pending = 0, Passed = 1, Failed = 2, TimedOut = 3 }

/// <summary>
/// A random identity check scheduled during a video (LRN-04): due when the playhead reaches <see cref="AtPosition"/>.
/// Decided by the identity verifier (the face-verification module) or timed out; a failure voids the time credited
/// since the last passed check (<see cref="Ledger.LearningLedger.RecordIdentityCheck"/>).
/// </summary>
public sealed class IdentityCheck
{
    public Guid Id { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid PlayerSessionId { get; private set; }
    public double AtPosition { get; private set; }
    public DateTime ScheduledAtUtc { get; private set; }
    public DateTime? DueSinceUtc { get; private set; }
    public IdentityCheckOutcome Outcome { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string Detail { get; private set; } = "";

    private IdentityCheck() { }

    public static IdentityCheck Schedule(Guid learnerId, Guid courseId, Guid unitId, Guid playerSessionId, double atPosition, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), LearnerId = learnerId, CourseId = courseId, UnitId = unitId, PlayerSessionId = playerSessionId,
        AtPosition = atPosition, ScheduledAtUtc = nowUtc,
    };

    public void MarkDue(DateTime nowUtc) => DueSinceUtc ??= nowUtc;

    public void Decide(IdentityCheckOutcome outcome, string detail, DateTime nowUtc)
    {
        if (Outcome != IdentityCheckOutcome.Pending) throw new InvalidOperationException("The identity check is already decided.");
        Outcome = outcome;
        Detail = detail.Length <= 500 ? detail : detail[..500];
        DecidedAtUtc = nowUtc;
    }
}
