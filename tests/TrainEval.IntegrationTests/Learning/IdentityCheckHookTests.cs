using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Learning.Public;
using TrainEval.Web.Modules.Learning.Tracking;
using static TrainEval.IntegrationTests.Learning.LedgerTestKit;

namespace TrainEval.IntegrationTests.Learning;

/// <summary>
/// A test double for the hook, to test the learning engine's side alone (scheduling, pausing, voiding): every learner
/// is checkable; a capture whose first frame's fourth byte is 1 passes, 2 asks for a retry, anything else fails. The
/// real implementation (Modules/Verification) is tested with the face engine in tests/…/Verification.
/// </summary>
public sealed class MarkerVerifier : IIdentityCheckVerifier
{
    public Task<IReadOnlySet<Guid>> LearnersCheckedByFaceAsync(IReadOnlyCollection<Guid> learnerIds, CancellationToken ct)
        => Task.FromResult<IReadOnlySet<Guid>>(learnerIds.ToHashSet());

    /// <summary>Face passes outside the learning engine (a login check), set by tests.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, DateTime> Passes = new();

    public Task<IReadOnlyDictionary<Guid, DateTime>> LastPassesAsync(IReadOnlyCollection<Guid> learnerIds, CancellationToken ct)
        => Task.FromResult<IReadOnlyDictionary<Guid, DateTime>>(learnerIds.Where(Passes.ContainsKey).ToDictionary(id => id, id => Passes[id]));

    public Task<IdentityCheckCapture?> StartAsync(Guid learnerId, Guid projectId, Guid unitId, Guid checkId, CancellationToken ct)
        => Task.FromResult<IdentityCheckCapture?>(new IdentityCheckCapture(Guid.NewGuid(), "none", "test", 1));

    public Task<IdentityVerdict> VerifyAsync(IdentityCheckSubmission s, CancellationToken ct)
    {
        var marker = s.Frames.Count > 0 && s.Frames[0].Length > 3 ? s.Frames[0][3] : 0;
        return Task.FromResult(marker switch
        {
            1 => new IdentityVerdict(true, "test: match"),
            2 => new IdentityVerdict(false, "test: unclear", Retry: true, Message: "retry", NextCapture: new IdentityCheckCapture(Guid.NewGuid(), "none", "test", 1)),
            _ => new IdentityVerdict(false, "test: no match"),
        });
    }
}

public sealed class IdentityHookFixture : IDisposable
{
    public TestApp App { get; } = new(services: s => s.AddSingleton<IIdentityCheckVerifier, MarkerVerifier>());
    public IdentityHookFixture() => App.Server.ToString();
    public void Dispose() => App.Dispose();
}

/// <summary>LRN-04 / LRN-05: random identity checks during a video — scheduling, pausing, voiding on failure.</summary>
public sealed class IdentityCheckHookTests(IdentityHookFixture fixture) : IClassFixture<IdentityHookFixture>
{
    private readonly TestApp app = fixture.App;

    private void NoInteractionPrompts(TrainEval.Web.Modules.Learning.Content.Course c)
        => c.SetRules(TrainEval.Web.Modules.Learning.Content.CourseRules.Default with { InteractionIntervalMinutes = 60 }, app.Clock.GetUtcNow().UtcDateTime);

    private static Task<JsonElement> CaptureAsync(TestPlayer p, Guid checkId, bool match) => CaptureAsync(p, checkId, (byte)(match ? 1 : 0));

