using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Commitments;
using TrainEval.IntegrationTests.Exams;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Enrollment;
using static TrainEval.IntegrationTests.Exams.ExamFlow;

namespace TrainEval.IntegrationTests.Archive;

/// <summary>A learner with history: enrolled, paid, approved, learned, signed both commitments, sat an exam whose result was published.</summary>
public sealed record History(Candidate Learner, Guid SittingId, Guid AttemptId);

/// <summary>
/// The exams app (real modules, identity checks faked) plus one learner who went through enrollment → learning → exam,
/// made once for the archive tests. Learner sequence numbers 1050–1099 (4 digits: the birth date is shortened to keep
/// the ID number at 18 characters).
/// </summary>
public sealed class ArchiveFixture : IDisposable
{
    public ExamsFixture Exams { get; } = new();
    public TestApp App => Exams.App;
    private Task<History>? history;
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<History> HistoryAsync()
    {
        await gate.WaitAsync();
        try { return await (history ??= MakeHistoryAsync("1050")); }
        finally { gate.Release(); }
    }

    private async Task<History> MakeHistoryAsync(string seq)
    {
        var c = await ReadyLearnerAsync(App, seq);
        var staff = await Exams.StaffAsync();
        var sitting = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(20), duration: 30, windowMinutes: 40, minSubmit: 0);
        await AddAsync(staff, sitting, c);
        await PrepareAsync(staff, sitting);
        await VerifyAndSignAsync(Exams, c, sitting);
        App.Clock.Advance(TimeSpan.FromMinutes(21));
        var e = await EnterAsync(c, sitting);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(c.Client, e, e.Questions[0].Question, 1, [0])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(c.Client, e)).StatusCode);
        var review = await staff.PostFormAsync($"/workbench/exams/sittings/{sitting}/review", new Dictionary<string, string>
        {
            ["AttemptId"] = e.AttemptId.ToString(), ["Outcome"] = "Confirm", ["Reason"] = "身份核验与考试记录无异常", ["Basis"] = "考试日志", ["NextStep"] = "",
        }, "Decide");
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        return new History(c, sitting, e.AttemptId);
    }

    /// <summary>An activated learner who signed the learning commitment, registered with a 4-digit sequence.</summary>
    public async Task<Candidate> ReadyLearnerAsync(TestApp app, string seq)
    {
        var client = await EnrollmentFlow.NewLearnerAsync(app, seq, birth: "1996050");
        var enrollmentId = await EnrollmentFlow.SubmitAsync(app, client);
        await EnrollmentFlow.OrderAsync(app, client, enrollmentId);
        await EnrollmentFlow.PaySandboxAsync(client, enrollmentId);
        var reviewer = app.Browser();
        await reviewer.LoginAsync("train.reviewer");
        EnrollmentFlow.Redirects(await EnrollmentFlow.DecideAsync(reviewer, enrollmentId, "Approved", "材料齐全"));
        var (learnerId, projectId) = await app.WithDbAsync(async db =>
        {
            var a = await db.Set<EnrollmentApplication>().SingleAsync(x => x.Id == enrollmentId);
            return (a.LearnerId, a.ProjectId);
        });
        await SignFlow.SignWithCodeAsync(app, client, learnerId, $"/my/commitments/learning/{projectId}");
        return new Candidate(client, learnerId, projectId, "学员" + new string(seq.Select(d => "零一二三四五六七八九"[d - '0']).ToArray()));
    }

    public void Dispose() => Exams.Dispose();
}

/// <summary>Reading and rewriting export ZIPs in tests.</summary>
public static class Zips
{
    public static Dictionary<string, byte[]> Read(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read, false, Encoding.UTF8);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        });
    }

    public static byte[] Write(IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        using var ms = new MemoryStream();
        using (var archive = new ZipArchive(ms, ZipArchiveMode.Create, true, Encoding.UTF8))
            foreach (var (name, content) in files)
            {
                using var s = archive.CreateEntry(name).Open();
                s.Write(content);
            }
        return ms.ToArray();
    }
}
