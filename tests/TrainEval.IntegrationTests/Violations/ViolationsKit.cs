using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Exams.Public;
using TrainEval.Web.Modules.Violations;

namespace TrainEval.IntegrationTests.Violations;

public sealed record VoidCall(Guid LearnerId, Guid SittingId, bool WholeBatch, string Reason, Guid ViolationId);

/// <summary>
/// A test double for the exams module's public API (the real one is built in parallel): serves the sittings a test
/// adds, knows their candidates, and records every StageVoidResultsAsync call instead of voiding attempts.
/// </summary>
public sealed class FakeExamsApi : IExamsApi
{
    private readonly ConcurrentDictionary<Guid, SittingInfo> sittings = new();
    private readonly ConcurrentDictionary<(Guid Learner, Guid Sitting), bool> candidates = new();
    public ConcurrentQueue<VoidCall> Voids { get; } = new();

    public SittingInfo AddSitting(Guid projectId, Guid evaluationInstitutionId, string batch, string subject, DateTime startsAtUtc, params Guid[] learners)
    {
        var s = new SittingInfo(Guid.NewGuid(), projectId, evaluationInstitutionId, batch, subject, $"{subject}第 1 场", false, startsAtUtc,
            startsAtUtc.AddMinutes(90), 90, 30, 30, "考场规则", false);
        sittings[s.Id] = s;
        foreach (var l in learners) candidates[(l, s.Id)] = true;
        return s;
    }

    public IReadOnlyList<VoidCall> VoidsOf(Guid learnerId) => [.. Voids.Where(v => v.LearnerId == learnerId)];

    public Task<SittingInfo?> GetSittingAsync(Guid sittingId, CancellationToken ct) => Task.FromResult(sittings.GetValueOrDefault(sittingId));

    public Task<bool> IsCandidateAsync(Guid learnerId, Guid sittingId, CancellationToken ct) => Task.FromResult(candidates.ContainsKey((learnerId, sittingId)));

    public Task<IReadOnlyList<SittingInfo>> ListSittingsOfLearnerAsync(Guid learnerId, Guid? projectId, CancellationToken ct)
        => Task.FromResult<IReadOnlyList<SittingInfo>>([.. sittings.Values
            .Where(s => candidates.ContainsKey((learnerId, s.Id)) && (projectId is null || s.ProjectId == projectId)).OrderBy(s => s.StartsAtUtc)]);

    public Task<IReadOnlyList<AttemptInfo>> ListAttemptsAsync(Guid learnerId, Guid? projectId, CancellationToken ct)
        => Task.FromResult<IReadOnlyList<AttemptInfo>>([]);

    public Task<int> StageVoidResultsAsync(Guid learnerId, Guid sittingId, bool wholeBatch, string reason, Guid violationId, CancellationToken ct)
    {
        Voids.Enqueue(new VoidCall(learnerId, sittingId, wholeBatch, reason, violationId));
        var sitting = sittings[sittingId];
        var count = wholeBatch
            ? sittings.Values.Count(s => s.ProjectId == sitting.ProjectId && s.Batch == sitting.Batch && candidates.ContainsKey((learnerId, s.Id)))
            : 1;
        return Task.FromResult(count);
    }
}

/// <summary>One seeded application per test class with the exams double registered.</summary>
public sealed class ViolationsFixture : IDisposable
{
    public FakeExamsApi Exams { get; } = new();
    public TestApp App { get; }

    public ViolationsFixture()
    {
        App = new TestApp(services: s => s.AddSingleton<IExamsApi>(Exams));
        App.Server.ToString();
    }

    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> staff = new();

    /// <summary>One signed-in client per staff login for the whole class (sign-ins are rate limited to 30 a minute).</summary>
    public Task<HttpClient> StaffAsync(string login)
        => staff.GetOrAdd(login, l => new Lazy<Task<HttpClient>>(() => ViolationsKit.StaffAsync(App, l))).Value;

    public void Dispose() => App.Dispose();
}

public sealed record EnrolledLearner(HttpClient Client, Guid LearnerId, Guid EnrollmentId, Guid ProjectId, Guid EvaluationInstitutionId);