    private static async Task<JsonElement> CaptureAsync(TestPlayer p, Guid checkId, byte marker)
    {
        var start = await p.Learner.Client.PostAsJsonAsync("/api/v1/learning/identity-check/start", new { token = p.Token, checkId });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        var capture = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("captureId").GetGuid();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(p.Token), "token" },
            { new StringContent(checkId.ToString()), "checkId" },
            { new StringContent(capture.ToString()), "captureId" },
        };
        var image = new ByteArrayContent([0xFF, 0xD8, 0xFF, marker, 0x00]);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(image, "frames", "frame-0.jpg");
        var response = await p.Learner.Client.PostAsync("/api/v1/learning/identity-check", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(JsonElement Last, double Position)> PlayUntilCheckDueAsync(TestPlayer p, double from = 0)
    {
        var pos = from;
        for (var i = 0; i < 40; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(30));
            pos += 30;
            var r = await p.BeatAsync(pos);
            if (r.TryGetProperty("identityCheck", out var c) && c.ValueKind == JsonValueKind.Object && c.GetProperty("due").GetBoolean()) return (r, pos);
        }
        throw new Xunit.Sdk.XunitException("No identity check became due.");
    }

    [Fact]
    public async Task LRN_04_a_retry_answer_keeps_the_check_pending_and_writes_nothing_to_the_ledger()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "772");
        var unit = await VideoUnitAsync(app, learner.ProjectId, 1200, NoInteractionPrompts);
        var p = await OpenAsync(app, learner, unit);
        await p.BeatAsync(0);
        var (due, _) = await PlayUntilCheckDueAsync(p);
        var checkId = due.GetProperty("identityCheck").GetProperty("id").GetGuid();
        var before = await LedgerAsync(app, learner.LearnerId);
        var retry = await CaptureAsync(p, checkId, marker: 2);
        Assert.True(retry.GetProperty("retry").GetBoolean());
        Assert.Equal(JsonValueKind.Object, retry.GetProperty("nextCapture").ValueKind);
        Assert.Equal(before.CreditedMs, (await LedgerAsync(app, learner.LearnerId)).CreditedMs);
        Assert.Equal(IdentityCheckOutcome.Pending, await app.WithDbAsync(db => db.Set<IdentityCheck>().Where(c => c.Id == checkId).Select(c => c.Outcome).SingleAsync()));
        var passed = await CaptureAsync(p, checkId, match: true);
        Assert.True(passed.GetProperty("accepted").GetBoolean());
    }

    [Fact]
    public async Task LRN_04_a_random_check_is_scheduled_per_video_and_a_failure_voids_the_time_since_the_last_pass()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "770");
        var unit = await VideoUnitAsync(app, learner.ProjectId, 1200, NoInteractionPrompts);
        var p = await OpenAsync(app, learner, unit);
        var scheduled = await app.WithDbAsync(db => db.Set<IdentityCheck>().SingleAsync(c => c.PlayerSessionId == p.SessionId));
        Assert.InRange(scheduled.AtPosition, 60, 1080);                        // a random moment between 5 % and 90 % of the video

        await p.BeatAsync(0);
        var (due, pos) = await PlayUntilCheckDueAsync(p);
        Assert.True(pos >= scheduled.AtPosition);
        var credited = (await LedgerAsync(app, learner.LearnerId)).CreditedMs;
        Assert.True(credited > 0);

        var failed = await CaptureAsync(p, due.GetProperty("identityCheck").GetProperty("id").GetGuid(), match: false);
        Assert.Equal("face-check-failed", failed.GetProperty("reason").GetString());
        var (net, reasons) = await LedgerAsync(app, learner.LearnerId);
        Assert.Equal(0, net);                                                  // everything since the last pass (none) voided
        Assert.Contains("face-check-failed", reasons);
        var session = await app.WithDbAsync(db => db.Set<LearningSession>().SingleAsync(s => s.Id == p.SessionId));
        Assert.Equal(0, session.CreditedMs);
        var recheck = failed.GetProperty("identityCheck");                     // a new check is due at once
        Assert.True(recheck.GetProperty("due").GetBoolean());

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var blocked = await p.BeatAsync(pos + 30);
        Assert.Equal(0, blocked.GetProperty("creditedSeconds").GetDouble());   // nothing credited until a check passes
        Assert.Equal("face-check-failed", blocked.GetProperty("reason").GetString());

        var passed = await CaptureAsync(p, recheck.GetProperty("id").GetGuid(), match: true);
        Assert.True(passed.GetProperty("accepted").GetBoolean());
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await p.BeatAsync(pos + 60);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var resumed = await p.BeatAsync(pos + 90);
        Assert.Equal(30, resumed.GetProperty("creditedSeconds").GetDouble(), 3);
        var outcomes = await app.WithDbAsync(db => db.Set<IdentityCheck>().Where(c => c.PlayerSessionId == p.SessionId).OrderBy(c => c.ScheduledAtUtc)
            .Select(c => c.Outcome).ToListAsync());
        Assert.Equal([IdentityCheckOutcome.Failed, IdentityCheckOutcome.Passed], outcomes);

        // Once a check passed for this video, reopening it schedules none.
        await p.BeatAsync(pos + 90, playing: false);
        var again = await OpenAsync(app, learner, unit);
        Assert.False(await app.WithDbAsync(db => db.Set<IdentityCheck>().AnyAsync(c => c.PlayerSessionId == again.SessionId)));
    }

    [Fact]
    public async Task LRN_04_a_due_check_left_unanswered_counts_as_failed_after_its_window()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "771");
        var unit = await VideoUnitAsync(app, learner.ProjectId, 1200);
        var p = await OpenAsync(app, learner, unit);
        await p.BeatAsync(0);
        var (_, pos) = await PlayUntilCheckDueAsync(p);
        Assert.True((await LedgerAsync(app, learner.LearnerId)).CreditedMs > 0);
        for (var i = 0; i < 6; i++) { app.Clock.Advance(TimeSpan.FromSeconds(30)); pos += 30; await p.BeatAsync(pos); }   // a cheating client plays on
        Assert.Equal(0, (await LedgerAsync(app, learner.LearnerId)).CreditedMs);
        Assert.True(await app.WithDbAsync(db => db.Set<IdentityCheck>().AnyAsync(c => c.PlayerSessionId == p.SessionId && c.Outcome == IdentityCheckOutcome.TimedOut)));
    }

    private async Task<string?> RecheckReasonAsync(TestPlayer p) => await app.WithDbAsync(db => db.Set<LearningEvent>()
        .Where(e => e.PlayerSessionId == p.SessionId && e.Kind == "identity.recheck").Select(e => e.Detail).FirstOrDefaultAsync());

    private async Task<(ActivatedLearner, TrainEval.Web.Modules.Learning.Content.CourseUnit, TestPlayer)> WatchedHalfAMinuteAsync(string seq)
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, seq);
        var unit = await VideoUnitAsync(app, learner.ProjectId, 1200, NoInteractionPrompts);
        var p = await OpenAsync(app, learner, unit);
        await p.BeatAsync(0);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await p.BeatAsync(30, playing: false);
        return (learner, unit, p);
    }

    [Fact]
    public async Task IDV_02_reopening_a_video_after_a_long_idle_asks_for_a_face_check_at_once()
    {
        var (learner, unit, p) = await WatchedHalfAMinuteAsync("773");
        Assert.Null(p.Opened.IdentityCheck);                                    // the first video: only its random check, later
        Assert.Null(await RecheckReasonAsync(p));

        app.Clock.Advance(TimeSpan.FromMinutes(29));                           // back within the idle limit: no extra check
        var soon = await OpenAsync(app, learner, unit);
        Assert.Null(soon.Opened.IdentityCheck);
        await soon.BeatAsync(30, playing: false);

        app.Clock.Advance(TimeSpan.FromMinutes(31));                           // away longer than the limit
        var back = await OpenAsync(app, learner, unit);
        Assert.NotNull(back.Opened.IdentityCheck);
        Assert.True(back.Opened.IdentityCheck!.Due);
        Assert.Equal("long-idle", await RecheckReasonAsync(back));
    }

    [Fact]
    public async Task IDV_02_a_face_pass_at_login_after_the_idle_makes_the_recheck_unnecessary()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "774");
        var unit = await VideoUnitAsync(app, learner.ProjectId, 1200, NoInteractionPrompts);
        var p = await OpenAsync(app, learner, unit);
        await p.BeatAsync(0, playing: false);
        app.Clock.Advance(TimeSpan.FromHours(3));
        MarkerVerifier.Passes[learner.LearnerId] = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-2);   // the login check just now
        var back = await OpenAsync(app, learner, unit);
        Assert.Null(back.Opened.IdentityCheck);
        Assert.Null(await RecheckReasonAsync(back));
    }

    [Fact]
    public async Task IDV_02_continuing_on_another_device_asks_for_a_face_check_at_once()
    {
        var (learner, unit, _) = await WatchedHalfAMinuteAsync("775");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var phone = await OpenAsync(app, learner, unit, userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148");
        Assert.NotNull(phone.Opened.IdentityCheck);
        Assert.True(phone.Opened.IdentityCheck!.Due);
        Assert.Equal("device-change", await RecheckReasonAsync(phone));
    }
}
