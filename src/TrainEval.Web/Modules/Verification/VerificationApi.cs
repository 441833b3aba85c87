using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Verification.Public;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Verification;

internal sealed class VerificationApi(FaceIdentity identity, AppDbContext db) : IVerificationApi
{
    public async Task<IdentityStanding> GetStandingAsync(Guid learnerId, CancellationToken ct)
    {
        var status = await identity.StatusAsync(learnerId, ct);
        return new IdentityStanding(status.FaceReady, status.ManualVerified);
    }

    public async Task<(string? CaptureUrl, string? Problem)> StartCheckAsync(Guid learnerId, string context, Guid projectId, string contextRef, string returnUrl,
        CancellationToken ct)
    {
        if (!TryContext(context, out var c)) return (null, "未知的核验场景。");
        var outcome = await identity.IssueCaptureAsync(learnerId, c, projectId, contextRef, returnUrl, ct);
        return outcome.Ok ? ($"/verify/{outcome.Value!.Id}", null) : (null, outcome.Errors.Values.First());
    }

    public async Task<bool> HasPassedAsync(Guid learnerId, string context, Guid projectId, string contextRef, DateTime sinceUtc, CancellationToken ct)
    {
        if (!TryContext(context, out var c)) return false;
        return await db.Set<IdentityDecision>().AsNoTracking().AnyAsync(d => d.LearnerId == learnerId && d.Context == c && d.ProjectId == projectId
            && d.ContextRef == contextRef && d.AtUtc >= sinceUtc
            && (d.Outcome == CheckOutcome.Pass || db.Set<IdentityReview>().Any(r => r.DecisionId == d.Id && r.Verdict == ReviewVerdict.OverturnedToPass)), ct);
    }

    private static bool TryContext(string context, out CheckContext c)
    {
        c = context switch { "exam" => CheckContext.Exam, "makeup" => CheckContext.Makeup, "reentry" => CheckContext.Reentry, _ => 0 };
        return c != 0;
    }
}
