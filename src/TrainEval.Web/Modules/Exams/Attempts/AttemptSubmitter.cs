using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Exams.Attempts;

/// <summary>
/// Locks an attempt and scores it from its stored answers (EXM-03, EXM-05). Runs inside the answer writer's transaction,
/// after every save queued before it; a second submission returns the stored result unchanged.
/// </summary>
public sealed class AttemptSubmitter(AuditLog audit)
{
    public async Task<ExamAttempt?> SubmitInTransactionAsync(AppDbContext db, SubmitCommand c, DateTime nowUtc, CancellationToken ct)
    {
        var attempt = await db.Set<ExamAttempt>().SingleOrDefaultAsync(a => a.Id == c.AttemptId, ct);
        if (attempt is null || attempt.State == AttemptState.Submitted) return attempt;
        if (attempt.State == AttemptState.Ready) return attempt;   // never started: absent (缺考), nothing to submit
        var sitting = await db.Set<Sitting>().AsNoTracking().SingleAsync(s => s.Id == attempt.SittingId, ct);
        var paper = await db.Set<ExamPaper>().AsNoTracking().SingleAsync(p => p.Id == sitting.PaperId, ct);
        var layout = attempt.Layout();
        var ids = layout.Select(l => l.Q).ToList();
        var questions = await db.Set<ExamQuestion>().AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var answers = await db.Set<ExamAnswer>().AsNoTracking().Where(a => a.AttemptId == attempt.Id).ToDictionaryAsync(a => a.QuestionId, a => a.Answer, ct);
        var objective = Scoring.Objective(layout, questions, answers);
        var hasPractical = layout.Any(l => questions[l.Q].Kind == ExamQuestionKind.Practical);
        decimal? total = hasPractical ? null : objective;
        // A submission by the deadline job is stamped with the deadline, not with when the job ran.
        var at = c.Mode == SubmitMode.Deadline && attempt.DeadlineUtc is { } d && d < nowUtc ? d : nowUtc;
        attempt.Submit(c.Mode, c.ActorId, at, objective, total, total is { } t ? t >= paper.PassScore : null);
        db.Set<AttemptEvent>().Add(AttemptEvent.Create(attempt.Id, AttemptEventKinds.Submitted, nowUtc, c.ActorId,
            $"{ModeLabel(c.Mode)}；已作答 {answers.Count(a => a.Value.Length > 0)}/{layout.Count} 题；客观题得分 {objective:0.##}", null, null));
        audit.RecordAs(c.ActorId, c.ActorName, c.ActorRole, sitting.EvaluationInstitutionId, "exams.attempt.submitted", "ExamAttempt", attempt.Id.ToString(),
            new { attempt.SittingId, attempt.LearnerId, mode = c.Mode.ToString(), objective, answered = answers.Count, at });
        await db.SaveChangesAsync(ct);
        return attempt;
    }

    public static string ModeLabel(SubmitMode? m) => m switch
    {
        SubmitMode.Learner => "考生交卷", SubmitMode.Deadline => "到时自动交卷", SubmitMode.Staff => "考务人员收卷", _ => "未交卷",
    };
}
