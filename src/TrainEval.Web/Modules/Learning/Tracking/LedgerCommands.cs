using TrainEval.Web.Modules.Learning.Public;

namespace TrainEval.Web.Modules.Learning.Tracking;

public enum LedgerCommandKind
{
    /// <summary>A player page opened a learning session: it becomes the learner's only counting session.</summary>
    Open,
    Heartbeat,
    /// <summary>The learner answered the interaction prompt.</summary>
    Interaction,
    /// <summary>The identity verifier decided a scheduled check.</summary>
    IdentityCheck,
    /// <summary>Staff confirmed an anomaly: the learner's credit in the window is voided (no player session).</summary>
    Void,
}

/// <summary>What the player claims in one heartbeat (everything but the server's receive time is a claim).</summary>
public sealed record HeartbeatInput(long Sequence, DateTime ClientTimeUtc, double Position, bool Playing, bool Visible, bool Focused,
    DateTime? LastInteractionUtc, double PlaybackRate);

/// <summary>One request for the single ledger writer, stamped with the server time when it arrived.</summary>
public sealed class LedgerCommand
{
    public required LedgerCommandKind Kind { get; init; }
    public required Guid LearnerId { get; init; }
    public required Guid PlayerSessionId { get; init; }
    public DateTime ServerUtc { get; internal set; }
    public string Ip { get; init; } = "";
    public HeartbeatInput? Heartbeat { get; init; }
    /// <summary>Refused before the ledger (e.g. the login session was replaced): recorded as second-device with this detail.</summary>
    public string? Refusal { get; init; }
    public Guid? CheckId { get; init; }
    public IdentityVerdict? Verdict { get; init; }
    /// <summary>For <see cref="LedgerCommandKind.Void"/>: the course and window whose credit is voided.</summary>
    public Guid? CourseId { get; init; }
    public DateTime VoidFromUtc { get; init; }
    public DateTime VoidToUtc { get; init; }
    /// <summary>For <see cref="LedgerCommandKind.Void"/>: the flag being confirmed, who confirmed it and why.</summary>
    public Guid? AnomalyId { get; init; }
    public Guid ByUserId { get; init; }
    public string ByName { get; init; } = "";
    public string ByRole { get; init; } = "";
    public string Note { get; init; } = "";
    internal TaskCompletionSource<PlayerFeedback> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A due identity check the player must run now.</summary>
public sealed record IdentityCheckPrompt(Guid Id, double AtPosition, bool Due, int SecondsLeft);

/// <summary>
/// The server's answer to the player: what was decided (reason code and a Chinese message), what counts so far, what is
/// due. <see cref="Stop"/> tells the page to stop playing and say why (signed out elsewhere, another course, closed).
/// </summary>
public sealed record PlayerFeedback(
    bool Accepted,
    string Reason,
    string Message,
    double CreditedSeconds,
    double SessionEffectiveSeconds,
    double TodayEffectiveSeconds,
    double FurthestPosition,
    double InteractionDueInSeconds,
    bool InteractionDue,
    IdentityCheckPrompt? IdentityCheck,
    bool CapReached,
    bool Stop,
    bool UnitCompleted);
