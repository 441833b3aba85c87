using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Learning.Anomalies.ReviewAnomalies;

/// <summary>
/// Decides a flag (LRN-08). Dismiss: the decision is recorded, nothing else changes. Confirm: the ledger writer voids
/// the learner's credit in the flag's window and records the decision, the audit entry and the learner's message in
/// the same transaction as the void rows.
/// </summary>
public sealed class ReviewAnomaliesHandler(AppDbContext db, LedgerWriter writer, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public async Task<Outcome<AnomalyDecision?>> DecideAsync(Guid anomalyId, string decision, string note, CancellationToken ct)
    {
        note = (note ?? "").Trim();
        var flag = await db.Set<LearningAnomaly>().FirstOrDefaultAsync(a => a.Id == anomalyId, ct);
        if (flag is null || !me.TenantIds.Contains(flag.TrainingInstitutionId)) return Outcome<AnomalyDecision?>.Fail("", "未找到该异常记录，或无权处理。");
        if (flag.Status != AnomalyStatus.Open) return Outcome<AnomalyDecision?>.Fail("", "该异常已处理，不能重复处理。");
        if (note.Length is < 2 or > 500) return Outcome<AnomalyDecision?>.Fail("", "请填写复核意见（2～500 字）。");

        switch (decision)
        {
            case "dismiss":
                flag.Resolve(AnomalyStatus.Dismissed);
                var dismissed = AnomalyDecision.Create(flag.Id, AnomalyStatus.Dismissed, me.RequiredUserId, me.DisplayName, note, 0, clock.GetUtcNow().UtcDateTime);
                db.Set<AnomalyDecision>().Add(dismissed);
                audit.Record("learning.anomaly.dismissed", "learner", flag.LearnerId.ToString(), new { anomaly = flag.Id, flag.Rule, note }, flag.TrainingInstitutionId);
                await db.SaveChangesAsync(ct);
                return Outcome<AnomalyDecision?>.Success(dismissed);
            case "confirm":
                await writer.SubmitAsync(new LedgerCommand
                {
                    Kind = LedgerCommandKind.Void, LearnerId = flag.LearnerId, PlayerSessionId = Guid.Empty, CourseId = flag.CourseId,
                    VoidFromUtc = flag.WindowFromUtc, VoidToUtc = flag.WindowToUtc, AnomalyId = flag.Id,
                    ByUserId = me.RequiredUserId, ByName = me.DisplayName, ByRole = me.PrimaryRole, Note = note, Ip = me.Ip,
                }, ct);
                return Outcome<AnomalyDecision?>.Success(await db.Set<AnomalyDecision>().AsNoTracking().FirstOrDefaultAsync(d => d.AnomalyId == flag.Id, ct));
            default:
                return Outcome<AnomalyDecision?>.Fail("", "请选择“确认异常”或“排除异常”。");
        }
    }
}
