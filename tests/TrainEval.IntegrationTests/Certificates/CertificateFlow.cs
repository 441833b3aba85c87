using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Commitments;
using TrainEval.IntegrationTests.Exams;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Certificates;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Verification.Public;
using static TrainEval.IntegrationTests.Exams.ExamFlow;

namespace TrainEval.IntegrationTests.Certificates;

/// <summary>
/// One app for the certificate tests, set up like <see cref="ExamsFixture"/> (identity checks from
/// <see cref="FakeVerification"/>, the demo course's completion rule relaxed). Every request gets its own client address,
/// so the per-address login and verification limits do not throttle the many sign-ins of these flows; the rate limit
/// itself is tested in its own app (<see cref="CertificateRateLimitTests"/>).
/// </summary>
public sealed class CertificatesFixture : IDisposable
{
    public TestApp App { get; }
    public FakeVerification Verification { get; }
    private readonly ConcurrentDictionary<string, Task<HttpClient>> staff = new();

    public CertificatesFixture()
    {
        FakeVerification? verification = null;
        App = new TestApp(services: s =>
        {
            s.AddSingleton<IVerificationApi>(sp => verification ??= new FakeVerification(sp.GetRequiredService<TimeProvider>()));
            s.AddTransient<IStartupFilter, DistinctAddresses>();
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

    /// <summary>A staff member signed in once per fixture.</summary>
    public Task<HttpClient> StaffAsync(string login = "eval.admin") => staff.GetOrAdd(login, l => ExamFlow.StaffAsync(App, l));

    public void Dispose() => App.Dispose();

    private sealed class DistinctAddresses : IStartupFilter
    {
        private static int next;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> inner) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var n = Interlocked.Increment(ref next);
                context.Connection.RemoteIpAddress = new System.Net.IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
                return nextMiddleware(context);
            });
            inner(app);
        };
    }
}

/// <summary>
/// Learners who passed and whose result was published (the journey's certificate step is open), and staff actions.
/// Learner sequence numbers: three digits 100–149 (the brief's "1000–1049" range; ID numbers take three digits), unique in
/// this class's own app.
/// </summary>
public static class CertificateFlow
{
    /// <summary>Candidates of one new sitting who answered, submitted, and were published as passed (corrected score 80).</summary>
    public static async Task<Candidate[]> PassedAsync(CertificatesFixture f, params string[] seqs)
    {
        var app = f.App;
        var candidates = new List<Candidate>();
        foreach (var seq in seqs) candidates.Add(await ReadyLearnerAsync(app, seq));
        var staff = await f.StaffAsync();
        var sitting = await SittingAsync(app, staff, candidates[0].ProjectId, TimeSpan.FromMinutes(20), duration: 30, windowMinutes: 40, minSubmit: 0);
        await AddAsync(staff, sitting, [.. candidates]);
        await PrepareAsync(staff, sitting);
        foreach (var c in candidates)
        {
            f.Verification.Pass(c.LearnerId, "exam", sitting);
            await SignFlow.SignWithCodeAsync(app, c.Client, c.LearnerId, $"/my/commitments/exam/{sitting}");
        }
        app.Clock.Advance(TimeSpan.FromMinutes(21));
        foreach (var c in candidates)
        {
            var e = await EnterAsync(c, sitting);
            Assert.Equal(HttpStatusCode.OK, (await SaveAsync(c.Client, e, e.Questions[0].Question, 1, [0])).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(c.Client, e)).StatusCode);
            var decided = await staff.PostFormAsync($"/workbench/exams/sittings/{sitting}/review", new Dictionary<string, string>
            {
                ["AttemptId"] = e.AttemptId.ToString(), ["Outcome"] = "Correct", ["Reason"] = "复核确认", ["Basis"] = "考试记录", ["NextStep"] = "",
                ["CorrectedScore"] = "80",
            }, "Decide");
            Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        }
        return [.. candidates];
    }

    public static Task<HttpResponseMessage> IssueAsync(HttpClient staff, Guid projectId, Guid learnerId)
        => staff.PostFormAsync($"/workbench/certificates?ProjectId={projectId}", new Dictionary<string, string>
        {
            ["ProjectId"] = projectId.ToString(), ["LearnerId"] = learnerId.ToString(),
        }, "Issue");

    /// <summary>Issues through the staff page and returns the stored certificate.</summary>
    public static async Task<Certificate> IssuedAsync(TestApp app, HttpClient staff, Candidate c)
    {
        var response = await IssueAsync(staff, c.ProjectId, c.LearnerId);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        return await CertificateAsync(app, id);
    }

    public static Task<Certificate> CertificateAsync(TestApp app, Guid id)
        => app.WithDbAsync(db => db.Set<Certificate>().AsNoTracking().SingleAsync(x => x.Id == id));

    public static Task<HttpResponseMessage> ActAsync(HttpClient staff, Guid id, string handler, Dictionary<string, string>? fields = null)
        => staff.PostFormAsync($"/workbench/certificates/{id}", fields ?? [], handler);

    public static HttpClient Anonymous(TestApp app) => app.Browser();
}
