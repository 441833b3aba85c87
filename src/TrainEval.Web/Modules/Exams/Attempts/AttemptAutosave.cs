using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Exams.Attempts;

/// <summary>
/// The autosave endpoint's service (EXM-03, P3). It is kept apart from <see cref="ExamAttempts"/> so that a save — the
/// most frequent request of a sitting — builds only what it uses: on the fast path the save cache and the writer, with no
/// DbContext and none of the entry gate's module APIs. The database (and <see cref="ExamAttempts"/> for closing an overdue
/// attempt) is resolved from the request's scope only on the paths that read or write it.
/// </summary>
public sealed class AttemptAutosave(AttemptSaveCache saveCache, AnswerWriter writer, TimeProvider clock, CurrentUser me, IServiceProvider services)
{
    private AppDbContext? db;
    private AppDbContext Db => db ??= services.GetRequiredService<AppDbContext>();

    /// <summary>
    /// Autosave (EXM-03): idempotent by (attempt, question, seq); acknowledged only when durable; answers for questions not
    /// in this candidate's paper, from another entry, after the lock or outside the window are refused and change nothing.
    /// </summary>
    public async Task<(int Status, string? Error, SaveResult? Result)> SaveAsync(Guid learnerId, Guid attemptId, SaveRequest request, CancellationToken ct)
    {
        if (request.Seq <= 0) return (400, "seq 必须为正整数", null);
        var now = clock.GetUtcNow().UtcDateTime;
        // The fast path reads nothing: the cached state may only let a save go ahead (the writer's guarded UPSERT has the
        // last word); anything that would refuse it, or mark it late, is decided again on a fresh read.
        var state = await saveCache.GetAsync(() => Db, attemptId, fresh: false, ct);
        if (state is null || state.LearnerId != learnerId) return (404, "答卷不存在", null);
        if (state.State != AttemptState.InProgress || state.EntryId != request.Entry || now >= state.DeadlineUtc)
            state = await saveCache.GetAsync(() => Db, attemptId, fresh: true, ct);
        if (state is null) return (404, "答卷不存在", null);
        if (state.State != AttemptState.InProgress) return (409, "答卷已锁定，不能再修改", new SaveResult(false, "locked", 0));
        if (state.EntryId != request.Entry) return (409, "本场考试已在其他页面或设备上进入，此页面已失效", new SaveResult(false, "superseded", ExamAttempts.SecondsLeft(state, now)));
        if (!state.Items.TryGetValue(request.QuestionId, out var entry)) return (400, "该题不在您的试卷中", null);
        var (item, kind) = entry;
        string? answer;
        if (kind == ExamQuestionKind.Practical)
            answer = request.Text is { Length: <= 4000 } t ? t.Trim() : null;
        else
            answer = request.Choices is null ? null : Scoring.ToCanonical(item, kind, request.Choices);
        if (answer is null) return (400, kind == ExamQuestionKind.Practical ? "作答内容无效（最多 4000 字）" : "选项无效", null);
        var deadline = state.DeadlineUtc!.Value;
        var inGrace = now >= deadline;
        if (now >= deadline.AddSeconds(state.GraceSeconds))
        {
            await services.GetRequiredService<ExamAttempts>().CloseIfOverdueAsync(await Db.Set<ExamAttempt>().AsNoTracking().SingleAsync(a => a.Id == attemptId, ct), ct);
            return (409, "考试时间已到，答卷已自动提交", new SaveResult(false, "locked", 0));
        }
        var status = await writer.SaveAsync(new SaveCommand(attemptId, request.Entry, item.Q, request.Seq, answer, inGrace), ct);
        if (status == SaveStatus.Busy) return (503, "服务器繁忙，答案未保存，页面将自动重试", new SaveResult(false, "busy", ExamAttempts.SecondsLeft(state, now)));
        if (inGrace && status == SaveStatus.Saved)
        {
            Db.Set<AttemptEvent>().Add(AttemptEvent.Create(attemptId, AttemptEventKinds.LateSave, now, learnerId,
                $"截止后 {(now - deadline).TotalSeconds:0} 秒内到达的保存（宽限 {state.GraceSeconds} 秒）", me.Ip, me.UserAgent));
            await Db.SaveChangesAsync(ct);
        }
        if (status == SaveStatus.Locked)
        {
            // Locked or entered elsewhere since the cache read: say which, from the database.
            saveCache.Forget(attemptId);
            var fresh = await saveCache.GetAsync(() => Db, attemptId, fresh: true, ct);
            return fresh is { State: AttemptState.InProgress } && fresh.EntryId != request.Entry
                ? (409, "本场考试已在其他页面或设备上进入，此页面已失效", new SaveResult(false, "superseded", ExamAttempts.SecondsLeft(fresh, now)))
                : (409, "答卷已锁定，不能再修改", new SaveResult(false, "locked", 0));
        }
        return (200, null, new SaveResult(status == SaveStatus.Saved, status == SaveStatus.Saved ? "saved" : "stale", ExamAttempts.SecondsLeft(state, now)));
    }
}
