using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using TrainEval.Web.Modules.Commitments.Public;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Exams.Public;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Modules.Journey.Public;
using TrainEval.Web.Modules.Verification.Public;
using TrainEval.Web.Modules.Violations.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Exams.Attempts;

/// <summary>Where a learner stands at the door of a sitting.</summary>
public enum EntryStage { NotCandidate, Missing, NeedsIdentity, NeedsCommitment, Waiting, CanEnter, InProgress, Submitted, Closed }

public sealed record EntryView(Sitting Sitting, ExamAttempt? Attempt, EntryRequirement? Requirement, EntryStage Stage, IReadOnlyList<string> Missing,
    bool IdentityPassed, bool CommitmentSigned);

/// <summary>One question of the attempt page, in the candidate's order, with the saved answer in displayed positions.</summary>
public sealed record AttemptQuestion(int No, Guid QuestionId, ExamQuestionKind Kind, string Stem, IReadOnlyList<string> Options, decimal Points,
    IReadOnlyList<int> Chosen, string Text, long Seq);

public sealed record AttemptPage(Sitting Sitting, ExamAttempt Attempt, Guid EntryId, IReadOnlyList<AttemptQuestion> Questions, int SecondsLeft,
    int SaveStopSeconds, int MinSubmitSecondsLeft);

public sealed record SaveRequest(Guid Entry, Guid QuestionId, long Seq, int[]? Choices, string? Text);

public sealed record SaveResult(bool Saved, string Status, int SecondsLeft);

