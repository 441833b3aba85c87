using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Learning.Live;

/// <summary>What the live page shows: the unit, whether joining is open now, and the learner's recorded joins.</summary>
internal sealed record LiveView(LearnerUnit Unit, bool JoinOpen, DateTime? JoinOpensAtUtc, DateTime? EndsAtUtc, IReadOnlyList<DateTime> Joins, DateTime? DoneAtUtc,
    string Refusal);

/// <summary>
/// Live sessions for learners (LRN-01): the schedule, and joining from 15 minutes before the start until the end —
/// each join is recorded with the server's clock (<see cref="LiveAttendance"/> and a "live.joined" learning event),
/// and attendance completes the unit (How = "attended"). After the session the replay, once attached, plays in the player.
/// </summary>
internal sealed class LiveSessions(AppDbContext db, CourseCatalog catalog, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public async Task<LiveView?> ViewAsync(Guid projectId, Guid unitId, CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        var unit = await catalog.GetUnitForLearnerAsync(learnerId, unitId, ct);
        if (unit is null || unit.ProjectId != projectId || unit.Unit.Kind != UnitKind.Live) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var joins = await db.Set<LiveAttendance>().AsNoTracking().Where(a => a.UnitId == unitId && a.LearnerId == learnerId)
            .OrderBy(a => a.JoinedAtUtc).Select(a => a.JoinedAtUtc).ToListAsync(ct);
        var done = await db.Set<UnitCompletion>().AsNoTracking().Where(c => c.LearnerId == learnerId && c.UnitId == unitId)
            .Select(c => (DateTime?)c.CompletedAtUtc).FirstOrDefaultAsync(ct);
        var refusal = JoinRefusal(unit, now);
        return new LiveView(unit, refusal.Length == 0, unit.Unit.LiveStartsAtUtc - CourseUnit.LiveJoinLead, unit.Unit.LiveEndsAtUtc(), joins, done, refusal);
    }

    /// <summary>Records the join and returns the URL to send the learner to.</summary>
    public async Task<Outcome<string>> JoinAsync(Guid projectId, Guid unitId, CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        var unit = await catalog.GetUnitForLearnerAsync(learnerId, unitId, ct);
        if (unit is null || unit.ProjectId != projectId || unit.Unit.Kind != UnitKind.Live)
            return Outcome<string>.Fail("", "直播不存在。", "learning.unit_not_found");
        var now = clock.GetUtcNow().UtcDateTime;
        if (JoinRefusal(unit, now) is { Length: > 0 } refusal) return Outcome<string>.Fail("", refusal, "learning.live_closed");
        var attendance = LiveAttendance.Create(unitId, learnerId, me.Ip, now);
        db.Set<LiveAttendance>().Add(attendance);
        db.Set<LearningEvent>().Add(LearningEvent.Create(learnerId, unit.Course.Id, unitId, null, "live.joined", me.Ip, "", now));
        var completes = unit.State != UnitState.Done;
        if (completes) db.Set<UnitCompletion>().Add(UnitCompletion.Create(learnerId, unit.Course.Id, unitId, "attended", $"attendance={attendance.Id}", now));
        audit.Record("learning.live_joined", "unit", unitId.ToString(), new { course = unit.Course.Id, attendance = attendance.Id, completes });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (completes)
        {
            // A double click completed the unit in a concurrent request, which recorded the join as well.
        }
        return Outcome<string>.Success(unit.Unit.LiveJoinUrl);
    }

    private static string JoinRefusal(LearnerUnit unit, DateTime nowUtc)
    {
        if (!unit.ActivationOpen) return unit.ActivationId is null ? CourseOutlines.NoActivation : CourseOutlines.AccessClosed;
        if (unit.Locked) return $"未解锁：{unit.LockReason}";
        var u = unit.Unit;
        if (u.LiveStartsAtUtc is not { } start) return "直播时间待定。";
        if (nowUtc < start - CourseUnit.LiveJoinLead) return $"直播尚未开始：开播前 15 分钟（{ContentText.BeijingShort(start - CourseUnit.LiveJoinLead)}）起可进入。";
        if (!u.LiveJoinOpen(nowUtc)) return u.IsPlayable ? "直播已结束，请观看回放。" : "直播已结束，回放上传后可观看。";
        return "";
    }
}
