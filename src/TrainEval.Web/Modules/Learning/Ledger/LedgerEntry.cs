namespace TrainEval.Web.Modules.Learning.Ledger;

/// <summary>
/// One append-only ledger row: a stretch of server time within one Beijing calendar day and why it counted or not.
/// Entries of an accepted heartbeat tile the interval since the previous accepted heartbeat exactly; a refused heartbeat
/// gets one zero-length entry carrying the refusal reason. A <em>void</em> entry (identity check failed) has a negative
/// <see cref="Duration"/>, <see cref="Credited"/> = true and reason <see cref="LedgerReason.FaceCheckFailed"/>: it
/// subtracts earlier credit without editing it, so effective time is always <c>Σ CreditedDuration</c>.
/// </summary>
public sealed record LedgerEntry(
    DateTime FromUtc,
    DateTime ToUtc,
    DateOnly BeijingDay,
    Guid CourseUnitId,
    string SessionToken,
    long Sequence,
    TimeSpan Duration,
    LedgerReason Reason,
    bool Credited)
{
    public double Seconds => Duration.TotalSeconds;

    /// <summary>This entry's contribution to effective time (negative for a void).</summary>
    public TimeSpan CreditedDuration => Credited ? Duration : TimeSpan.Zero;

    public bool IsVoid => Duration < TimeSpan.Zero;
}