/// <summary>
/// The attempt workflow (EXM-02..04): the entry gate (EC-02, identity and exam commitment for this sitting, re-entry),
/// starting with a stored deadline, the page, events, submission through the group-commit writer and the lazy close of
/// overdue attempts (autosave is <see cref="AttemptAutosave"/>). The server is the clock; the page only shows what it is told.
/// </summary>
public sealed class ExamAttempts(AppDbContext db, TimeProvider clock, IJourneyApi journey, IBansApi bans, IVerificationApi verification,
    ICommitmentsApi commitments, AnswerWriter writer, AttemptSaveCache saveCache, CurrentUser me, Platform.Audit.AuditLog audit,
    IMemoryCache cache) : IExamEntryApi
{
    /// <summary>What the attempt page shows of a question. Questions are never edited (a change is a new question), so it is cached.</summary>
    private sealed record ShownQuestion(ExamQuestionKind Kind, string Stem, IReadOnlyList<string> Options);

    /// <summary>Identity checks and commitments for a first entry count from this long before the start.</summary>
    public static readonly TimeSpan PreCheckLead = TimeSpan.FromMinutes(60);
    /// <summary>Autosave stops this long before the deadline so it cannot race the final submission (2 × the page's interval).</summary>
    public const int SaveStopSeconds = 10;

    public async Task<EntryRequirement?> GetEntryRequirementAsync(Guid learnerId, Guid sittingId, CancellationToken ct)
    {
        var sitting = await db.Set<Sitting>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == sittingId, ct);
        if (sitting is null) return null;
        var candidate = await db.Set<SittingCandidate>().AsNoTracking()
            .AnyAsync(c => c.SittingId == sittingId && c.LearnerId == learnerId && c.RemovedAtUtc == null, ct);
        if (!candidate) return null;
        var attempt = await LatestAttemptAsync(learnerId, sittingId, tracked: false, ct);
        return await RequirementAsync(learnerId, sitting, attempt, ct);
    }

    private async Task<EntryRequirement> RequirementAsync(Guid learnerId, Sitting sitting, ExamAttempt? attempt, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var missing = new List<string>();
        var before = await journey.MissingBeforeAsync(learnerId, sitting.ProjectId, "identity", ct);
        missing.AddRange(before);
        if (await bans.ActiveBanAsync(learnerId, now, ct) is { } ban)
            missing.Add($"因违纪被禁考至 {ban.EndsAtUtc.AddHours(8):yyyy-MM-dd}：{ban.Reason}");
        if (sitting.CancelledAtUtc is not null) missing.Add($"本场次已取消：{sitting.CancelReason}");
        else if (now < sitting.StartsAtUtc - PreCheckLead) missing.Add($"考前身份核验与考试承诺书在开考前 {PreCheckLead.TotalMinutes:0} 分钟开放（开考时间 {Cst(sitting.StartsAtUtc)}）");
        else if (attempt is null) missing.Add("考务人员尚未生成本场次的试卷，请稍后再试");
        else if (attempt.State == AttemptState.Submitted) missing.Add("本场次已交卷");
        else if (sitting.HasEnded(now) || attempt.DeadlineUtc is { } d && now >= d) missing.Add("本场次考试时间已结束");
        else if (attempt.State == AttemptState.Ready && now >= sitting.LateEntryUntilUtc) missing.Add($"已超过迟到入场截止时间（开考后 {sitting.LateEntryMinutes} 分钟）");
        // A re-entry (after any earlier entry) and a re-sit (a new attempt after a platform-caused interruption) each need
        // a new identity check and a new exam commitment made after the last entry or after the re-sit was granted (EC-01).
        var reentry = attempt is { EntryCount: > 0, LastEntryAtUtc: not null } or { AttemptNo: > 1 };
        var since = attempt?.LastEntryAtUtc ?? (attempt is { AttemptNo: > 1 } ? attempt.CreatedAtUtc : sitting.StartsAtUtc - PreCheckLead);
        return new EntryRequirement(sitting.Id, sitting.ProjectId, reentry ? "reentry" : sitting.IsMakeup ? "makeup" : "exam", since, missing);
    }

    public Task<EntryView?> ViewAsync(Guid learnerId, Guid sittingId, CancellationToken ct) => ViewAsync(learnerId, sittingId, trackAttempt: false, ct);

    /// <param name="trackAttempt">Read the attempt tracked, for a caller that changes it (the Enter POST): one read, not two.</param>
    private async Task<EntryView?> ViewAsync(Guid learnerId, Guid sittingId, bool trackAttempt, CancellationToken ct)
    {
        var sitting = await db.Set<Sitting>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == sittingId, ct);
        if (sitting is null) return null;
        var candidate = await db.Set<SittingCandidate>().AsNoTracking()
            .AnyAsync(c => c.SittingId == sittingId && c.LearnerId == learnerId && c.RemovedAtUtc == null, ct);
        if (!candidate) return new EntryView(sitting, null, null, EntryStage.NotCandidate, ["您不是本场次的考生"], false, false);
        var attempt = await CloseIfOverdueAsync(await LatestAttemptAsync(learnerId, sittingId, trackAttempt, ct), sitting.GraceSeconds, ct);
        if (attempt is { State: AttemptState.Submitted }) return new EntryView(sitting, attempt, null, EntryStage.Submitted, [], true, true);
        var req = await RequirementAsync(learnerId, sitting, attempt, ct);
        if (req.Missing.Count > 0)
            return new EntryView(sitting, attempt, req, attempt?.State == AttemptState.Ready && sitting.HasEnded(clock.GetUtcNow().UtcDateTime) ? EntryStage.Closed : EntryStage.Missing, req.Missing, false, false);
        var passed = await verification.HasPassedAsync(learnerId, req.CheckContext, sitting.ProjectId, sitting.Id.ToString(), req.SinceUtc, ct);
        var signed = passed && await commitments.HasValidExamCommitmentAsync(learnerId, sitting.Id, req.SinceUtc, ct);
        var stage = !passed ? EntryStage.NeedsIdentity : !signed ? EntryStage.NeedsCommitment
            : clock.GetUtcNow().UtcDateTime < sitting.StartsAtUtc ? EntryStage.Waiting : EntryStage.CanEnter;
        return new EntryView(sitting, attempt, req, stage, [], passed, signed);
    }

    /// <summary>Passes the gate: starts the attempt on the first entry (deadline stored, capped at the sitting end) and issues a new entry.</summary>
    public async Task<Outcome<Guid>> EnterAsync(Guid learnerId, Guid sittingId, CancellationToken ct)
    {
        var view = await ViewAsync(learnerId, sittingId, trackAttempt: true, ct);
        if (view is null || view.Stage == EntryStage.NotCandidate) return Outcome<Guid>.Fail("", "您不是本场次的考生", "exams.not_candidate");
        if (view.Stage != EntryStage.CanEnter)
            return Outcome<Guid>.Fail("", view.Stage switch
            {
                EntryStage.NeedsIdentity => "请先完成本场次的人脸身份核验",
                EntryStage.NeedsCommitment => "请先签署本场次考试承诺书",
                EntryStage.Waiting => $"考试尚未开始，开考时间 {Cst(view.Sitting.StartsAtUtc)}",
                EntryStage.Submitted => "本场次已交卷",
                _ => string.Join("；", view.Missing),
            }, "exams.entry_closed");
        var now = clock.GetUtcNow().UtcDateTime;
        var attempt = view.Attempt!;   // tracked, read by the gate above
        var first = attempt.State == AttemptState.Ready;
        if (first)
        {
            var deadline = Min(now.AddMinutes(view.Sitting.DurationMinutes), view.Sitting.EndsAtUtc);
            attempt.Start(now, deadline);
            db.Set<AttemptEvent>().Add(AttemptEvent.Create(attempt.Id, AttemptEventKinds.Started, now, learnerId, $"截止时间 {Cst(deadline)}", me.Ip, me.UserAgent));
        }
        else
        {
            var previous = await db.Set<AttemptEvent>().AsNoTracking()
                .Where(e => e.AttemptId == attempt.Id && (e.Kind == AttemptEventKinds.Entered || e.Kind == AttemptEventKinds.Reentered))
                .OrderByDescending(e => e.AtUtc).FirstOrDefaultAsync(ct);
            if (previous is not null && (previous.Ip != me.Ip || previous.Device != Trim(me.UserAgent)))
                db.Set<AttemptEvent>().Add(AttemptEvent.Create(attempt.Id, AttemptEventKinds.DeviceChanged, now, learnerId,
                    $"上次 {previous.Ip} {previous.Device}", me.Ip, me.UserAgent));
        }
        var entry = attempt.Enter(now);
        db.Set<AttemptEvent>().Add(AttemptEvent.Create(attempt.Id, first ? AttemptEventKinds.Entered : AttemptEventKinds.Reentered, now, learnerId,
            first ? "身份核验通过并签署考试承诺书后进入" : $"第 {attempt.EntryCount} 次进入：重新核验身份并签署考试承诺书", me.Ip, me.UserAgent));
        audit.Record(first ? "exams.attempt.started" : "exams.attempt.reentered", "ExamAttempt", attempt.Id.ToString(),
            new { attempt.SittingId, attempt.DeadlineUtc, attempt.EntryCount }, view.Sitting.EvaluationInstitutionId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Guid>.Fail("", "考试状态已变化（可能在其他页面进入了考试），请刷新后重试", "exams.concurrent_entry");
        }
        saveCache.Forget(attempt.Id);
        return Outcome<Guid>.Success(entry);
    }

    /// <summary>
    /// The attempt page for an entry. It can be shown once per entry: showing it again (reload, another tab) is a
    /// re-entry and needs a new identity check and commitment (EC-01) — the caller then sends the learner to the door.
    /// </summary>
    public async Task<AttemptPage?> OpenPageAsync(Guid learnerId, Guid sittingId, Guid entryId, CancellationToken ct)
    {
        var readAt = clock.GetTimestamp();
        var attempt = await LatestAttemptAsync(learnerId, sittingId, tracked: true, ct);
        if (attempt is null || attempt.EntryId != entryId || attempt.State != AttemptState.InProgress) return null;
        var sitting = await db.Set<Sitting>().AsNoTracking().SingleAsync(s => s.Id == sittingId, ct);
        if (await CloseIfOverdueAsync(attempt, sitting.GraceSeconds, ct) is { State: AttemptState.Submitted }) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (attempt.EntryOpenedAtUtc is not null) return null;
        attempt.OpenEntry(now);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return null; }
        var layout = attempt.Layout();
        var page = await PageAsync(sitting, attempt, layout, entryId, now, ct);
        // The page has just read everything an autosave checks: the first save of this entry reads nothing.
        saveCache.Remember(new AttemptSaveState(attempt.Id, attempt.LearnerId, attempt.SittingId, attempt.State, attempt.EntryId, attempt.DeadlineUtc,
            attempt.StartedAtUtc, sitting.GraceSeconds, layout.Select((l, i) => (l, page.Questions[i].Kind)).ToDictionary(x => x.l.Q, x => (x.l, x.Kind))), readAt);
        return page;
    }

    private async Task<AttemptPage> PageAsync(Sitting sitting, ExamAttempt attempt, IReadOnlyList<LayoutItem> layout, Guid entryId, DateTime now, CancellationToken ct)
    {
        var questions = new Dictionary<Guid, ShownQuestion>(layout.Count);
        foreach (var l in layout)
            if (cache.TryGetValue(("exam-question", l.Q), out ShownQuestion? shown)) questions[l.Q] = shown!;
        var missing = layout.Select(l => l.Q).Where(id => !questions.ContainsKey(id)).ToList();
        if (missing.Count > 0)
            foreach (var q in await db.Set<ExamQuestion>().AsNoTracking().Where(q => missing.Contains(q.Id)).ToListAsync(ct))
            {
                var shown = new ShownQuestion(q.Kind, q.Stem, q.Options());
                questions[q.Id] = shown;
                cache.Set(("exam-question", q.Id), shown, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(3), Size = 1 });
            }
        var answers = await db.Set<ExamAnswer>().AsNoTracking().Where(a => a.AttemptId == attempt.Id).ToDictionaryAsync(a => a.QuestionId, ct);
        var items = layout.Select((l, i) =>
        {
            var q = questions[l.Q];
            var options = q.Options;
            var saved = answers.GetValueOrDefault(l.Q);
            var practical = q.Kind == ExamQuestionKind.Practical;
            return new AttemptQuestion(i + 1, l.Q, q.Kind, q.Stem, [.. l.O.Select(o => options[o])], l.P,
                practical || saved is null ? [] : Scoring.ToDisplayed(l, saved.Answer), practical ? saved?.Answer ?? "" : "", saved?.Seq ?? 0);
        }).ToList();
        var minSubmitAt = attempt.StartedAtUtc!.Value.AddMinutes(sitting.MinSubmitMinutes);
        return new AttemptPage(sitting, attempt, entryId, items, SecondsLeft(attempt, now), SaveStopSeconds, Math.Max(0, (int)Math.Ceiling((minSubmitAt - now).TotalSeconds)));
    }

    /// <summary>Events the page reports (leaving the page, network loss); anything else is refused.</summary>
    public async Task<int> RecordClientEventAsync(Guid learnerId, Guid attemptId, Guid entry, string kind, CancellationToken ct)
    {
        if (!AttemptEventKinds.FromClient.Contains(kind)) return 400;
        var attempt = await db.Set<ExamAttempt>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == attemptId && a.LearnerId == learnerId, ct);
        if (attempt is null) return 404;
        if (attempt.State != AttemptState.InProgress || attempt.EntryId != entry) return 409;
        db.Set<AttemptEvent>().Add(AttemptEvent.Create(attemptId, kind, clock.GetUtcNow().UtcDateTime, learnerId, "", me.Ip, me.UserAgent));
        await db.SaveChangesAsync(ct);
        return 204;
    }

    /// <summary>The learner submits (after the early-submission minimum); a repeated submit returns the stored result.</summary>
    public async Task<Outcome<ExamAttempt>> SubmitAsync(Guid learnerId, Guid attemptId, Guid entry, CancellationToken ct)
    {
        var attempt = await db.Set<ExamAttempt>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == attemptId && a.LearnerId == learnerId, ct);
        if (attempt is null) return Outcome<ExamAttempt>.Fail("", "答卷不存在", "exams.not_found");
        if (attempt.State == AttemptState.Submitted) return Outcome<ExamAttempt>.Success(attempt);
        if (attempt.State != AttemptState.InProgress) return Outcome<ExamAttempt>.Fail("", "尚未开始作答", "exams.not_started");
        if (attempt.EntryId != entry) return Outcome<ExamAttempt>.Fail("", "本场考试已在其他页面或设备上进入，此页面已失效", "exams.superseded");
        var sitting = await db.Set<Sitting>().AsNoTracking().SingleAsync(s => s.Id == attempt.SittingId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var earliest = attempt.StartedAtUtc!.Value.AddMinutes(sitting.MinSubmitMinutes);
        if (now < earliest && now < attempt.DeadlineUtc)
            return Outcome<ExamAttempt>.Fail("", $"开始作答 {sitting.MinSubmitMinutes} 分钟后方可交卷（{Cst(earliest)} 起）", "exams.too_early");
        var mode = now >= attempt.DeadlineUtc ? SubmitMode.Deadline : SubmitMode.Learner;
        var done = await writer.SubmitAsync(new SubmitCommand(attempt.Id, mode, learnerId, me.DisplayName, me.PrimaryRole), ct);
        return Outcome<ExamAttempt>.Success(done!);
    }

    /// <summary>Lazy close on read (edX style): an attempt past its deadline and grace is submitted by the deadline.</summary>
    public Task<ExamAttempt?> CloseIfOverdueAsync(ExamAttempt? attempt, CancellationToken ct) => CloseIfOverdueAsync(attempt, null, ct);

    private async Task<ExamAttempt?> CloseIfOverdueAsync(ExamAttempt? attempt, int? graceSeconds, CancellationToken ct)
    {
        if (attempt is not { State: AttemptState.InProgress, DeadlineUtc: { } deadline }) return attempt;
        var grace = graceSeconds ?? await db.Set<Sitting>().Where(s => s.Id == attempt.SittingId).Select(s => s.GraceSeconds).SingleAsync(ct);
        if (clock.GetUtcNow().UtcDateTime < deadline.AddSeconds(grace)) return attempt;
        var done = await writer.SubmitAsync(new SubmitCommand(attempt.Id, SubmitMode.Deadline, null, "system", "system"), ct);
        await db.Entry(attempt).ReloadAsync(ct);
        return done;
    }

    public async Task<int> TimeLeftAsync(Guid learnerId, Guid attemptId, CancellationToken ct)
    {
        var attempt = await db.Set<ExamAttempt>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == attemptId && a.LearnerId == learnerId, ct);
        return attempt is null ? -1 : SecondsLeft(attempt, clock.GetUtcNow().UtcDateTime);
    }

    private Task<ExamAttempt?> LatestAttemptAsync(Guid learnerId, Guid sittingId, bool tracked, CancellationToken ct)
    {
        var q = db.Set<ExamAttempt>().Where(a => a.SittingId == sittingId && a.LearnerId == learnerId).OrderByDescending(a => a.AttemptNo);
        return (tracked ? q : q.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    public static int SecondsLeft(ExamAttempt a, DateTime now) => SecondsLeft(a.State, a.DeadlineUtc, now);

    internal static int SecondsLeft(AttemptSaveState a, DateTime now) => SecondsLeft(a.State, a.DeadlineUtc, now);

    private static int SecondsLeft(AttemptState state, DateTime? deadline, DateTime now)
        => state != AttemptState.InProgress || deadline is not { } d ? 0 : Math.Max(0, (int)Math.Floor((d - now).TotalSeconds));

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
    private static string? Trim(string? device) => device is { Length: > 200 } ? device[..200] : device;
    public static string Cst(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm");
}
