using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Archive;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Verification.Archive;

/// <summary>
/// ARC-01 / SEC-01: consent decisions, reference faces set and retired, every identity decision (face and manual) with
/// outcome, scores, thresholds and context, and staff reviews. Never images or templates: a decision's captured frames
/// appear only as the fact that they exist and the id of their encrypted file; reference templates and photos not at all.
/// Decisions belong to the institution they were made for (login and trial checks, made for no institution, only in
/// unlimited views); consent and references are the learner's own and come with them: a limited view without any of
/// its institutions' decisions shows nothing, so a learner with no history there stays invisible to its staff.
/// </summary>
public sealed class VerificationArchive(AppDbContext db, IEnrollmentApi enrollment) : IArchiveContributor
{
    public string Key => "verification";
    public string Title => "身份核验";
    public int Order => 50;

    public async Task<ArchiveSection> CollectAsync(ArchiveRequest request, CancellationToken ct)
    {
        var learnerId = request.LearnerId;
        var consents = await db.Set<FaceConsent>().AsNoTracking().Where(c => c.LearnerId == learnerId).OrderBy(c => c.AtUtc).ToListAsync(ct);
        var references = await db.Set<FaceReference>().AsNoTracking().Where(r => r.LearnerId == learnerId).OrderBy(r => r.CreatedAtUtc).ToListAsync(ct);
        var decisions = await db.Set<IdentityDecision>().AsNoTracking().Where(d => d.LearnerId == learnerId).OrderBy(d => d.AtUtc).ToListAsync(ct);
        if (request.InstitutionIds is { } ids)
        {
            var scope = await ArchiveProjectScope.ForAsync(enrollment, request, ct);
            decisions = [.. decisions.Where(d => (d.InstitutionId is { } i && ids.Contains(i)) || (d.ProjectId is { } p && scope.Either(p)))];
            if (decisions.Count == 0) return ArchiveSection.Empty;
        }
        var decisionIds = decisions.Select(d => d.Id).ToList();
        var reviews = await db.Set<IdentityReview>().AsNoTracking().Where(r => decisionIds.Contains(r.DecisionId)).OrderBy(r => r.AtUtc).ToListAsync(ct);

        var events = new List<ArchiveEvent>();
        var records = new List<ArchiveRecord>();
        foreach (var c in consents)
        {
            records.Add(ArchiveFields.Record("identity_consent", c.Id, c));
            events.Add(new(c.AtUtc, c.Decision switch
            {
                ConsentDecision.Granted => "同意人脸信息处理", ConsentDecision.Refused => "不同意人脸信息处理（改用人工核验）", _ => "撤回人脸信息处理同意",
            }, $"告知书版本 {c.TextVersion}"));
        }
        foreach (var r in references)
        {
            records.Add(ArchiveFields.Record("identity_reference", r.Id, r, nameof(FaceReference.WrappedKey), nameof(FaceReference.PhotoFileKey)));
            events.Add(new(r.CreatedAtUtc, "设定人脸底照", r.Source switch
            {
                ReferenceSource.EnrollmentPhoto => "来自报名照片", ReferenceSource.Upload => "本人上传", _ => "现场采集",
            }));
            if (r.RetiredAtUtc is { } retired) events.Add(new(retired, "人脸底照停用", r.RetiredReason));
        }
        foreach (var d in decisions)
        {
            var fields = ArchiveFields.Of(d, nameof(IdentityDecision.FramesFileKey), nameof(IdentityDecision.WrappedKey));
            fields["FramesStored"] = d.FramesFileKey.Length > 0;
            fields["EncryptedFramesRef"] = d.FramesFileKey.Length > 0 ? d.FramesFileKey : null;
            fields["ReasonLabel"] = ReasonLabels.Label(d.Reason);
            records.Add(new("identity_decision", d.Id.ToString(), fields));
            var what = d.Method == CheckMethod.Manual ? "人工身份核验" : ReasonLabels.Context(d.Context);
            var scores = d.Similarity is { } sim ? $"，相似度 {sim:0.000}/{d.MatchThreshold:0.00}" : "";
            events.Add(new(d.AtUtc, $"{what}：{ReasonLabels.Outcome(d.Outcome)}", ReasonLabels.Label(d.Reason) + scores,
                d.DecidedByName.Length > 0 ? d.DecidedByName : null));
        }
        foreach (var r in reviews)
        {
            records.Add(ArchiveFields.Record("identity_review", r.Id, r));
            events.Add(new(r.AtUtc, "身份核验复核", r.Reason, r.ReviewerName));
        }
        return new(events, records, []);
    }
}
