using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Media;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Learning.Documents;

/// <summary>What the document viewer shows: the unit, the signed URL (empty when refused), and when "read" becomes possible.</summary>
internal sealed record DocumentView(LearnerUnit Unit, string Refusal, string Url, bool IsPdf, DateTime? FirstOpenedAtUtc, DateTime? ReadableAtUtc,
    DateTime? DoneAtUtc, TimeSpan Wait);

/// <summary>
/// Reading a document or image unit (LRN-01): every opening is a learning event ("document.opened", server time);
/// the learner may mark it read only once min(stated reading time, 2 minutes) has passed since the first recorded
/// opening — then a <see cref="UnitCompletion"/> (How = "read") is appended.
/// </summary>
internal sealed class DocumentReading(AppDbContext db, CourseCatalog catalog, MediaUrls urls, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public const string OpenedEvent = "document.opened";
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(2);

    public static TimeSpan WaitFor(CourseUnit unit) => TimeSpan.FromSeconds(Math.Min(unit.DurationSeconds, MaxWait.TotalSeconds));

    /// <summary>Opens the document for the signed-in learner; null when it is not a document unit of this project.</summary>
    public async Task<DocumentView?> OpenAsync(Guid projectId, Guid unitId, CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        var unit = await catalog.GetUnitForLearnerAsync(learnerId, unitId, ct);
        if (unit is null || unit.ProjectId != projectId || unit.Unit.Kind != UnitKind.Document) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var refusal = Refusal(unit);
        if (refusal.Length == 0)
        {
            db.Set<LearningEvent>().Add(LearningEvent.Create(learnerId, unit.Course.Id, unitId, null, OpenedEvent, me.Ip, "", now));
            await db.SaveChangesAsync(ct);
        }
        var first = await FirstOpenedAsync(learnerId, unitId, ct);
        var done = await db.Set<UnitCompletion>().AsNoTracking().Where(c => c.LearnerId == learnerId && c.UnitId == unitId)
            .Select(c => (DateTime?)c.CompletedAtUtc).FirstOrDefaultAsync(ct);
        var wait = WaitFor(unit.Unit);
        return new DocumentView(unit, refusal, refusal.Length == 0 ? urls.ForDocument(unitId, learnerId, unit.Unit.DurationSeconds) : "",
            unit.Unit.ContentType == "application/pdf", first, first + wait, done, wait);
    }

    /// <summary>Marks the document read (idempotent) once the waiting time since the first opening has passed.</summary>
    public async Task<Outcome<DateTime>> MarkReadAsync(Guid projectId, Guid unitId, CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        var unit = await catalog.GetUnitForLearnerAsync(learnerId, unitId, ct);
        if (unit is null || unit.ProjectId != projectId || unit.Unit.Kind != UnitKind.Document)
            return Outcome<DateTime>.Fail("", "资料不存在。", "learning.unit_not_found");
        if (unit.State == UnitState.Done) return Outcome<DateTime>.Success(clock.GetUtcNow().UtcDateTime);
        if (!unit.ActivationOpen || unit.Locked)
            return Outcome<DateTime>.Fail("", unit.ActivationOpen ? $"未解锁：{unit.LockReason}" : CourseOutlines.AccessClosed + "，不能再记录学习。", "learning.unit_locked");
        var now = clock.GetUtcNow().UtcDateTime;
        var first = await FirstOpenedAsync(learnerId, unitId, ct);
        if (first is null) return Outcome<DateTime>.Fail("", "请先打开资料阅读。", "learning.document_not_opened");
        var readableAt = first.Value + WaitFor(unit.Unit);
        if (now < readableAt)
        {
            var left = (int)Math.Ceiling((readableAt - now).TotalSeconds);
            return Outcome<DateTime>.Fail("", $"请认真阅读：资料打开 {Wait(WaitFor(unit.Unit))}后才能标记为已读，还需约 {left} 秒。", "learning.document_too_early");
        }
        db.Set<UnitCompletion>().Add(UnitCompletion.Create(learnerId, unit.Course.Id, unitId, "read", $"opened={first.Value:O}", now));
        db.Set<LearningEvent>().Add(LearningEvent.Create(learnerId, unit.Course.Id, unitId, null, "document.read", me.Ip, "", now));
        audit.Record("learning.unit_completed", "unit", unitId.ToString(), new { course = unit.Course.Id, how = "read", firstOpened = first });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Marked read concurrently (unique learner + unit): the earlier completion stands.
        }
        return Outcome<DateTime>.Success(now);
    }

    /// <summary>"2 分钟", "1 分钟", "45 秒".</summary>
    public static string Wait(TimeSpan t) => t.TotalSeconds >= 60 && t.TotalSeconds % 60 == 0 ? $"{t.TotalMinutes:0} 分钟" : $"{t.TotalSeconds:0} 秒";

    private static string Refusal(LearnerUnit unit)
    {
        if (unit.ActivationOpen) return unit.Locked ? $"未解锁：{unit.LockReason}" : "";
        return unit.ReplayOpen && unit.Unit.HasFile() ? "" : unit.ActivationId is null ? CourseOutlines.NoActivation : CourseOutlines.AccessClosed;
    }

    private Task<DateTime?> FirstOpenedAsync(Guid learnerId, Guid unitId, CancellationToken ct)
        => db.Set<LearningEvent>().AsNoTracking().Where(e => e.LearnerId == learnerId && e.UnitId == unitId && e.Kind == OpenedEvent)
            .Select(e => (DateTime?)e.AtUtc).MinAsync(ct);
}
