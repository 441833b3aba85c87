using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Commitments;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Verification.Public;

namespace TrainEval.IntegrationTests.Exams;

/// <summary>
/// One app for the exam tests: the real exams and commitments modules; identity checks from <see cref="FakeVerification"/>
/// (the face engine has its own tests); the demo course's completion rule relaxed so an activated learner has completed.
/// Learner sequence numbers 950–999.
/// </summary>
public sealed class ExamsFixture : IDisposable
{
    public TestApp App { get; }
    public FakeVerification Verification { get; }

    public ExamsFixture()
    {
        FakeVerification? verification = null;
        App = new TestApp(services: s => s.AddSingleton<IVerificationApi>(sp => verification ??= new FakeVerification(sp.GetRequiredService<TimeProvider>())));
        // Every test here signs in several learners and staff from one address within seconds; the login limit itself is tested in Accounts.
        App.Settings["Platform:RateLimits:LoginPerMinute"] = "600";
        App.Server.ToString();
        Verification = (FakeVerification)App.Services.GetRequiredService<IVerificationApi>();
        App.WithDbAsync(async db =>
        {
            foreach (var c in await db.Set<Course>().ToListAsync())
                c.SetRules(CourseRules.Default with { RequireAllUnits = false, RequireSelfTestsPassed = false, RequiredMinutes = 0 }, App.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        }).GetAwaiter().GetResult();
    }

    private HttpClient? staff;

    /// <summary>The evaluation admin, signed in once per fixture (logins are rate-limited per address).</summary>
    public async Task<HttpClient> StaffAsync() => staff ??= await ExamFlow.StaffAsync(App);

    public void Dispose() => App.Dispose();
}

/// <summary>A candidate inside a sitting: the client, the attempt page's ids, and the questions as shown.</summary>
public sealed record Candidate(HttpClient Client, Guid LearnerId, Guid ProjectId, string Name);

public sealed record Entered(Guid AttemptId, Guid Entry, IReadOnlyList<(Guid Question, string Kind, int Options)> Questions, int SecondsLeft);

public static partial class ExamFlow
{
    public static string Cst(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-ddTHH:mm");

    /// <summary>An activated learner who completed learning and signed the learning commitment.</summary>
    public static async Task<Candidate> ReadyLearnerAsync(TestApp app, string seq, bool signLearningCommitment = true)
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, seq);
        if (signLearningCommitment)
            await SignFlow.SignWithCodeAsync(app, learner.Client, learner.LearnerId, $"/my/commitments/learning/{learner.ProjectId}");
        return new Candidate(learner.Client, learner.LearnerId, learner.ProjectId, "学员" + new string(seq.Select(c => "零一二三四五六七八九"[c - '0']).ToArray()));
    }

    public static async Task<HttpClient> StaffAsync(TestApp app, string login = "eval.admin")
    {
        var staff = app.Browser();
        await staff.LoginAsync(login);
        return staff;
    }

    public static async Task<Guid> DemoPaperAsync(TestApp app) => await app.WithDbAsync(db => db.Set<ExamPaper>().Where(p => p.Name == "社会体育指导员（游泳）四级 理论知识试卷（A）").Select(p => p.Id).SingleAsync());

