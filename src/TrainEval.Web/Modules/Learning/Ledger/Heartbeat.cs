namespace TrainEval.Web.Modules.Learning.Ledger;

/// <summary>
/// One player heartbeat (LRN-03..05). Everything except <see cref="ServerReceivedUtc"/> is a client claim: the ledger
/// uses the claims only to refuse or reduce credit, never to grant more than server time allows.
/// </summary>
/// <param name="SessionToken">The login session the heartbeat claims; only the learner's active one is credited.</param>
/// <param name="Sequence">Per session, strictly increasing; a retry repeats it (idempotency key).</param>
/// <param name="ClientTimeUtc">The browser clock. Untrusted (skew of minutes is normal); recorded only.</param>
/// <param name="ServerReceivedUtc">Stamped by the endpoint when the request arrives; the only clock the ledger trusts.</param>
/// <param name="CourseUnitId">The video unit being played.</param>
/// <param name="Position">Playhead in seconds from the start of the video.</param>
/// <param name="LastInteractionUtc">The client's claim of the last user interaction. Untrusted; recorded only
/// (input for anomaly rules) — idle time is decided by server-recorded interaction checks.</param>
public sealed record Heartbeat(
    string SessionToken,
    long Sequence,
    DateTime ClientTimeUtc,
    DateTime ServerReceivedUtc,
    Guid CourseUnitId,
    double Position,
    bool Playing,
    bool Visible,
    bool Focused,
    DateTime? LastInteractionUtc,
    double PlaybackRate);

/// <summary>What the ledger needs to know about the unit a heartbeat is for, loaded by the handler.</summary>
/// <param name="Activated">The learner's activation for the course is open and the unit is a playable video
/// (not expired, refunded or closed).</param>
public sealed record UnitInfo(Guid UnitId, double DurationSeconds, bool Activated);