public static partial class ViolationsKit
{
    /// <summary>A registered learner with a submitted enrollment in the demo project (seq 930–949 belong to the violations tests).</summary>
    public static async Task<EnrolledLearner> EnrolledLearnerAsync(TestApp app, string seq)
    {
        var client = await EnrollmentFlow.NewLearnerAsync(app, seq);
        var enrollmentId = await EnrollmentFlow.SubmitAsync(app, client);
        return await app.WithDbAsync(async db =>
        {
            var a = await db.Set<EnrollmentApplication>().SingleAsync(x => x.Id == enrollmentId);
            var p = await db.Set<Project>().SingleAsync(x => x.Id == a.ProjectId);
            return new EnrolledLearner(client, a.LearnerId, enrollmentId, p.Id, p.EvaluationInstitutionId);
        });
    }

    public static async Task<HttpClient> StaffAsync(TestApp app, string login)
    {
        var c = app.Browser();
        EnrollmentFlow.Redirects(await c.LoginAsync(login));
        return c;
    }

    /// <summary>The China wall-clock time a few minutes before the fake clock's now, as the form's datetime-local.</summary>
    public static string ChinaNow(TestApp app, int minutesAgo = 10)
        => app.Clock.GetUtcNow().UtcDateTime.AddHours(8).AddMinutes(-minutesAgo).ToString("yyyy-MM-ddTHH:mm");

    public static Dictionary<string, string> Form(EnrolledLearner l, string act, string facts, string occurred, Guid? sittingId = null,
        string tier = "", string raiseReason = "") => new()
    {
        ["LearnerId"] = l.LearnerId.ToString(), ["ProjectId"] = l.ProjectId.ToString(), ["SittingId"] = sittingId?.ToString() ?? "",
        ["ActCode"] = act, ["Tier"] = tier, ["RaiseReason"] = raiseReason, ["Facts"] = facts, ["OccurredAt"] = occurred,
    };

    /// <summary>POSTs the record form (multipart, with evidence files) with a token from the staff member's own page.</summary>
    public static async Task<HttpResponseMessage> RecordAsync(HttpClient staff, IDictionary<string, string> fields, params (string Name, byte[] Content)[] evidence)
    {
        var token = Forms.Token(await staff.GetStringAsync("/workbench/violations"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        foreach (var (name, content) in evidence) form.Add(new ByteArrayContent(content), "Evidence", name);
        return await staff.PostAsync("/workbench/violations/new", form);
    }

    /// <summary>Records and returns the new record's id (the redirect target).</summary>
    public static async Task<Guid> RecordedAsync(HttpClient staff, IDictionary<string, string> fields, params (string Name, byte[] Content)[] evidence)
    {
        var r = await RecordAsync(staff, fields, evidence);
        EnrollmentFlow.Redirects(r);
        return Guid.Parse(IdInUrl().Match(r.Headers.Location!.OriginalString).Groups[1].Value);
    }

    public static Task<HttpResponseMessage> DecideAsync(HttpClient staff, Guid violationId, string handler, string note = "")
        => staff.PostFormAsync($"/workbench/violations/{violationId}", new Dictionary<string, string> { ["Note"] = note }, handler);

    public static Task<Violation> ViolationAsync(TestApp app, Guid id) => app.WithDbAsync(db => db.Set<Violation>().AsNoTracking().SingleAsync(v => v.Id == id));

    public static Task<(int Violations, int Evidence, int Bans, int Audit)> CountsAsync(TestApp app) => app.WithDbAsync(async db => (
        await db.Set<Violation>().CountAsync(), await db.Set<ViolationEvidence>().CountAsync(), await db.Set<Ban>().CountAsync(),
        await db.Set<TrainEval.Web.Platform.Audit.AuditEntry>().CountAsync(a => a.Action.StartsWith("violation."))));

    public static async Task<string> Unprocessable(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.UnprocessableEntity, $"Expected 422, got {(int)r.StatusCode}: {body[..Math.Min(300, body.Length)]}");
        return body;
    }

    [GeneratedRegex(@"/workbench/violations/([0-9a-f-]{36})")] private static partial Regex IdInUrl();
}
