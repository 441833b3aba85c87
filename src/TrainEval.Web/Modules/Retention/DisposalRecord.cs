namespace TrainEval.Web.Modules.Retention;

public enum DisposalStatus { Proposed = 1, Approved = 2, Disposed = 3, Rejected = 4 }

/// <summary>
/// A disposal batch from proposal to completion, and afterwards the permanent disposal record (ARC-02): record type,
/// cut-off, the ids and their hash, counts, who proposed, approved and confirmed and when. Never deleted; four-eyes:
/// the administrator who confirms is not the one who approved (nor the one who proposed).
/// </summary>
public sealed class DisposalRecord
{
    public Guid Id { get; private set; }
    public string RecordType { get; private set; } = "";
    public string RecordTitle { get; private set; } = "";
    public int PeriodDays { get; private set; }
    public DateTime CutoffUtc { get; private set; }
    /// <summary>The proposed record ids, newline-separated.</summary>
    public string Ids { get; private set; } = "";
    public int ProposedCount { get; private set; }
    public string IdsSha256 { get; private set; } = "";
    public DateTime OldestRecordUtc { get; private set; }
    public DateTime ProposedAtUtc { get; private set; }
    public Guid? ProposedBy { get; private set; }
    public string ProposedByName { get; private set; } = "";
    public DisposalStatus Status { get; private set; }
    public Guid? ApprovedBy { get; private set; }
    public string ApprovedByName { get; private set; } = "";
    public DateTime? ApprovedAtUtc { get; private set; }
    public Guid? ConfirmedBy { get; private set; }
    public string ConfirmedByName { get; private set; } = "";
    public DateTime? ConfirmedAtUtc { get; private set; }
    public int DisposedCount { get; private set; }
    public int FilesDeleted { get; private set; }
    public string Note { get; private set; } = "";

    private DisposalRecord() { }

    public static DisposalRecord Propose(RetentionRule rule, IReadOnlyList<Platform.Retention.RetentionCandidate> candidates, Guid? byId, string byName, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), RecordType = rule.RecordType, RecordTitle = Clip(rule.Title, 100), PeriodDays = rule.Days, CutoffUtc = rule.CutoffFor(nowUtc),
        Ids = string.Join("\n", candidates.Select(c => c.Id)), ProposedCount = candidates.Count, IdsSha256 = RetentionPolicy.IdsHash(candidates.Select(c => c.Id)),
        OldestRecordUtc = candidates.Min(c => c.RecordedAtUtc), ProposedAtUtc = nowUtc, ProposedBy = byId, ProposedByName = Clip(byName, 100),
        Status = DisposalStatus.Proposed,
    };

    public IReadOnlyList<string> IdList => Ids.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string? Approve(Guid by, string byName, DateTime nowUtc)
    {
        if (Status != DisposalStatus.Proposed) return "该处置批次不在待批准状态。";
        if (ProposedBy == by) return "提出处置的管理员不能批准自己的提议。";
        Status = DisposalStatus.Approved;
        ApprovedBy = by;
        ApprovedByName = Clip(byName, 100);
        ApprovedAtUtc = nowUtc;
        return null;
    }

    public string? Confirm(Guid by, string byName, int disposed, DateTime nowUtc)
    {
        if (Status != DisposalStatus.Approved) return "该处置批次尚未批准，不能执行。";
        if (ApprovedBy == by || ProposedBy == by) return "须由另一名管理员确认执行（批准人与确认人不能是同一人）。";
        Status = DisposalStatus.Disposed;
        ConfirmedBy = by;
        ConfirmedByName = Clip(byName, 100);
        ConfirmedAtUtc = nowUtc;
        DisposedCount = disposed;
        return null;
    }

    public string? Reject(Guid by, string byName, string reason, DateTime nowUtc)
    {
        if (Status is not (DisposalStatus.Proposed or DisposalStatus.Approved)) return "该处置批次已结束。";
        if (string.IsNullOrWhiteSpace(reason)) return "请填写不予处置的理由。";
        Status = DisposalStatus.Rejected;
        ConfirmedBy = by;
        ConfirmedByName = Clip(byName, 100);
        ConfirmedAtUtc = nowUtc;
        Note = Clip(reason.Trim(), 500);
        return null;
    }

    public void FilesRemoved(int count) => FilesDeleted = count;

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
