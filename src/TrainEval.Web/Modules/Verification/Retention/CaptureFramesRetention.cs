using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Retention;

namespace TrainEval.Web.Modules.Verification.Retention;

/// <summary>
/// Retention of the camera frames kept with each face decision (biometric images; PIPL minimisation, IDV-06). Disposal
/// deletes the encrypted frames from the file store and blanks the decision's frames key and wrapped data key
/// (crypto-shredding: a copy of the ciphertext left in an older backup no longer opens). The decision row itself —
/// outcome, scores, thresholds, model version, frame count, time — stays as the tombstone and part of the archive.
/// Frames of exam-side checks (exam, makeup, re-entry) are exam-affairs records: at least two years (seed 001).
/// </summary>
public abstract class CaptureFramesRetention(AppDbContext db) : IRetentionTarget
{
    public abstract string RecordType { get; }
    public abstract string Title { get; }
    public abstract int LegalMinimumDays { get; }
    public abstract int DefaultDays { get; }
    protected abstract CheckContext[] Contexts { get; }

    private IQueryable<IdentityDecision> Disposable(DateTime cutoffUtc) => db.Set<IdentityDecision>()
        .Where(d => d.Method == CheckMethod.Face && d.FramesFileKey != "" && d.AtUtc < cutoffUtc && Contexts.Contains(d.Context));

    public async Task<IReadOnlyList<RetentionCandidate>> ExpiredAsync(DateTime cutoffUtc, int max, CancellationToken ct)
        => (await Disposable(cutoffUtc).AsNoTracking().OrderBy(d => d.AtUtc).Take(max).Select(d => new { d.Id, d.AtUtc }).ToListAsync(ct))
            .Select(d => new RetentionCandidate(d.Id.ToString(), d.AtUtc)).ToList();

    public async Task<StagedDisposal> DisposeAsync(IReadOnlyCollection<string> ids, DateTime cutoffUtc, CancellationToken ct)
    {
        var guids = ids.Select(i => Guid.TryParse(i, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        var decisions = await Disposable(cutoffUtc).Where(d => guids.Contains(d.Id)).ToListAsync(ct);
        var keys = decisions.Select(d => d.FramesFileKey).Distinct().ToList();
        // Content-addressed store: keep a file another (undisposed) decision still points to.
        var disposedIds = decisions.Select(d => d.Id).ToList();
        var shared = await db.Set<IdentityDecision>().Where(d => keys.Contains(d.FramesFileKey) && !disposedIds.Contains(d.Id))
            .Select(d => d.FramesFileKey).Distinct().ToListAsync(ct);
        foreach (var d in decisions)
        {
            var entry = db.Entry(d);
            entry.Property(x => x.FramesFileKey).CurrentValue = "";
            entry.Property(x => x.WrappedKey).CurrentValue = "";
        }
        return new StagedDisposal(decisions.Count, keys.Except(shared).ToList());
    }
}

public sealed class LearningFramesRetention(AppDbContext db) : CaptureFramesRetention(db)
{
    public override string RecordType => "idv.frames.learning";
    public override string Title => "人脸核验采集画面（登录、学习、试用）";
    public override int LegalMinimumDays => 180;
    public override int DefaultDays => 365;
    protected override CheckContext[] Contexts => [CheckContext.Login, CheckContext.Learning, CheckContext.Trial, CheckContext.AlternativePath];
}

public sealed class ExamFramesRetention(AppDbContext db) : CaptureFramesRetention(db)
{
    public override string RecordType => "idv.frames.exam";
    public override string Title => "人脸核验采集画面（考试、补考、重新进入考试）— 考务档案";
    public override int LegalMinimumDays => 730;
    public override int DefaultDays => 730;
    protected override CheckContext[] Contexts => [CheckContext.Exam, CheckContext.Makeup, CheckContext.Reentry];
}
