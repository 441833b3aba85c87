using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Exams.Review;

/// <summary>A row of the review queue: flagged attempts first (PER-01).</summary>
public sealed record ReviewRow(ExamAttempt Attempt, IReadOnlyList<string> Flags, AttemptReview? Latest, int Events);

/// <param name="PlatformCaused">For a cancellation: the platform caused the interruption (EXM-04), so the learner may apply for a makeup (MKP-01).</param>
/// <summary>One practical item of one attempt on the examiner's list.</summary>
public sealed record ScoringItem(Guid AttemptId, string AttemptCode, string SittingName, string Subject, DateTime StartsAtUtc, ExamQuestion Question,
    decimal MaxPoints, string? Answer, PracticalScore? Latest);

public sealed record DecisionInput(ReviewOutcome Outcome, string Reason, string Basis, string NextStep, decimal? CorrectedScore, bool PlatformCaused = false);

/// <summary>
/// Post-exam review (PER-01/02): the queue per sitting with the attempt's evidence (events; identity decisions and
/// commitments are linked from the page), decisions that publish, correct (original kept), cancel or hold a result,
/// examiners' practical scores, and appeals. Results reach the learner only when published.
/// </summary>
public sealed class ExamReview(AppDbContext db, TimeProvider clock, CurrentUser me, AuditLog audit, INotificationsApi notifications)
{
    private IQueryable<Sitting> Sittings()
    {
        var tenants = me.TenantIds.ToList();
        return db.Set<Sitting>().Where(s => tenants.Contains(s.EvaluationInstitutionId));
    }

    public async Task<(Sitting? Sitting, IReadOnlyList<ReviewRow> Rows)> QueueAsync(Guid sittingId, CancellationToken ct)
    {
        var sitting = await Sittings().AsNoTracking().SingleOrDefaultAsync(s => s.Id == sittingId, ct);
        if (sitting is null) return (null, []);
        var attempts = await db.Set<ExamAttempt>().AsNoTracking().Where(a => a.SittingId == sittingId).ToListAsync(ct);
        var ids = attempts.Select(a => a.Id).ToList();
        var events = await db.Set<AttemptEvent>().AsNoTracking().Where(e => ids.Contains(e.AttemptId)).ToListAsync(ct);
        var reviews = await db.Set<AttemptReview>().AsNoTracking().Where(r => ids.Contains(r.AttemptId)).ToListAsync(ct);
        var rows = attempts.Select(a =>
        {
            var ev = events.Where(e => e.AttemptId == a.Id).ToList();
            var flags = new List<string>();
            if (a.State == AttemptState.Ready) flags.Add("缺考");
            if (ev.Any(e => e.Kind == AttemptEventKinds.DeviceChanged)) flags.Add("更换设备或重新登录");
            if (ev.Count(e => e.Kind == AttemptEventKinds.Reentered) is var re and > 0) flags.Add($"重新进入 {re} 次");
            if (ev.Count(e => e.Kind == AttemptEventKinds.Hidden) is var h and >= 3) flags.Add($"离开页面 {h} 次");
            if (ev.Any(e => e.Kind == AttemptEventKinds.Offline)) flags.Add("网络中断");
            if (ev.Any(e => e.Kind == AttemptEventKinds.LateSave)) flags.Add("宽限期保存");
            if (a.SubmitMode == SubmitMode.Staff) flags.Add("考务收卷");
            if (a.State == AttemptState.Submitted && a.Score is null) flags.Add("实操待评分");
            return new ReviewRow(a, flags, reviews.Where(r => r.AttemptId == a.Id).MaxBy(r => r.AtUtc), ev.Count);
        }).OrderByDescending(r => r.Flags.Count > 0).ThenBy(r => r.Latest is not null).ThenBy(r => r.Attempt.CreatedAtUtc).ToList();
        return (sitting, rows);
    }

