namespace TrainEval.Web.Platform.Retention;

/// <summary>A record whose retention period has run out: its id and the date the period counts from.</summary>
public sealed record RetentionCandidate(string Id, DateTime RecordedAtUtc);

/// <summary>What a disposal staged: how many records, and stored files to delete once the transaction has committed.</summary>
public sealed record StagedDisposal(int Count, IReadOnlyList<string> FileKeysToDelete);

/// <summary>
/// A record type with a retention period and a controlled disposal (ARC-02). Implemented by the module that owns the
/// records, only where disposal is meaningful and safe. Disposal never removes the row: it removes the payload
/// (ciphertext, images) and its key, leaving a tombstone that still says the record existed. The Retention module
/// proposes expired records, has two administrators approve, stages <see cref="DisposeAsync"/> in its own unit of work
/// together with the disposal record and audit entry, saves once, and then deletes <see cref="StagedDisposal.FileKeysToDelete"/>.
/// </summary>
public interface IRetentionTarget
{
    /// <summary>Stable key of the record type (configuration key under Modules:Retention:Periods), e.g. "idv.frames.exam".</summary>
    string RecordType { get; }

    /// <summary>Chinese title shown to administrators.</summary>
    string Title { get; }

    /// <summary>The shortest period the rules allow (exam-affairs records: 730 days). Configuration below it is refused at start.</summary>
    int LegalMinimumDays { get; }

    /// <summary>The period used when configuration names none.</summary>
    int DefaultDays { get; }

    /// <summary>Records recorded before <paramref name="cutoffUtc"/> that still carry a payload, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<RetentionCandidate>> ExpiredAsync(DateTime cutoffUtc, int max, CancellationToken ct);

    /// <summary>
    /// Stages the disposal of the given records in the caller's DbContext (no SaveChanges). Ids that are no longer
    /// disposable (already disposed, not found, not expired by <paramref name="cutoffUtc"/>) are skipped.
    /// </summary>
    Task<StagedDisposal> DisposeAsync(IReadOnlyCollection<string> ids, DateTime cutoffUtc, CancellationToken ct);
}
