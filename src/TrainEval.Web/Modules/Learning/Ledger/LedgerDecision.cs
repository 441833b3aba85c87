namespace TrainEval.Web.Modules.Learning.Ledger;

/// <summary>The result of one ledger verb: the new state and the entries to append (in order).</summary>
/// <param name="Accepted">False when the heartbeat was refused: the state is the same instance as before.</param>
public sealed record LedgerDecision(LedgerState State, IReadOnlyList<LedgerEntry> Entries, bool Accepted)
{
    public TimeSpan Credited => Entries.Aggregate(TimeSpan.Zero, (sum, e) => sum + e.CreditedDuration);

    public double CreditedSeconds => Credited.TotalSeconds;

    /// <summary>Wall time the entries cover (voids excluded).</summary>
    public double RecordedSeconds => Entries.Where(e => !e.IsVoid).Sum(e => e.Seconds);

    /// <summary>
    /// One reason for the player to show: the refusal; else the latest stretch that was not credited; else Credited.
    /// </summary>
    public LedgerReason Reason =>
        Entries.LastOrDefault(e => !e.Credited || e.IsVoid)?.Reason ?? LedgerReason.Credited;
}
