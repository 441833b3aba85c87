using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Makeup;
using TrainEval.Web.Modules.Exams.Review;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Platform.Archive;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Exams.Archive;

/// <summary>
/// ARC-01: sittings the learner was a candidate of, every attempt with its answers, the attempt's event log and practical
/// scores, post-exam reviews (corrections keep the original score), holds and cancellations, appeals and replies, and makeup
/// applications. All of it belongs to the project's evaluation institution.
/// </summary>
public sealed class ExamsArchive(AppDbContext db, IEnrollmentApi enrollment) : IArchiveContributor
{
    public string Key => "exams";
    public string Title => "考试与复核";
    public int Order => 60;

    public async Task<ArchiveSection> CollectAsync(ArchiveRequest request, CancellationToken ct)
    {
        var learnerId = request.LearnerId;
        var scope = await ArchiveProjectScope.ForAsync(enrollment, request, ct);
        var candidates = await db.Set<SittingCandidate>().AsNoTracking().Where(c => c.LearnerId == learnerId).ToListAsync(ct);
        var attempts = await db.Set<ExamAttempt>().AsNoTracking().Where(a => a.LearnerId == learnerId).ToListAsync(ct);
        var sittingIds = candidates.Select(c => c.SittingId).Concat(attempts.Select(a => a.SittingId)).Distinct().ToList();
        var sittings = (await db.Set<Sitting>().AsNoTracking().Where(s => sittingIds.Contains(s.Id)).ToListAsync(ct))
            .Where(s => scope.Evaluation(s.ProjectId)).ToDictionary(s => s.Id);
        candidates = [.. candidates.Where(c => sittings.ContainsKey(c.SittingId)).OrderBy(c => c.AddedAtUtc)];
        attempts = [.. attempts.Where(a => sittings.ContainsKey(a.SittingId)).OrderBy(a => a.CreatedAtUtc)];
        var makeups = (await db.Set<MakeupApplication>().AsNoTracking().Where(m => m.LearnerId == learnerId).ToListAsync(ct))
            .Where(m => scope.Evaluation(m.ProjectId)).OrderBy(m => m.AppliedAtUtc).ToList();
        if (candidates.Count == 0 && attempts.Count == 0 && makeups.Count == 0) return ArchiveSection.Empty;

        var attemptIds = attempts.Select(a => a.Id).ToList();
        var answers = (await db.Set<ExamAnswer>().AsNoTracking().Where(x => attemptIds.Contains(x.AttemptId)).ToListAsync(ct)).ToLookup(x => x.AttemptId);
        var attemptEvents = (await db.Set<AttemptEvent>().AsNoTracking().Where(x => attemptIds.Contains(x.AttemptId)).ToListAsync(ct)).ToLookup(x => x.AttemptId);
        var practical = (await db.Set<PracticalScore>().AsNoTracking().Where(x => attemptIds.Contains(x.AttemptId)).ToListAsync(ct)).ToLookup(x => x.AttemptId);
        var reviews = await db.Set<AttemptReview>().AsNoTracking().Where(x => attemptIds.Contains(x.AttemptId)).OrderBy(x => x.AtUtc).ToListAsync(ct);
        var appeals = await db.Set<ResultAppeal>().AsNoTracking().Where(x => attemptIds.Contains(x.AttemptId)).OrderBy(x => x.AtUtc).ToListAsync(ct);
        string Label(Guid sittingId) => sittings.TryGetValue(sittingId, out var s) ? $"{s.Batch} {s.Subject}" : "";

        var events = new List<ArchiveEvent>();
        var records = new List<ArchiveRecord>();
        foreach (var s in sittings.Values.OrderBy(s => s.StartsAtUtc))
            records.Add(ArchiveFields.Record("exam_sitting", s.Id, s, nameof(Sitting.PaperId), nameof(Sitting.RulesText)));
        foreach (var c in candidates)
        {
            records.Add(ArchiveFields.Record("exam_candidate", c.Id, c));
            events.Add(new(c.AddedAtUtc, "编入考试场次", $"{Label(c.SittingId)}，开考 {sittings[c.SittingId].StartsAtUtc.AddHours(8):yyyy-MM-dd HH:mm}"));
            if (c.RemovedAtUtc is { } removed) events.Add(new(removed, "移出考试场次", c.RemovedReason));
        }
        foreach (var a in attempts)
        {
            var fields = ArchiveFields.Of(a, nameof(ExamAttempt.LayoutJson));
            fields["SittingLabel"] = Label(a.SittingId);
            fields["ResultName"] = ExamText.ResultName(a.ResultState);
            fields["Answers"] = answers[a.Id].OrderBy(x => x.SavedAtUtc).Select(x => (object?)ArchiveFields.Of(x)).ToList();
            fields["PracticalScores"] = practical[a.Id].OrderBy(x => x.AtUtc).Select(x => (object?)ArchiveFields.Of(x)).ToList();
            fields["Events"] = attemptEvents[a.Id].OrderBy(x => x.AtUtc).Select(x => (object?)ArchiveFields.Of(x)).ToList();
            if (request.ForLearner && a.ResultState != ResultState.Published) Withhold(fields);
            records.Add(new("exam_attempt", a.Id.ToString(), fields));
            if (a.StartedAtUtc is { } started) events.Add(new(started, "开始作答", $"{Label(a.SittingId)} 第 {a.AttemptNo} 次"));
            if (a.SubmittedAtUtc is { } submitted)
                events.Add(new(submitted, "交卷", $"{Label(a.SittingId)}：{AttemptSubmitter.ModeLabel(a.SubmitMode)}"));
            if (a.ResultState == ResultState.Published && a.ResultChangedAtUtc is { } published)
                events.Add(new(published, "成绩发布", $"{Label(a.SittingId)}：{ExamText.ResultText(a)}"));
        }
        foreach (var r in reviews)
        {
            var review = ArchiveFields.Record("exam_review", r.Id, r);
            if (request.ForLearner && attempts.Single(a => a.Id == r.AttemptId).ResultState != ResultState.Published)
                review = review with { Fields = Withheld(review.Fields) };
            records.Add(review);
            var what = r.Outcome switch
            {
                ReviewOutcome.Confirm => "考后复核：确认成绩", ReviewOutcome.Correct => $"考后复核：更正成绩 {r.OriginalScore:0.##} → {r.CorrectedScore:0.##}",
                ReviewOutcome.Cancel => "考后复核：取消成绩", _ => "考后复核：暂缓发布",
            };
            events.Add(new(r.AtUtc, what, r.Reason));
        }
        foreach (var p in appeals)
        {
            records.Add(ArchiveFields.Record("exam_appeal", p.Id, p));
            events.Add(new(p.AtUtc, "成绩申诉", p.Text));
            if (p.RepliedAtUtc is { } replied) events.Add(new(replied, "申诉答复", p.Reply));
        }
        foreach (var m in makeups)
        {
            records.Add(ArchiveFields.Record("exam_makeup_application", m.Id, m));
            events.Add(new(m.AppliedAtUtc, "申请补考", $"{m.Subject}（{MakeupText.CaseName(m.Case)}）"));
            if (m.DecidedAtUtc is { } decided) events.Add(new(decided, $"补考申请{MakeupText.StatusName(m.Status)}", m.DecisionNote));
        }
        return new(events, records, []);
    }
    /// <summary>Score fields a learner may not see before the result is published (PER-02); the fact that they are held back stays.</summary>
    private static readonly string[] Unpublished = [nameof(ExamAttempt.Score), nameof(ExamAttempt.AutoScore), nameof(ExamAttempt.Passed), "PracticalScores",
        nameof(AttemptReview.OriginalScore), nameof(AttemptReview.CorrectedScore)];

    private static void Withhold(IDictionary<string, object?> fields)
    {
        foreach (var key in Unpublished)
            if (fields.ContainsKey(key)) fields[key] = "（成绩未发布）";
    }

    private static Dictionary<string, object?> Withheld(IReadOnlyDictionary<string, object?> fields)
    {
        var copy = fields.ToDictionary(f => f.Key, f => f.Value);
        Withhold(copy);
        return copy;
    }
}
