using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainEval.Web.Modules.Learning.Public;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Verification;

/// <summary>
/// The face engine behind the learning engine's random checks during videos (LRN-04, IDV-02). A capture is issued per
/// scheduled check (context "learning", reference "unit:check"), so frames for a trial, a login or another check are
/// refused; retries stay inside the check's window, pass and fail go to the ledger.
/// </summary>
public sealed class LearningIdentityVerifier(FaceIdentity identity, AppDbContext db, IOptions<VerificationOptions> options) : IIdentityCheckVerifier
{
    public async Task<IReadOnlySet<Guid>> LearnersCheckedByFaceAsync(IReadOnlyCollection<Guid> learnerIds, CancellationToken ct)
    {
        if (learnerIds.Count == 0) return new HashSet<Guid>();
        var withReference = await db.Set<FaceReference>().AsNoTracking().Where(r => learnerIds.Contains(r.LearnerId) && r.RetiredAtUtc == null)
            .Select(r => r.LearnerId).Distinct().ToListAsync(ct);
        if (withReference.Count == 0) return new HashSet<Guid>();
        var consents = await db.Set<FaceConsent>().AsNoTracking().Where(c => withReference.Contains(c.LearnerId))
            .Select(c => new { c.LearnerId, c.AtUtc, c.Decision }).ToListAsync(ct);
        return consents.GroupBy(c => c.LearnerId).Where(g => g.OrderByDescending(c => c.AtUtc).First().Decision == ConsentDecision.Granted)
            .Select(g => g.Key).ToHashSet();
    }

    public async Task<IReadOnlyDictionary<Guid, DateTime>> LastPassesAsync(IReadOnlyCollection<Guid> learnerIds, CancellationToken ct)
    {
        if (learnerIds.Count == 0) return new Dictionary<Guid, DateTime>();
        var rows = await db.Set<IdentityDecision>().AsNoTracking()
            .Where(d => learnerIds.Contains(d.LearnerId) && (d.Outcome == CheckOutcome.Pass
                || db.Set<IdentityReview>().Any(r => r.DecisionId == d.Id && r.Verdict == ReviewVerdict.OverturnedToPass)))
            .GroupBy(d => d.LearnerId).Select(g => new { g.Key, Last = g.Max(d => d.AtUtc) }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => r.Last);
    }

    public async Task<IdentityCheckCapture?> StartAsync(Guid learnerId, Guid projectId, Guid unitId, Guid checkId, CancellationToken ct)
    {
        var outcome = await identity.IssueCaptureAsync(learnerId, CheckContext.Learning, projectId, Ref(unitId, checkId), "", ct);
        return outcome.Ok ? Describe(outcome.Value!.Id, outcome.Value.Challenge) : null;
    }

    public async Task<IdentityVerdict> VerifyAsync(IdentityCheckSubmission s, CancellationToken ct)
    {
        var capture = await db.Set<CaptureSession>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == s.CaptureId && c.LearnerId == s.LearnerId, ct);
        if (capture is null || capture.Context != CheckContext.Learning || capture.ContextRef != Ref(s.UnitId, s.CheckId))
            return new IdentityVerdict(false, "", Retry: true, Message: "核验请求无效，请重新开始核验。");
        var outcome = await identity.DecideAsync(s.CaptureId, s.LearnerId, s.Frames, s.ClientProblem, ct);
        if (!outcome.Ok) return new IdentityVerdict(false, "", Retry: true, Message: outcome.Errors.Values.First());
        var r = outcome.Value!;
        return r.Outcome switch
        {
            CheckOutcome.Pass => new IdentityVerdict(true, $"face:{r.Reason}:{r.DecisionId}", Message: r.Message),
            CheckOutcome.Retry => new IdentityVerdict(false, $"face:{r.Reason}:{r.DecisionId}", Retry: true, Message: r.Message,
                NextCapture: await NextAsync(r.NextCaptureId, ct)),
            _ => new IdentityVerdict(false, $"face:{r.Reason}:{r.DecisionId}", Message: r.Message),
        };
    }

    private async Task<IdentityCheckCapture?> NextAsync(Guid id, CancellationToken ct)
    {
        if (id == Guid.Empty) return null;
        var challenge = await db.Set<CaptureSession>().AsNoTracking().Where(c => c.Id == id).Select(c => c.Challenge).FirstAsync(ct);
        return Describe(id, challenge);
    }

    private IdentityCheckCapture Describe(Guid id, string challenge) => new(id, challenge, Challenges.Instruction(challenge), options.Value.Frames);

    private static string Ref(Guid unitId, Guid checkId) => $"unit:{unitId:N}:{checkId:N}";
}