    public async Task<Outcome<bool>> DecideAsync(Guid attemptId, DecisionInput input, CancellationToken ct)
    {
        var sittings = Sittings().Select(s => s.Id);
        var attempt = await db.Set<ExamAttempt>().SingleOrDefaultAsync(a => a.Id == attemptId && sittings.Contains(a.SittingId), ct);
        if (attempt is null) return Outcome<bool>.Fail("", "答卷不存在", "exams.not_found");
        if (attempt.State != AttemptState.Submitted) return Outcome<bool>.Fail("", "答卷提交并锁定后才能复核");
        if (attempt.ResultState == ResultState.Cancelled) return Outcome<bool>.Fail("", "成绩已取消（违纪处理或重考），不能再复核发布");
        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > 1000) return Outcome<bool>.Fail("Reason", "请填写复核意见（1000 字以内）");
        if (input.Basis.Length > 1000 || input.NextStep.Length > 500) return Outcome<bool>.Fail("Basis", "依据或后续安排过长");
        if (input.Outcome is ReviewOutcome.Confirm or ReviewOutcome.Correct && attempt.Score is null)
            return Outcome<bool>.Fail("", "实操题尚未全部评分，不能发布成绩");
        var sitting = await db.Set<Sitting>().AsNoTracking().SingleAsync(s => s.Id == attempt.SittingId, ct);
        var paper = await db.Set<ExamPaper>().AsNoTracking().SingleAsync(p => p.Id == sitting.PaperId, ct);
        if (input.Outcome == ReviewOutcome.Correct && (input.CorrectedScore is not { } c || c < 0 || c > attempt.MaxScore))
            return Outcome<bool>.Fail("CorrectedScore", $"请填写更正后的分数（0–{attempt.MaxScore:0.##}）");
        var now = clock.GetUtcNow().UtcDateTime;
        var review = AttemptReview.Create(attempt.Id, input.Outcome, input.Reason.Trim(), input.Basis.Trim(), input.NextStep.Trim(), attempt.Score,
            input.Outcome == ReviewOutcome.Correct ? input.CorrectedScore : null, me.RequiredUserId, now);
        db.Set<AttemptReview>().Add(review);
        switch (input.Outcome)
        {
            case ReviewOutcome.Confirm:
                attempt.SetResult(ResultState.Published, input.Reason.Trim(), now);
                break;
            case ReviewOutcome.Correct:
                // The corrected score is published next to the original, which stays in the review record and the audit chain.
                attempt.SetTotal(input.CorrectedScore!.Value, input.CorrectedScore.Value >= paper.PassScore);
                attempt.SetResult(ResultState.Published, $"数据更正：{input.Reason.Trim()}", now);
                break;
            case ReviewOutcome.Cancel:
                attempt.SetResult(ResultState.Cancelled, input.Reason.Trim(), now, input.PlatformCaused ? CancelCause.Platform : CancelCause.Other);
                break;
            case ReviewOutcome.Hold:
                attempt.SetResult(ResultState.Held, input.Reason.Trim(), now);
                break;
        }
        db.Set<AttemptEvent>().Add(AttemptEvent.Create(attempt.Id, AttemptEventKinds.Reviewed, now, me.UserId, $"{AttemptReview.Label(input.Outcome)}：{input.Reason.Trim()}", me.Ip, me.UserAgent));
        var (title, body) = input.Outcome switch
        {
            ReviewOutcome.Confirm or ReviewOutcome.Correct => ("考试成绩已发布", $"“{sitting.Name}”成绩：{attempt.Score:0.##} 分（合格线 {paper.PassScore:0.##}），{(attempt.Passed == true ? "合格" : "不合格")}。"),
            ReviewOutcome.Cancel => ("考试成绩已取消", $"“{sitting.Name}”成绩经考后复核予以取消。原因：{input.Reason.Trim()}"),
            _ => ("考试成绩暂缓发布", $"“{sitting.Name}”成绩正在进一步核查，暂缓发布。原因：{input.Reason.Trim()}"),
        };
        notifications.Stage(attempt.LearnerId, title, body + (input.NextStep.Length > 0 ? $" 后续安排：{input.NextStep.Trim()}" : ""), $"/my/exams/{sitting.Id}");
        audit.Record("exams.attempt.reviewed", "ExamAttempt", attempt.Id.ToString(),
            new { outcome = input.Outcome.ToString(), input.Reason, input.Basis, original = review.OriginalScore, corrected = review.CorrectedScore }, sitting.EvaluationInstitutionId);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<bool>.Fail("", "答卷状态已变化，请刷新后重试"); }
        return Outcome<bool>.Success(true);
    }

    /// <summary>
    /// The examiner's work list: practical items of submitted attempts whose result is not yet published, in the
    /// examiner's institutions, oldest sitting first. Candidates are shown by an attempt code only (blind marking).
    /// </summary>
    public async Task<IReadOnlyList<ScoringItem>> ScoringQueueAsync(bool onlyUnscored, int max, CancellationToken ct)
    {
        var mine = Sittings().Select(s => s.Id);
        var attempts = await db.Set<ExamAttempt>().AsNoTracking()
            .Where(a => mine.Contains(a.SittingId) && a.State == AttemptState.Submitted && (a.ResultState == ResultState.Pending || a.ResultState == ResultState.Held))
            .OrderBy(a => a.SubmittedAtUtc).Take(max).ToListAsync(ct);
        var ids = attempts.Select(a => a.SittingId).Distinct().ToList();
        var sittings = await db.Set<Sitting>().AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Name, s.Subject, s.StartsAtUtc }).ToDictionaryAsync(s => s.Id, ct);
        var layouts = attempts.ToDictionary(a => a.Id, a => a.Layout());
        var questionIds = layouts.Values.SelectMany(l => l.Select(x => x.Q)).Distinct().ToList();
        var practical = await db.Set<ExamQuestion>().AsNoTracking().Where(q => questionIds.Contains(q.Id) && q.Kind == ExamQuestionKind.Practical).ToDictionaryAsync(q => q.Id, ct);
        var attemptIds = attempts.Select(a => a.Id).ToList();
        var practicalIds = practical.Keys.ToList();
        var answers = (await db.Set<ExamAnswer>().AsNoTracking().Where(a => attemptIds.Contains(a.AttemptId) && practicalIds.Contains(a.QuestionId)).ToListAsync(ct))
            .ToDictionary(a => (a.AttemptId, a.QuestionId), a => a.Answer);
        var scores = (await db.Set<PracticalScore>().AsNoTracking().Where(p => attemptIds.Contains(p.AttemptId)).ToListAsync(ct))
            .GroupBy(p => (p.AttemptId, p.QuestionId)).ToDictionary(g => g.Key, g => g.MaxBy(p => p.AtUtc)!);
        var items = new List<ScoringItem>();
        foreach (var a in attempts)
            foreach (var l in layouts[a.Id].Where(l => practical.ContainsKey(l.Q)))
            {
                var latest = scores.GetValueOrDefault((a.Id, l.Q));
                if (onlyUnscored && latest is not null) continue;
                var s = sittings[a.SittingId];
                items.Add(new ScoringItem(a.Id, AttemptCode(a.Id), s.Name, s.Subject, s.StartsAtUtc, practical[l.Q], l.P, answers.GetValueOrDefault((a.Id, l.Q)), latest));
            }
        return items;
    }

    /// <summary>A short code that names an attempt without naming the candidate.</summary>
    public static string AttemptCode(Guid attemptId) => attemptId.ToString("N")[^8..].ToUpperInvariant();

    /// <summary>Examiners score practical items from the stored answer; the total is set once every practical item is scored.</summary>
    public async Task<Outcome<bool>> ScorePracticalAsync(Guid attemptId, Guid questionId, decimal points, string note, CancellationToken ct)
    {
        var sittings = Sittings().Select(s => s.Id);
        var attempt = await db.Set<ExamAttempt>().SingleOrDefaultAsync(a => a.Id == attemptId && sittings.Contains(a.SittingId), ct);
        if (attempt is null) return Outcome<bool>.Fail("", "答卷不存在", "exams.not_found");
        if (attempt.State != AttemptState.Submitted) return Outcome<bool>.Fail("", "答卷提交后才能评分");
        if (attempt.ResultState is ResultState.Published or ResultState.Cancelled) return Outcome<bool>.Fail("", "成绩已发布或已取消，如需更正请走考后复核的数据更正");
        var item = attempt.Layout().FirstOrDefault(l => l.Q == questionId);
        var question = item is null ? null : await db.Set<ExamQuestion>().AsNoTracking().SingleAsync(q => q.Id == questionId, ct);
        if (item is null || question!.Kind != ExamQuestionKind.Practical) return Outcome<bool>.Fail("", "该题不是本答卷的实操题");
        if (points < 0 || points > item.P) return Outcome<bool>.Fail("Points", $"得分应在 0–{item.P:0.##} 之间");
        var now = clock.GetUtcNow().UtcDateTime;
        db.Set<PracticalScore>().Add(PracticalScore.Create(attemptId, questionId, points, note.Trim(), me.RequiredUserId, now));
        db.Set<AttemptEvent>().Add(AttemptEvent.Create(attemptId, AttemptEventKinds.PracticalScored, now, me.UserId, $"{points:0.##} 分 {note.Trim()}", me.Ip, me.UserAgent));
        // One query for the attempt's practical items; the new score overrides earlier ones of its question.
        var layoutIds = attempt.Layout().Select(l => l.Q).ToList();
        var practicalIds = await db.Set<ExamQuestion>().Where(q => layoutIds.Contains(q.Id) && q.Kind == ExamQuestionKind.Practical).Select(q => q.Id).ToListAsync(ct);
        var scores = (await db.Set<PracticalScore>().AsNoTracking().Where(p => p.AttemptId == attemptId).ToListAsync(ct))
            .GroupBy(p => p.QuestionId).ToDictionary(g => g.Key, g => g.MaxBy(p => p.AtUtc)!.Points);
        scores[questionId] = points;
        if (practicalIds.All(scores.ContainsKey))
        {
            var sitting = await db.Set<Sitting>().AsNoTracking().SingleAsync(s => s.Id == attempt.SittingId, ct);
            var pass = await db.Set<ExamPaper>().Where(p => p.Id == sitting.PaperId).Select(p => p.PassScore).SingleAsync(ct);
            var total = (attempt.AutoScore ?? 0) + practicalIds.Sum(id => scores[id]);
            attempt.SetTotal(total, total >= pass);
        }
        audit.Record("exams.practical.scored", "ExamAttempt", attemptId.ToString(), new { questionId, points, note });
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Success(true);
    }

    public async Task<Outcome<bool>> AppealAsync(Guid learnerId, Guid attemptId, string text, CancellationToken ct)
    {
        var attempt = await db.Set<ExamAttempt>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == attemptId && a.LearnerId == learnerId, ct);
        if (attempt is null) return Outcome<bool>.Fail("", "答卷不存在", "exams.not_found");
        if (attempt.ResultState is not (ResultState.Published or ResultState.Cancelled)) return Outcome<bool>.Fail("", "成绩发布后才能申诉");
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2000) return Outcome<bool>.Fail("AppealText", "请填写申诉理由（2000 字以内）");
        if (await db.Set<ResultAppeal>().CountAsync(a => a.AttemptId == attemptId && a.RepliedAtUtc == null, ct) > 0)
            return Outcome<bool>.Fail("", "您已有一条待处理的申诉，请等待答复");
        var now = clock.GetUtcNow().UtcDateTime;
        var appeal = ResultAppeal.Create(attemptId, learnerId, text.Trim(), now);
        db.Set<ResultAppeal>().Add(appeal);
        db.Set<AttemptEvent>().Add(AttemptEvent.Create(attemptId, AttemptEventKinds.Appealed, now, learnerId, text.Trim(), me.Ip, me.UserAgent));
        audit.Record("exams.result.appealed", "ExamAttempt", attemptId.ToString(), new { appeal = appeal.Id });
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Success(true);
    }

    public async Task<Outcome<bool>> ReplyAppealAsync(Guid appealId, string reply, CancellationToken ct)
    {
        var sittings = Sittings().Select(s => s.Id);
        var appeal = await db.Set<ResultAppeal>().SingleOrDefaultAsync(a => a.Id == appealId, ct);
        var attempt = appeal is null ? null : await db.Set<ExamAttempt>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == appeal.AttemptId && sittings.Contains(a.SittingId), ct);
        if (appeal is null || attempt is null) return Outcome<bool>.Fail("", "申诉不存在", "exams.not_found");
        if (appeal.RepliedAtUtc is not null) return Outcome<bool>.Fail("", "该申诉已答复");
        if (string.IsNullOrWhiteSpace(reply) || reply.Length > 2000) return Outcome<bool>.Fail("Reply", "请填写答复（2000 字以内）");
        appeal.Answer(reply.Trim(), me.RequiredUserId, clock.GetUtcNow().UtcDateTime);
        notifications.Stage(appeal.LearnerId, "成绩申诉已答复", reply.Trim(), $"/my/exams/{attempt.SittingId}");
        audit.Record("exams.appeal.replied", "ResultAppeal", appeal.Id.ToString(), new { reply });
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Success(true);
    }
}
