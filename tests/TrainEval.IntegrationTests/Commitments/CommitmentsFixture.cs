using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Commitments;
using TrainEval.Web.Modules.Exams.Public;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Notifications;
using TrainEval.Web.Modules.Verification.Public;

namespace TrainEval.IntegrationTests.Commitments;

/// <summary>
/// Test doubles for the exams module's entry gate (not on this branch): sittings, candidates, what is missing and the
/// requirement time are set by the test.
/// </summary>
public sealed class FakeExams : IExamsApi, IExamEntryApi
{
    public ConcurrentDictionary<Guid, SittingInfo> Sittings { get; } = new();
    public ConcurrentDictionary<(Guid Learner, Guid Sitting), EntryRequirement> Requirements { get; } = new();

    public SittingInfo AddSitting(Guid projectId, DateTime startsUtc, string rules = "考试规则：开考后 30 分钟内可进入；禁止切换窗口。")
    {
        var s = new SittingInfo(Guid.NewGuid(), projectId, Guid.Empty, "2026年第1批", "理论知识", "理论知识考试 第1场", false, startsUtc, startsUtc.AddHours(2),
            90, 30, 30, rules, false);
        Sittings[s.Id] = s;
        return s;
    }

    public void Candidate(Guid learnerId, SittingInfo s, DateTime sinceUtc, params string[] missing)
        => Requirements[(learnerId, s.Id)] = new EntryRequirement(s.Id, s.ProjectId, s.CheckContext, sinceUtc, missing);

    public Task<EntryRequirement?> GetEntryRequirementAsync(Guid learnerId, Guid sittingId, CancellationToken ct)
        => Task.FromResult(Requirements.TryGetValue((learnerId, sittingId), out var r) ? r : null);

    public Task<SittingInfo?> GetSittingAsync(Guid sittingId, CancellationToken ct) => Task.FromResult(Sittings.TryGetValue(sittingId, out var s) ? s : null);
    public Task<bool> IsCandidateAsync(Guid learnerId, Guid sittingId, CancellationToken ct) => Task.FromResult(Requirements.ContainsKey((learnerId, sittingId)));
    public Task<IReadOnlyList<SittingInfo>> ListSittingsOfLearnerAsync(Guid learnerId, Guid? projectId, CancellationToken ct) => Task.FromResult<IReadOnlyList<SittingInfo>>([]);
    public Task<IReadOnlyList<AttemptInfo>> ListAttemptsAsync(Guid learnerId, Guid? projectId, CancellationToken ct) => Task.FromResult<IReadOnlyList<AttemptInfo>>([]);
    public Task<int> StageVoidResultsAsync(Guid learnerId, Guid sittingId, bool wholeBatch, string reason, Guid violationId, CancellationToken ct)
        => throw new NotSupportedException();
}

/// <summary>Identity checks as the test sets them: passes per (learner, context, reference) at a time.</summary>
public sealed class FakeVerification(TimeProvider clock) : IVerificationApi
{
    private readonly ConcurrentDictionary<(Guid, string, string), DateTime> passes = new();
    public ConcurrentBag<(Guid Learner, string Context, string Ref, string ReturnUrl)> Started { get; } = [];

    public void Pass(Guid learnerId, string context, Guid sittingId) => passes[(learnerId, context, sittingId.ToString())] = clock.GetUtcNow().UtcDateTime;

    public Task<IdentityStanding> GetStandingAsync(Guid learnerId, CancellationToken ct) => Task.FromResult(new IdentityStanding(true, false));

    public Task<(string? CaptureUrl, string? Problem)> StartCheckAsync(Guid learnerId, string context, Guid projectId, string contextRef, string returnUrl,
        CancellationToken ct)
    {
        Started.Add((learnerId, context, contextRef, returnUrl));
        return Task.FromResult<(string?, string?)>(("/verify/fake-capture", null));
    }

