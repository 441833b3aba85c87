namespace TrainEval.Web.Platform.Archive;

/// <summary>
/// A module's part of a learner's archive (ARC-01). Every module that keeps records about a learner registers one
/// (<c>services.AddScoped&lt;IArchiveContributor, XArchive&gt;()</c>); the archive module asks them all, in
/// <see cref="Order"/>, and merges their events into one time line. Contributors only read: they never change state.
/// The contract lives in Platform so the archive module needs no knowledge of the others (ADR 0001).
/// </summary>
public interface IArchiveContributor
{
    /// <summary>Stable key, used as the folder and JSON file name in the export, e.g. "enrollment".</summary>
    string Key { get; }

    /// <summary>Chinese section title shown on the archive page, e.g. "报名与审核".</summary>
    string Title { get; }

    /// <summary>Position of the section in the learner flow (enrollment 10 … certificates 90, complaints 95).</summary>
    int Order { get; }

    Task<ArchiveSection> CollectAsync(ArchiveRequest request, CancellationToken ct);
}

/// <param name="LearnerId">Whose archive.</param>
/// <param name="InstitutionIds">Only records of these institutions (training or evaluation); null means all (the learner themself, a regulator).</param>
/// <param name="RevealSensitive">Whether ID numbers, phone numbers etc. may be shown unmasked; the caller has checked the permission and audits the read.</param>
/// <param name="AtUtc">The moment of the request (from TimeProvider).</param>
/// <param name="ForLearner">The learner reads their own archive: leave out what they may not see yet (e.g. scores before publication, PER-02).</param>
public sealed record ArchiveRequest(Guid LearnerId, IReadOnlyCollection<Guid>? InstitutionIds, bool RevealSensitive, DateTime AtUtc, bool ForLearner = false);

/// <summary>What a module knows about a learner: a time line, its records as data, and files.</summary>
public sealed record ArchiveSection(IReadOnlyList<ArchiveEvent> Events, IReadOnlyList<ArchiveRecord> Records, IReadOnlyList<ArchiveAttachment> Attachments)
{
    public static readonly ArchiveSection Empty = new([], [], []);
}

/// <summary>One line of the time line: what happened, when, by whom (display name or role), with an optional link for staff.</summary>
public sealed record ArchiveEvent(DateTime AtUtc, string Title, string? Detail = null, string? Actor = null, string? Link = null);

/// <summary>
/// One stored record, exported as JSON. <paramref name="Fields"/> hold plain values (strings, numbers, booleans,
/// DateTime, Guid, nested lists/dictionaries of those); sensitive values already masked unless the request reveals them.
/// </summary>
public sealed record ArchiveRecord(string Type, string Id, IReadOnlyDictionary<string, object?> Fields);

/// <summary>A file in the export (materials, signed commitment PDFs, certificate PDFs). Read lazily, only when exporting.</summary>
public sealed record ArchiveAttachment(string FileName, string ContentType, Func<CancellationToken, Task<byte[]>> ReadAsync);
