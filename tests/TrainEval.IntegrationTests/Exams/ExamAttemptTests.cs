using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Commitments;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Platform.Audit;
using static TrainEval.IntegrationTests.Exams.ExamFlow;

namespace TrainEval.IntegrationTests.Exams;

/// <summary>The attempt: entry gate, server timer, autosave, submission, interruptions (EC-01/02, EXM-02..05).</summary>
public sealed class ExamAttemptTests(ExamsFixture f) : IClassFixture<ExamsFixture>
{
    private TestApp App => f.App;

    /// <summary>A candidate of a sitting that has just opened, with attempts prepared, verified and signed.</summary>
    private async Task<(Candidate C, Guid Sitting, HttpClient Staff)> InsideAsync(string seq, int duration = 60, int windowMinutes = 120, int minSubmit = 30)
    {
        var c = await ReadyLearnerAsync(App, seq);
        var staff = await f.StaffAsync();
        var sitting = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(20), duration, windowMinutes, minSubmit: minSubmit);
        await AddAsync(staff, sitting, c);
        await PrepareAsync(staff, sitting);
        await VerifyAndSignAsync(f, c, sitting);
        App.Clock.Advance(TimeSpan.FromMinutes(21));
        return (c, sitting, staff);
    }

    [Fact]
    public async Task EC_02_door_lists_what_is_missing_and_opens_only_after_identity_and_commitment()
    {
        var c = await ReadyLearnerAsync(App, "951", signLearningCommitment: false);
        var staff = await f.StaffAsync();
        var sitting = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(30));
        await AddAsync(staff, sitting, c);
        await PrepareAsync(staff, sitting);

        var door = await c.Client.GetStringAsync($"/my/exams/{sitting}");
        Assert.Contains("签署学习承诺书", door);                           // LC missing (EC-02)
        var refused = await c.Client.PostFormAsync($"/my/exams/{sitting}", new Dictionary<string, string>(), "Enter");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("door-error", await refused.Content.ReadAsStringAsync());

        await SignFlow.SignWithCodeAsync(App, c.Client, c.LearnerId, $"/my/commitments/learning/{c.ProjectId}");
        door = await c.Client.GetStringAsync($"/my/exams/{sitting}");
        Assert.Contains("door-verify", door);                               // identity for this sitting comes next
        Assert.DoesNotContain("door-commitment\"", door);

        f.Verification.Pass(c.LearnerId, "exam", sitting);
        door = await c.Client.GetStringAsync($"/my/exams/{sitting}");
        Assert.Contains("door-commitment", door);
        await SignFlow.SignWithCodeAsync(App, c.Client, c.LearnerId, $"/my/commitments/exam/{sitting}");
        door = await c.Client.GetStringAsync($"/my/exams/{sitting}");
        Assert.Contains("door-waiting", door);                              // EXM-02: nothing before the start
        Assert.Equal(HttpStatusCode.OK, (await c.Client.PostFormAsync($"/my/exams/{sitting}", new Dictionary<string, string>(), "Enter")).StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<ExamAttempt>().CountAsync(a => a.SittingId == sitting && a.StartedAtUtc != null)));

        App.Clock.Advance(TimeSpan.FromMinutes(31));
        var entered = await EnterAsync(c, sitting);
        Assert.InRange(entered.SecondsLeft, 59 * 60, 60 * 60);
        var attempt = await AttemptAsync(App, entered.AttemptId);
        Assert.Equal(AttemptState.InProgress, attempt.State);
        Assert.Equal(attempt.StartedAtUtc!.Value.AddMinutes(60), attempt.DeadlineUtc);
    }

    [Fact]
    public async Task IDV_02_identity_pass_of_another_sitting_does_not_open_this_one()
    {
        var c = await ReadyLearnerAsync(App, "952");
        var staff = await f.StaffAsync();
        var first = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(30));
        var second = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(40), subject: "操作技能");
        await AddAsync(staff, first, c);
        await AddAsync(staff, second, c);
        await PrepareAsync(staff, second);
        f.Verification.Pass(c.LearnerId, "exam", first);
        Assert.Contains("door-verify", await c.Client.GetStringAsync($"/my/exams/{second}"));
        var ec = await c.Client.GetAsync($"/my/commitments/exam/{second}");
        Assert.DoesNotContain("name=\"Sha\"", await ec.Content.ReadAsStringAsync());   // no signing without this sitting's identity check
    }

    [Fact]
    public async Task EXM_02_deadline_is_capped_at_the_sitting_end_and_late_entry_is_refused()
    {
        var c = await ReadyLearnerAsync(App, "953");
        var late = await ReadyLearnerAsync(App, "954");
        var staff = await f.StaffAsync();
        var sitting = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(20), duration: 60, windowMinutes: 70);
        await AddAsync(staff, sitting, c, late);
        await PrepareAsync(staff, sitting);
        await VerifyAndSignAsync(f, c, sitting);
        await VerifyAndSignAsync(f, late, sitting);
        App.Clock.Advance(TimeSpan.FromMinutes(20 + 25));                 // 25 minutes into a 70-minute window
        var entered = await EnterAsync(c, sitting);
        var attempt = await AttemptAsync(App, entered.AttemptId);
        var end = await App.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Exams.Sittings.Sitting>().Where(s => s.Id == sitting).Select(s => s.EndsAtUtc).SingleAsync());
        Assert.Equal(end, attempt.DeadlineUtc);                            // 45 minutes left, not 60
        App.Clock.Advance(TimeSpan.FromMinutes(6));                        // past the 30-minute late-entry cut-off
        var refused = await late.Client.PostFormAsync($"/my/exams/{sitting}", new Dictionary<string, string>(), "Enter");
        Assert.Contains("迟到入场截止", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EXM_03_autosave_is_idempotent_and_the_highest_seq_wins()
    {
        var (c, sitting, _) = await InsideAsync("955");
        var e = await EnterAsync(c, sitting);
        var q = e.Questions.First(x => x.Kind == "single");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(c.Client, e, q.Question, 2, [1])).StatusCode);
        var stale = await SaveAsync(c.Client, e, q.Question, 1, [0]);      // reordered retry of an older save
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal("stale", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var again = await SaveAsync(c.Client, e, q.Question, 2, [1]);      // a retry of the same save
        Assert.Equal("stale", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var newer = await (await SaveAsync(c.Client, e, q.Question, 3, [2])).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("saved", newer.GetProperty("status").GetString());
        Assert.InRange(newer.GetProperty("secondsLeft").GetInt32(), 1, 3600);
        var stored = await App.WithDbAsync(db => db.Set<ExamAnswer>().SingleAsync(a => a.AttemptId == e.AttemptId && a.QuestionId == q.Question));
        var layout = (await AttemptAsync(App, e.AttemptId)).Layout().Single(l => l.Q == q.Question);
        Assert.Equal(3, stored.Seq);
        Assert.Equal(layout.O[2].ToString(), stored.Answer);               // displayed option 2 stored as its canonical index
    }

    [Fact]
    public async Task EXM_03_changes_made_on_another_node_win_over_this_nodes_cached_attempt()
    {
        var (c, sitting, _) = await InsideAsync("965");
        var e = await EnterAsync(c, sitting);
        var q = e.Questions.First(x => x.Kind == "single");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(c.Client, e, q.Question, 1, [0])).StatusCode);   // this node now caches the attempt

        // Another node lets the learner in again: a new entry this node has not heard of.
        var elsewhere = Guid.NewGuid();
        await App.WithDbAsync(db => db.Set<ExamAttempt>().Where(a => a.Id == e.AttemptId).ExecuteUpdateAsync(s => s.SetProperty(a => a.EntryId, elsewhere)));
        var old = await SaveAsync(c.Client, e, q.Question, 2, [1]);
        Assert.Equal(HttpStatusCode.Conflict, old.StatusCode);
        Assert.Equal("superseded", (await old.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(c.Client, e, q.Question, 3, [2], entry: elsewhere)).StatusCode);

        // Another node submits: the cached "in progress" must not let a save through.
        await App.WithDbAsync(db => db.Set<ExamAttempt>().Where(a => a.Id == e.AttemptId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AttemptState.Submitted).SetProperty(a => a.EntryId, (Guid?)null)));
        var late = await SaveAsync(c.Client, e, q.Question, 4, [3], entry: elsewhere);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("locked", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        var stored = await App.WithDbAsync(db => db.Set<ExamAnswer>().SingleAsync(a => a.AttemptId == e.AttemptId && a.QuestionId == q.Question));
        Assert.Equal(3, stored.Seq);
    }

    [Fact]
    public async Task EXM_03_bad_saves_are_refused_and_change_nothing()
    {
        var (c, sitting, _) = await InsideAsync("956");
        var other = await ReadyLearnerAsync(App, "957");
        var e = await EnterAsync(c, sitting);
        var single = e.Questions.First(x => x.Kind == "single");
        var multiple = e.Questions.First(x => x.Kind == "multiple");
        Assert.Equal(HttpStatusCode.BadRequest, (await SaveAsync(c.Client, e, Guid.NewGuid(), 1, [0])).StatusCode);            // not in the paper
        Assert.Equal(HttpStatusCode.BadRequest, (await SaveAsync(c.Client, e, single.Question, 1, [0, 1])).StatusCode);        // two choices on a single
        Assert.Equal(HttpStatusCode.BadRequest, (await SaveAsync(c.Client, e, multiple.Question, 1, [9])).StatusCode);         // no such option
        Assert.Equal(HttpStatusCode.BadRequest, (await SaveAsync(c.Client, e, single.Question, 0, [0])).StatusCode);           // seq must be positive
        Assert.Equal(HttpStatusCode.NotFound, (await SaveAsync(other.Client, e, single.Question, 1, [0])).StatusCode);         // another candidate's attempt
        Assert.Equal(HttpStatusCode.Conflict, (await SaveAsync(c.Client, e, single.Question, 1, [0], entry: Guid.NewGuid())).StatusCode);   // forged entry
        var malformed = await c.Client.PostAsync($"/api/v1/exams/attempts/{e.AttemptId}/answers", new StringContent("{\"seq\":\"x\"", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<ExamAnswer>().CountAsync(a => a.AttemptId == e.AttemptId)));
    }

    [Fact]
    public async Task EC_01_reload_is_a_reentry_that_needs_a_new_check_and_commitment()
    {
        var (c, sitting, _) = await InsideAsync("958");
        var first = await EnterAsync(c, sitting);
        var q = first.Questions[0];
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(c.Client, first, q.Question, 1, q.Kind == "practical" ? null : [0], q.Kind == "practical" ? "答" : null)).StatusCode);

        var reload = await c.Client.GetAsync($"/my/exams/{sitting}/attempt?entry={first.Entry}");
        Assert.Equal(HttpStatusCode.Redirect, reload.StatusCode);          // the page of an entry shows once
        var door = await c.Client.GetStringAsync($"/my/exams/{sitting}");
        Assert.Contains("door-verify", door);                               // the exam pass before the first entry no longer counts
        App.Clock.Advance(TimeSpan.FromSeconds(30));
        await VerifyAndSignAsync(f, c, sitting, context: "reentry");
        var second = await EnterAsync(c, sitting);
        Assert.Equal(first.AttemptId, second.AttemptId);
        Assert.NotEqual(first.Entry, second.Entry);
        Assert.Equal(HttpStatusCode.Conflict, (await SaveAsync(c.Client, first, q.Question, 2, [0])).StatusCode);   // the old page is superseded
        var events = await App.WithDbAsync(db => db.Set<AttemptEvent>().Where(x => x.AttemptId == first.AttemptId).Select(x => x.Kind).ToListAsync());
        Assert.Contains(AttemptEventKinds.Reentered, events);
        var attempt = await AttemptAsync(App, first.AttemptId);
        Assert.Equal(2, attempt.EntryCount);
        Assert.True(attempt.DeadlineUtc == attempt.StartedAtUtc!.Value.AddMinutes(60));   // re-entry does not restart the clock
    }

    [Fact]
    public async Task EXM_03_deadline_submits_lazily_and_by_the_job_and_locks_the_attempt()
    {
        var (a, sitting, _) = await InsideAsync("959", duration: 30, minSubmit: 10);
        var b = await ReadyLearnerAsync(App, "960");
        var staff = await f.StaffAsync();
        await AddAsync(staff, sitting, b);
        await VerifyAndSignAsync(f, b, sitting);
        var ea = await EnterAsync(a, sitting);
        var eb = await EnterAsync(b, sitting);
        var q = ea.Questions.First(x => x.Kind == "truefalse");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(a.Client, ea, q.Question, 1, [0])).StatusCode);

        App.Clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(20));   // past the deadline, inside the 60-second grace
        var late = await SaveAsync(a.Client, ea, q.Question, 2, [1]);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.True(await App.WithDbAsync(db => db.Set<ExamAnswer>().Where(x => x.AttemptId == ea.AttemptId && x.QuestionId == q.Question).Select(x => x.InGrace).SingleAsync()));

        App.Clock.Advance(TimeSpan.FromSeconds(60));
        var locked = await SaveAsync(a.Client, ea, q.Question, 3, [0]);    // a read after the grace closes the attempt lazily
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        var attemptA = await AttemptAsync(App, ea.AttemptId);
        Assert.Equal(AttemptState.Submitted, attemptA.State);
        Assert.Equal(SubmitMode.Deadline, attemptA.SubmitMode);
        Assert.Equal(attemptA.DeadlineUtc, attemptA.SubmittedAtUtc);       // stamped with the deadline

        Assert.Equal(AttemptState.InProgress, (await AttemptAsync(App, eb.AttemptId)).State);
        await RunJobAsync<CloseOverdueAttemptsJob>(App);
        var attemptB = await AttemptAsync(App, eb.AttemptId);
        Assert.Equal(AttemptState.Submitted, attemptB.State);
        Assert.Equal(SubmitMode.Deadline, attemptB.SubmitMode);
        Assert.Equal(0, attemptB.AutoScore);

        var stored = await App.WithDbAsync(db => db.Set<ExamAnswer>().SingleAsync(x => x.AttemptId == ea.AttemptId && x.QuestionId == q.Question));
        Assert.Equal(2, stored.Seq);                                       // the locked attempt kept its last accepted save
    }

    [Fact]
    public async Task EXM_05_score_comes_from_the_stored_answers_and_double_submit_returns_the_original()
    {
        var (c, sitting, _) = await InsideAsync("961", minSubmit: 10);
        var e = await EnterAsync(c, sitting);
        var attempt = await AttemptAsync(App, e.AttemptId);
        var layout = attempt.Layout();
        var ids = layout.Select(l => l.Q).ToList();
        var questions = await App.WithDbAsync(db => db.Set<ExamQuestion>().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id));
        decimal expected = 0;
        var n = 0;
        foreach (var l in layout)
        {
            var q = questions[l.Q];
            var key = q.AnswerKey.Split(',').Select(int.Parse).ToHashSet();
            var right = Enumerable.Range(0, l.O.Length).Where(d => key.Contains(l.O[d])).ToArray();
            var wrong = Enumerable.Range(0, l.O.Length).Where(d => !key.Contains(l.O[d])).Take(1).ToArray();
            var give = n++ % 3 == 0 ? wrong : right;                        // every third answer wrong
            if (give == right) expected += l.P;
            Assert.Equal(HttpStatusCode.OK, (await SaveAsync(c.Client, e, l.Q, 1, give)).StatusCode);
        }
        var early = await SubmitAsync(c.Client, e);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);             // before the early-submission minimum
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        var submitted = await SubmitAsync(c.Client, e);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var again = await SubmitAsync(c.Client, e);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var done = await AttemptAsync(App, e.AttemptId);
        Assert.Equal(expected, done.AutoScore);
        Assert.Equal(expected, done.Score);
        Assert.Equal(SubmitMode.Learner, done.SubmitMode);
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<AttemptEvent>().CountAsync(x => x.AttemptId == e.AttemptId && x.Kind == AttemptEventKinds.Submitted)));
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(x => x.Action == "exams.attempt.submitted" && x.SubjectId == e.AttemptId.ToString())));
        Assert.Equal(HttpStatusCode.Conflict, (await SaveAsync(c.Client, e, layout[0].Q, 5, [0])).StatusCode);
    }

    [Fact]
    public async Task EXM_03_autosave_and_submit_race_never_change_a_locked_attempt()
    {
        var (c, sitting, _) = await InsideAsync("962", minSubmit: 0);
        var e = await EnterAsync(c, sitting);
        var objective = e.Questions.Where(q => q.Kind != "practical").ToList();
        var saves = Enumerable.Range(1, 40).Select(i => (Q: objective[i % objective.Count], Seq: (long)(i / objective.Count + 1)))
            .Select(async x => (x.Q.Question, x.Seq, Response: await SaveAsync(c.Client, e, x.Q.Question, x.Seq, [0]))).ToList();
        var submit = SubmitAsync(c.Client, e);
        var results = await Task.WhenAll(saves);
        Assert.Equal(HttpStatusCode.OK, (await submit).StatusCode);
        var stored = await App.WithDbAsync(db => db.Set<ExamAnswer>().Where(a => a.AttemptId == e.AttemptId).ToDictionaryAsync(a => a.QuestionId, a => a.Seq));
        foreach (var (question, seq, response) in results)
        {
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var status = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
                if (status == "saved") Assert.True(stored[question] >= seq);   // every acknowledged save is durable
                else Assert.True(status == "stale" && stored[question] > seq); // overtaken by a newer save of the same question
            }
            else
                Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);     // the rest were refused as locked
        }
        var after = await SaveAsync(c.Client, e, objective[0].Question, 99, [1]);
        Assert.Equal(HttpStatusCode.Conflict, after.StatusCode);
        var final = await App.WithDbAsync(db => db.Set<ExamAnswer>().Where(a => a.AttemptId == e.AttemptId).ToDictionaryAsync(a => a.QuestionId, a => a.Seq));
        Assert.Equal(stored, final);
    }

    [Fact]
    public async Task EXM_04_staff_collect_extra_time_and_resit_are_marked_and_recorded()
    {
        var (c, sitting, staff) = await InsideAsync("963");
        var e = await EnterAsync(c, sitting);
        var before = (await AttemptAsync(App, e.AttemptId)).DeadlineUtc!.Value;
        var extra = await staff.PostFormAsync($"/workbench/exams/sittings/{sitting}", new Dictionary<string, string>
            { ["AttemptId"] = e.AttemptId.ToString(), ["Minutes"] = "15", ["Reason"] = "平台服务器故障中断 12 分钟" }, "Extra");
        Assert.Equal(HttpStatusCode.Redirect, extra.StatusCode);
        var attempt = await AttemptAsync(App, e.AttemptId);
        Assert.Equal(before.AddMinutes(15), attempt.DeadlineUtc);
        Assert.Equal(900, attempt.ExtraSeconds);

        var noReason = await staff.PostFormAsync($"/workbench/exams/sittings/{sitting}", new Dictionary<string, string> { ["AttemptId"] = e.AttemptId.ToString(), ["Reason"] = "" }, "Collect");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal(AttemptState.InProgress, (await AttemptAsync(App, e.AttemptId)).State);
        var collect = await staff.PostFormAsync($"/workbench/exams/sittings/{sitting}", new Dictionary<string, string> { ["AttemptId"] = e.AttemptId.ToString(), ["Reason"] = "考生设备故障，现场收卷" }, "Collect");
        Assert.Equal(HttpStatusCode.Redirect, collect.StatusCode);
        Assert.Equal(SubmitMode.Staff, (await AttemptAsync(App, e.AttemptId)).SubmitMode);

        var resit = await staff.PostFormAsync($"/workbench/exams/sittings/{sitting}", new Dictionary<string, string> { ["AttemptId"] = e.AttemptId.ToString(), ["Reason"] = "平台故障导致作答中断" }, "Resit");
        Assert.Equal(HttpStatusCode.Redirect, resit.StatusCode);
        var attempts = await App.WithDbAsync(db => db.Set<ExamAttempt>().Where(a => a.SittingId == sitting && a.LearnerId == c.LearnerId).OrderBy(a => a.AttemptNo).ToListAsync());
        Assert.Equal([1, 2], attempts.Select(a => a.AttemptNo));
        Assert.Equal(ResultState.Cancelled, attempts[0].ResultState);       // the first stays, marked
        Assert.Equal(AttemptState.Ready, attempts[1].State);
        var twice = await staff.PostFormAsync($"/workbench/exams/sittings/{sitting}", new Dictionary<string, string> { ["AttemptId"] = e.AttemptId.ToString(), ["Reason"] = "再次" }, "Resit");
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal(2, await App.WithDbAsync(db => db.Set<ExamAttempt>().CountAsync(a => a.SittingId == sitting && a.LearnerId == c.LearnerId)));

        // The re-sit needs a new check and commitment (a re-entry) and runs on its own clock.
        App.Clock.Advance(TimeSpan.FromSeconds(10));
        await VerifyAndSignAsync(f, c, sitting, context: "reentry");
        var second = await EnterAsync(c, sitting);
        Assert.Equal(attempts[1].Id, second.AttemptId);
    }

    [Fact]
    public async Task EXM_02_page_events_are_logged_and_unknown_ones_refused()
    {
        var (c, sitting, _) = await InsideAsync("964");
        var e = await EnterAsync(c, sitting);
        Assert.Equal(HttpStatusCode.NoContent, (await c.Client.PostAsJsonAsync($"/api/v1/exams/attempts/{e.AttemptId}/events", new { entry = e.Entry, kind = "page_hidden" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await c.Client.PostAsJsonAsync($"/api/v1/exams/attempts/{e.AttemptId}/events", new { entry = e.Entry, kind = "offline" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await c.Client.PostAsJsonAsync($"/api/v1/exams/attempts/{e.AttemptId}/events", new { entry = e.Entry, kind = "submitted" })).StatusCode);
        var kinds = await App.WithDbAsync(db => db.Set<AttemptEvent>().Where(x => x.AttemptId == e.AttemptId).Select(x => x.Kind).ToListAsync());
        Assert.Contains("page_hidden", kinds);
        Assert.Contains("offline", kinds);
        Assert.DoesNotContain("submitted", kinds);
        var time = await c.Client.GetFromJsonAsync<JsonElement>($"/api/v1/exams/attempts/{e.AttemptId}/time");
        Assert.InRange(time.GetProperty("secondsLeft").GetInt32(), 1, 3600);
    }
}