    /// <summary>Creates a sitting through the staff page, starting <paramref name="startsIn"/> from now.</summary>
    public static async Task<Guid> SittingAsync(TestApp app, HttpClient staff, Guid projectId, TimeSpan startsIn, int duration = 60, int windowMinutes = 120,
        string batch = "2026年第4批", string subject = "理论知识", int minSubmit = 30, int lateEntry = 30, bool makeup = false, Guid? paperId = null)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var starts = now + startsIn;
        var fields = new Dictionary<string, string>
        {
            ["Input.ProjectId"] = projectId.ToString(), ["Input.PaperId"] = (paperId ?? await DemoPaperAsync(app)).ToString(), ["Input.Batch"] = batch,
            ["Input.Subject"] = subject, ["Input.Name"] = $"{batch} {subject} {Guid.NewGuid().ToString()[..4]}", ["Input.StartsAt"] = Cst(starts),
            ["Input.EndsAt"] = Cst(starts.AddMinutes(windowMinutes)), ["Input.DurationMinutes"] = duration.ToString(),
            ["Input.LateEntryMinutes"] = lateEntry.ToString(), ["Input.MinSubmitMinutes"] = minSubmit.ToString(), ["Input.RulesText"] = "考试规则：按时入场，独立作答。",
        };
        if (makeup) fields["Input.IsMakeup"] = "true";
        var response = await staff.PostFormAsync("/workbench/exams", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    public static async Task AddAsync(HttpClient staff, Guid sittingId, params Candidate[] candidates)
    {
        var response = await staff.PostFormAsync($"/workbench/exams/sittings/{sittingId}", new Dictionary<string, string> { ["Names"] = string.Join("\n", candidates.Select(c => c.Name)) }, "Add");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task PrepareAsync(HttpClient staff, Guid sittingId)
        => Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"/workbench/exams/sittings/{sittingId}", new Dictionary<string, string>(), "Prepare")).StatusCode);

    /// <summary>Passes the identity check (test double) and signs the exam commitment for the sitting through the real page.</summary>
    public static async Task VerifyAndSignAsync(ExamsFixture f, Candidate c, Guid sittingId, string context = "exam")
    {
        f.Verification.Pass(c.LearnerId, context, sittingId);
        await SignFlow.SignWithCodeAsync(f.App, c.Client, c.LearnerId, $"/my/commitments/exam/{sittingId}");
    }

    /// <summary>Enters through the door and opens the attempt page once.</summary>
    public static async Task<Entered> EnterAsync(Candidate c, Guid sittingId)
    {
        var response = await c.Client.PostFormAsync($"/my/exams/{sittingId}", new Dictionary<string, string>(), "Enter");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var page = await c.Client.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return Parse(await page.Content.ReadAsStringAsync());
    }

    public static Entered Parse(string html)
    {
        var exam = ExamRegex().Match(html);
        var questions = QuestionRegex().Matches(html).Select(m =>
        {
            var id = Guid.Parse(m.Groups[1].Value);
            var options = Regex.Matches(html, $"name=\"q-{id}\"").Count;
            return (id, m.Groups[2].Value, options);
        }).ToList();
        return new Entered(Guid.Parse(exam.Groups[1].Value), Guid.Parse(exam.Groups[2].Value), questions, int.Parse(exam.Groups[3].Value));
    }

    public static Task<HttpResponseMessage> SaveAsync(HttpClient client, Entered e, Guid question, long seq, int[]? choices = null, string? text = null, Guid? entry = null)
        => client.PostAsJsonAsync($"/api/v1/exams/attempts/{e.AttemptId}/answers", new { entry = entry ?? e.Entry, questionId = question, seq, choices, text });

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, Entered e)
        => client.PostAsJsonAsync($"/api/v1/exams/attempts/{e.AttemptId}/submit", new { entry = e.Entry });

    public static Task<ExamAttempt> AttemptAsync(TestApp app, Guid attemptId) => app.WithDbAsync(db => db.Set<ExamAttempt>().AsNoTracking().SingleAsync(a => a.Id == attemptId));

    public static async Task RunJobAsync<TJob>(TestApp app) where TJob : notnull, TrainEval.Web.Platform.Jobs.IRecurringJob
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(CancellationToken.None);
    }

    [GeneratedRegex("data-attempt=\"([0-9a-f-]{36})\" data-entry=\"([0-9a-f-]{36})\"[^>]*data-seconds-left=\"(\\d+)\"")]
    private static partial Regex ExamRegex();

    [GeneratedRegex("data-testid=\"exam-question\" data-question=\"([0-9a-f-]{36})\" data-kind=\"([a-z]+)\"")]
    private static partial Regex QuestionRegex();
}