    public Task<bool> HasPassedAsync(Guid learnerId, string context, Guid projectId, string contextRef, DateTime sinceUtc, CancellationToken ct)
        => Task.FromResult(passes.TryGetValue((learnerId, context, contextRef), out var at) && at >= sinceUtc);
}

/// <summary>One app for the commitments tests: exams and verification doubles; the demo course's completion rule is met by everyone.</summary>
public sealed class CommitmentsFixture : IDisposable
{
    public FakeExams Exams { get; } = new();
    public TestApp App { get; }
    public FakeVerification Verification { get; }

    public CommitmentsFixture()
    {
        FakeVerification? verification = null;
        App = new TestApp(services: s =>
        {
            s.AddSingleton<IExamsApi>(Exams);
            s.AddSingleton<IExamEntryApi>(Exams);
            s.AddSingleton<IVerificationApi>(sp => verification ??= new FakeVerification(sp.GetRequiredService<TimeProvider>()));
        });
        App.Server.ToString();
        Verification = (FakeVerification)App.Services.GetRequiredService<IVerificationApi>();
        App.WithDbAsync(async db =>
        {
            foreach (var c in await db.Set<Course>().ToListAsync())
                c.SetRules(CourseRules.Default with { RequireAllUnits = false, RequireSelfTestsPassed = false, RequiredMinutes = 0 }, App.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        }).GetAwaiter().GetResult();
    }

    public void Dispose() => App.Dispose();
}

public static partial class SignFlow
{
    public static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    /// <summary>A page log as commitment.js writes it: opened, (scrolled to the end), ticked, submitted.</summary>
    public static string ReadLog(TestApp app, bool reachedEnd = true)
    {
        var t = app.Clock.GetUtcNow();
        var events = new List<object> { new { e = "opened", t = Ms(t) } };
        if (reachedEnd) events.Add(new { e = "scrolled_end", t = Ms(t.AddSeconds(40)) });
        events.Add(new { e = "checked", t = Ms(t.AddSeconds(45)) });
        events.Add(new { e = "submitted", t = Ms(t.AddSeconds(46)) });
        return JsonSerializer.Serialize(events);
    }

    public static string Sha(string html) => ShaRegex().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No text hash on the page.");

    /// <summary>Step 1 of signing; returns the response (a redirect to ?signing=… when accepted).</summary>
    public static async Task<HttpResponseMessage> StartAsync(HttpClient client, string url, string opLog, string method = "otp", bool agree = true)
    {
        var page = await client.GetStringAsync(url);
        var fields = new Dictionary<string, string> { ["OpLog"] = opLog, ["Sha"] = Sha(page), ["Method"] = method };
        if (agree) fields["Agree"] = "true";
        return await client.PostFormAsync(url, fields, "Start");
    }

    public static async Task<string> LatestCodeAsync(TestApp app, Guid learnerId) => await app.WithDbAsync(async db =>
    {
        var title = await db.Set<InboxMessage>().Where(m => m.UserId == learnerId && m.Title.StartsWith("签署验证码")).OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id)
            .Select(m => m.Title).FirstAsync();
        return title[^6..];
    });

    /// <summary>Reads the text, starts, and confirms with the code from the in-site message; returns the new record.</summary>
    public static async Task<CommitmentRecord> SignWithCodeAsync(TestApp app, HttpClient client, Guid learnerId, string url)
    {
        var started = await StartAsync(client, url, ReadLog(app));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var confirmUrl = started.Headers.Location!.OriginalString;
        var code = await LatestCodeAsync(app, learnerId);
        var confirmed = await client.PostFormAsync(confirmUrl, new Dictionary<string, string> { ["Code"] = code }, "Confirm");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        return await app.WithDbAsync(db => db.Set<CommitmentRecord>().Where(r => r.LearnerId == learnerId).OrderByDescending(r => r.SignedAtUtc).FirstAsync());
    }

    [GeneratedRegex("name=\"Sha\" value=\"([0-9a-f]{64})\"")]
    private static partial Regex ShaRegex();
}
