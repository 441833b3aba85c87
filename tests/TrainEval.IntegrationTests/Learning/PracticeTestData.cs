using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Modules.Demo;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Practice;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.IntegrationTests.Learning;

/// <summary>The demo project's course and practice bank for practice tests, and a learner's way of answering a round.</summary>
public static partial class PracticeTestData
{
    /// <summary>The course of the demo project SSI-SWIM-4 (created here until the content seed provides it).</summary>
    public static Task<Course> CourseAsync(TestApp app) => app.WithDbAsync(async db =>
    {
        var project = await db.Set<Project>().AsNoTracking().SingleAsync(p => p.Code == EnrollmentFlow.Project);
        var course = await db.Set<Course>().AsNoTracking().FirstOrDefaultAsync(c => c.ProjectId == project.Id);
        if (course is not null) return course;
        course = Course.Create(project.Id, project.TrainingInstitutionId, "社会体育指导员（游泳）四级 在线课程", "线上课程", app.Clock.GetUtcNow().UtcDateTime);
        db.Add(course);
        await db.SaveChangesAsync();
        return course;
    });

    /// <summary>The course with the demo practice bank (44 questions; idempotent).</summary>
    public static async Task<Course> CourseWithBankAsync(TestApp app)
    {
        var course = await CourseAsync(app);
        await app.WithDbAsync(async db =>
        {
            var teacher = await db.Set<AppUser>().Where(u => u.UserName == "train.teacher").Select(u => u.Id).SingleAsync();
            await DemoPractice.SeedAsync(db, course.Id, teacher, app.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            return await db.SaveChangesAsync();
        });
        return course;
    }

    public static Task<List<PracticeQuestion>> QuestionsAsync(TestApp app, IEnumerable<Guid> ids)
    {
        var list = ids.ToList();
        return app.WithDbAsync(db => db.Set<PracticeQuestion>().AsNoTracking().Where(q => list.Contains(q.Id)).ToListAsync());
    }

    public static Task<PracticeAttempt> AttemptAsync(TestApp app, Guid id)
        => app.WithDbAsync(db => db.Set<PracticeAttempt>().AsNoTracking().SingleAsync(a => a.Id == id));

    public static string PracticeUrl(Guid projectId) => $"/my/courses/{projectId}/practice";

    /// <summary>Starts a round from the practice page; returns the round id (from the redirect).</summary>
    public static async Task<Guid> StartAsync(HttpClient c, Guid projectId, PracticeMode mode, string scope = "")
    {
        var r = await c.PostFormAsync(PracticeUrl(projectId), new Dictionary<string, string> { ["mode"] = mode.ToString(), ["scope"] = scope }, "Start");
        EnrollmentFlow.Redirects(r);
        return RoundId(r);
    }

    public static Guid RoundId(HttpResponseMessage redirect)
        => Guid.Parse(RoundPattern().Match(redirect.Headers.Location!.OriginalString).Groups[1].Value);

    /// <summary>A wrong answer for the question (another option, a subset for multiple choice, the opposite for true/false).</summary>
    public static string Wrong(PracticeQuestion q) => q.Kind switch
    {
        QuestionKind.TrueFalse => q.AnswerKey == "T" ? "F" : "T",
        QuestionKind.Multiple => q.AnswerKey[..1],
        _ => q.AnswerKey == "A" ? "B" : "A",
    };

    /// <summary>Posts the answers (question → letters or T/F; each letter becomes one form value) to the round page.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient c, Guid projectId, Guid roundId, IEnumerable<(Guid Question, string Answer)> answers,
        params (string Key, string Value)[] extra)
    {
        var url = $"/my/courses/{projectId}/practice/rounds/{roundId}";
        var page = await c.GetStringAsync(url);
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Forms.Token(page)) };
        foreach (var (q, answer) in answers)
            fields.AddRange(answer is "T" or "F" ? [new($"q-{q}", answer)] : answer.Select(ch => new KeyValuePair<string, string>($"q-{q}", ch.ToString())));
        fields.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)));
        return await c.PostAsync(url + "?handler=Submit", new FormUrlEncodedContent(fields));
    }

    /// <summary>Answers the round: the questions at the given positions wrong, the rest right.</summary>
    public static async Task<(HttpResponseMessage Response, List<PracticeQuestion> Questions)> AnswerAsync(TestApp app, HttpClient c, Guid projectId, Guid roundId,
        Func<int, bool> wrongAt)
    {
        var attempt = await AttemptAsync(app, roundId);
        var byId = (await QuestionsAsync(app, attempt.QuestionIds)).ToDictionary(q => q.Id);
        var ordered = attempt.QuestionIds.Select(id => byId[id]).ToList();
        var response = await SubmitAsync(c, projectId, roundId, ordered.Select((q, i) => (q.Id, wrongAt(i) ? Wrong(q) : q.AnswerKey)));
        return (response, ordered);
    }

    [GeneratedRegex(@"/practice/rounds/([0-9a-f-]{36})")]
    private static partial Regex RoundPattern();
}
