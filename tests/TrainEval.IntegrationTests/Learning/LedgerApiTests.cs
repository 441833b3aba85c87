using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Tracking;
using static TrainEval.IntegrationTests.Learning.LedgerTestKit;

namespace TrainEval.IntegrationTests.Learning;

/// <summary>The player API and the ledger writer end to end (LRN-03, LRN-05), through HTTP with the test clock.</summary>
public sealed class LedgerApiTests(TestAppFixture fixture) : IClassFixture<TestAppFixture>
{
    private readonly TestApp app = fixture.App;

    private void Wait(double seconds) => app.Clock.Advance(TimeSpan.FromSeconds(seconds));

    [Fact]
    public async Task LRN_05_playing_time_is_credited_from_the_server_clock_and_written_to_the_ledger()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "751");
        var unit = await VideoUnitAsync(app, learner.ProjectId, 600);
        var p = await OpenAsync(app, learner, unit);
        Assert.True(p.Opened.Accepted);

        var first = await p.BeatAsync(0);
        Assert.Equal("baseline", first.GetProperty("reason").GetString());
        Wait(30);
        var second = await p.BeatAsync(30);
        Assert.True(second.GetProperty("accepted").GetBoolean());
        Assert.Equal(30, second.GetProperty("creditedSeconds").GetDouble(), 3);
        Wait(30);
        await p.BeatAsync(60, playing: false);           // paused at 60 s
        Wait(300);
        var paused = await p.BeatAsync(60, playing: false);
        Assert.Equal("not-playing", paused.GetProperty("reason").GetString());
        Assert.Equal(0, paused.GetProperty("creditedSeconds").GetDouble());

        var (credited, reasons) = await LedgerAsync(app, learner.LearnerId);
        Assert.Equal(60_000, credited);
        Assert.Contains("not-playing", reasons);
        var session = await app.WithDbAsync(db => db.Set<LearningSession>().SingleAsync(s => s.Id == p.SessionId));
        Assert.Equal(60_000, session.CreditedMs);
        Assert.Equal(4, session.Heartbeats);
        Assert.Equal("203.0.113.7", session.Ip);
    }

    [Fact]
    public async Task LRN_03_seeking_past_the_watched_part_and_speed_are_not_credited()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "752");
        var unit = await VideoUnitAsync(app, learner.ProjectId, 900);
        var p = await OpenAsync(app, learner, unit);
        await p.BeatAsync(0);
        Wait(30);
        await p.BeatAsync(30);
        Wait(30);
        var seek = await p.BeatAsync(500);
        Assert.Equal("seek", seek.GetProperty("reason").GetString());
        Assert.Equal(0, seek.GetProperty("creditedSeconds").GetDouble());
        Assert.Equal(30, seek.GetProperty("furthestPosition").GetDouble(), 1);   // the resume point did not move past the hole
        Wait(30);
        await p.BeatAsync(30, rate: 2);
        Wait(30);
        var fast = await p.BeatAsync(90, rate: 2);
        Assert.Equal("speed", fast.GetProperty("reason").GetString());
        var (credited, _) = await LedgerAsync(app, learner.LearnerId);
        Assert.Equal(30_000, credited);
    }

    [Fact]
    public async Task LRN_03_a_new_login_signs_the_old_device_out_and_its_next_heartbeat_is_refused()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "753");
        var unit = await VideoUnitAsync(app, learner.ProjectId, 600);
        var p = await OpenAsync(app, learner, unit);
        await p.BeatAsync(0);
        Wait(30);
        await p.BeatAsync(30);

        var phone = app.Browser();
        var signedIn = await phone.LoginAsync("13700000753", "Learn2026a");   // the same learner on a second device
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var oldPage = await learner.Client.GetAsync("/my");                     // the old device's cookie no longer works
        Assert.Equal(HttpStatusCode.Redirect, oldPage.StatusCode);
        Assert.Contains("reason=elsewhere", oldPage.Headers.Location!.OriginalString);
        var login2 = await learner.Client.GetStringAsync(oldPage.Headers.Location!.OriginalString);
        Assert.Contains("data-testid=\"login-signed-out-elsewhere\"", login2);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/my")).StatusCode);

        Wait(30);
        var refused = await p.BeatAsync(60);
        Assert.False(refused.GetProperty("accepted").GetBoolean());
        Assert.True(refused.GetProperty("stop").GetBoolean());
        Assert.Equal("second-device", refused.GetProperty("reason").GetString());
        Assert.Contains("其他设备", refused.GetProperty("message").GetString());
        var (credited, reasons) = await LedgerAsync(app, learner.LearnerId);
        Assert.Equal(30_000, credited);
        Assert.Equal("second-device", reasons[^1]);

    }

    [Fact]
    public async Task LRN_03_two_learners_on_one_device_the_earlier_is_signed_out()
    {
        var first = await LearningFlow.ActivatedLearnerAsync(app, "754");
        var unit = await VideoUnitAsync(app, first.ProjectId, 600);
        var p = await OpenAsync(app, first, unit);
        await p.BeatAsync(0);
        var second = await EnrollmentFlow.NewLearnerAsync(app, "755");          // signs in on its own client; now use its cookie on the first page
        Wait(30);
        var refused = await p.BeatAsync(30, via: second);
        Assert.Equal("second-device", refused.GetProperty("reason").GetString());
        Assert.Contains("另一位学员", refused.GetProperty("message").GetString());
    }

    [Fact]
    public async Task LRN_03_one_course_at_a_time_and_a_newer_page_supersedes_the_older()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "756");
        var a = await VideoUnitAsync(app, learner.ProjectId, 600);
        var b = await VideoUnitAsync(app, learner.ProjectId, 600);
        var pa = await OpenAsync(app, learner, a);
        await pa.BeatAsync(0);
        Wait(20);
        await pa.BeatAsync(20);
        var pb = await OpenAsync(app, learner, b);                             // unit A played 0 s ago in another tab
        Assert.False(pb.Opened.Accepted);
        Assert.Equal("parallel-course", pb.Opened.Reason);
        Assert.True(pb.Opened.Stop);

        await pa.BeatAsync(20, playing: false);                                // paused: another page may take over
        var pa2 = await OpenAsync(app, learner, a);
        Assert.True(pa2.Opened.Accepted);
        Wait(30);
        var old = await pa.BeatAsync(20);
        Assert.Equal("second-device", old.GetProperty("reason").GetString());  // the older tab stopped counting
        var (_, reasons) = await LedgerAsync(app, learner.LearnerId);
        Assert.Contains("parallel-course", reasons);
        var ended = await app.WithDbAsync(db => db.Set<LearningSession>().SingleAsync(s => s.Id == pa.SessionId));
        Assert.Equal("superseded", ended.EndReason);
    }

    [Fact]
    public async Task LRN_05_duplicate_out_of_order_and_bad_heartbeats_are_refused_and_change_nothing()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "757");
        var unit = await VideoUnitAsync(app, learner.ProjectId, 300);
        var p = await OpenAsync(app, learner, unit);
        await p.BeatAsync(0);
        Wait(30);
        await p.BeatAsync(30);
        var dup = await p.BeatAsync(30, seq: p.Seq);
        Assert.Equal("duplicate", dup.GetProperty("reason").GetString());
        var old = await p.BeatAsync(10, seq: 1);
        Assert.Equal("out-of-order", old.GetProperty("reason").GetString());
        Wait(30);
        var beyond = await p.BeatAsync(100_000);
        Assert.Equal("beyond-duration", beyond.GetProperty("reason").GetString());
        var negative = await p.BeatAsync(-5);
        Assert.Equal("beyond-duration", negative.GetProperty("reason").GetString());

        var forged = await learner.Client.PostAsJsonAsync("/api/v1/learning/heartbeat", new { token = p.Token[..^4] + "AAAA", seq = 99, position = 1, playing = true, visible = true, focused = true, rate = 1 });
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var zeroSeq = await learner.Client.PostAsJsonAsync("/api/v1/learning/heartbeat", new { token = p.Token, seq = 0, position = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, zeroSeq.StatusCode);
        var garbage = await learner.Client.PostAsync("/api/v1/learning/heartbeat", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);

        var (credited, reasons) = await LedgerAsync(app, learner.LearnerId);
        Assert.Equal(30_000, credited);
        Assert.Equal(["baseline", "credited", "duplicate", "out-of-order", "beyond-duration", "beyond-duration"], reasons);
    }

    [Fact]
    public async Task LRN_05_unanswered_interaction_check_makes_time_idle_until_answered()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "758");
        var unit = await VideoUnitAsync(app, learner.ProjectId, 3600);
        var p = await OpenAsync(app, learner, unit);
        Assert.Equal(600, p.Opened.InteractionDueInSeconds, 0);
        await p.BeatAsync(0);
        double pos = 0;
        JsonElement last = default;
        for (var i = 0; i < 24; i++) { Wait(30); pos += 30; last = await p.BeatAsync(pos); }   // 12 minutes without answering
        Assert.True(last.GetProperty("interactionDue").GetBoolean());
        var (credited, reasons) = await LedgerAsync(app, learner.LearnerId);
        Assert.Equal(660_000, credited);                                      // 10 min interval + 60 s window
        Assert.Contains("idle", reasons);

        var answer = await learner.Client.PostAsJsonAsync("/api/v1/learning/interaction", new { token = p.Token });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Wait(30);
        pos += 30;
        var after = await p.BeatAsync(pos);
        Assert.Equal(30, after.GetProperty("creditedSeconds").GetDouble(), 3);
        Assert.False(after.GetProperty("interactionDue").GetBoolean());
        Assert.True(await app.WithDbAsync(db => db.Set<LearningEvent>().AnyAsync(e => e.LearnerId == learner.LearnerId && e.Kind == "interaction.answered" && e.Detail == "late")));
    }

    [Fact]
    public async Task LRN_05_daily_cap_records_the_excess_without_crediting_it()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "759");
        var unit = await VideoUnitAsync(app, learner.ProjectId, 7200, c => c.SetRules(CourseRules.Default with { DailyCapMinutes = 45, InteractionIntervalMinutes = 60 }, app.Clock.GetUtcNow().UtcDateTime));
        var p = await OpenAsync(app, learner, unit);
        await p.BeatAsync(0);
        double pos = 0;
        JsonElement last = default;
        for (var i = 0; i < 100; i++)
        {
            Wait(30);
            pos += 30;
            last = await p.BeatAsync(pos);
            if (i % 50 == 49) await learner.Client.PostAsJsonAsync("/api/v1/learning/interaction", new { token = p.Token });
        }
        Assert.True(last.GetProperty("capReached").GetBoolean());
        Assert.Equal("cap", last.GetProperty("reason").GetString());
        var (credited, reasons) = await LedgerAsync(app, learner.LearnerId);
        Assert.Equal(45 * 60_000, credited);
        Assert.Equal(5 * 60, reasons.Count(r => r == "cap") * 30);            // 100 × 30 s − 45 min = 5 min over the cap
    }

    [Fact]
    public async Task LRN_02_watching_the_whole_video_completes_the_unit_once()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "760");
        var unit = await VideoUnitAsync(app, learner.ProjectId, 95);
        var p = await OpenAsync(app, learner, unit);
        await p.BeatAsync(0);
        JsonElement last = default;
        foreach (var pos in new[] { 30.0, 60, 90, 95 }) { Wait(pos == 95 ? 5 : 30); last = await p.BeatAsync(pos, playing: pos < 95); }
        Assert.True(last.GetProperty("unitCompleted").GetBoolean());
        var completions = await app.WithDbAsync(db => db.Set<UnitCompletion>().Where(c => c.LearnerId == learner.LearnerId && c.UnitId == unit.Id).ToListAsync());
        Assert.Equal("watched", Assert.Single(completions).How);
        Wait(30);
        await p.BeatAsync(95, playing: false);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<UnitCompletion>().CountAsync(c => c.LearnerId == learner.LearnerId && c.UnitId == unit.Id)));
    }

    [Fact]
    public async Task LRN_05_heartbeats_after_the_course_was_closed_are_refused_and_stop_the_player()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "761");
        var unit = await VideoUnitAsync(app, learner.ProjectId, 600);
        var p = await OpenAsync(app, learner, unit);
        await p.BeatAsync(0);
        Wait(30);
        await p.BeatAsync(30);
        await app.WithDbAsync(async db =>
        {
            var activation = await db.Set<TrainEval.Web.Modules.Learning.CourseActivation>().SingleAsync(a => a.LearnerId == learner.LearnerId);
            activation.Close("退费", app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        Wait(30);
        var refused = await p.BeatAsync(60);
        Assert.Equal("not-activated", refused.GetProperty("reason").GetString());
        Assert.True(refused.GetProperty("stop").GetBoolean());
        Assert.Equal(30_000, (await LedgerAsync(app, learner.LearnerId)).CreditedMs);
    }
}
