using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment;
using static TrainEval.IntegrationTests.Infrastructure.EnrollmentFlow;

namespace TrainEval.IntegrationTests.Infrastructure;

/// <summary>A learner whose course is open: registered, applied, paid (sandbox) and approved, signed in.</summary>
public sealed record ActivatedLearner(HttpClient Client, Guid LearnerId, Guid EnrollmentId, Guid ProjectId);

public static class LearningFlow
{
    /// <summary>
    /// Registers a learner (seq: three digits, unique within the shared test app — ranges: content 600–649,
    /// practice 650–699, records 700–749, ledger/player 750–799, anomalies 800–849, face verification 850–899), takes them through enrollment and
    /// activation, and returns the signed-in client.
    /// </summary>
    public static async Task<ActivatedLearner> ActivatedLearnerAsync(TestApp app, string seq)
    {
        var learner = await NewLearnerAsync(app, seq);
        var enrollmentId = await SubmitAsync(app, learner);
        await OrderAsync(app, learner, enrollmentId);
        await PaySandboxAsync(learner, enrollmentId);
        var reviewer = app.Browser();
        await reviewer.LoginAsync("train.reviewer");
        Redirects(await DecideAsync(reviewer, enrollmentId, "Approved", "材料齐全"));
        var (learnerId, projectId) = await app.WithDbAsync(async db =>
        {
            var a = await db.Set<EnrollmentApplication>().SingleAsync(x => x.Id == enrollmentId);
            return (a.LearnerId, a.ProjectId);
        });
        return new ActivatedLearner(learner, learnerId, enrollmentId, projectId);
    }
}
