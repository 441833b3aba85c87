using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Learning;

public static class LearningModule
{
    public static void MapLearning(this WebApplication app) => Tracking.TrackingEndpoints.MapLearningTracking(app);

    public static void AddLearning(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ILearningApi, LearningApi>();
        builder.Services.AddScoped<TrainEval.Web.Platform.Archive.IArchiveContributor, Archive.LearningArchive>();
        builder.Services.AddScoped<Completion.CompletionEvaluator>();
        Content.ContentServices.AddLearningContent(builder.Services);
        Records.RecordsServices.AddLearningRecords(builder.Services);
        builder.Services.AddLearningPractice();
        builder.Services.AddSingleton<Tracking.LedgerWriter>();
        // Modules' save interceptors are added to every DbContext (Platform/Data/DataServices).
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor, Tracking.ActivationChangeInterceptor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Tracking.LedgerWriter>());
        builder.Services.AddSingleton<Tracking.PlayerTokens>();
        builder.Services.AddScoped<Tracking.PlayerSessions>();
        builder.Services.AddScoped<Anomalies.ReviewAnomalies.ReviewAnomaliesHandler>();
        builder.Services.AddScoped<Anomalies.DetectAnomaliesJob>();
        builder.Services.AddScoped<ExtendValidity.ExtendValidityHandler>();
        builder.Services.AddScoped<Platform.Jobs.IRecurringJob>(sp => sp.GetRequiredService<Anomalies.DetectAnomaliesJob>());
    }
}

internal sealed class LearningApi(AppDbContext db, AuditLog audit, TimeProvider clock, Completion.CompletionEvaluator completion) : ILearningApi
{
    public async Task<LearningProgress> GetProgressAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var courseId = await db.Set<Content.Course>().Where(c => c.ProjectId == projectId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (courseId is not { } id) return new LearningProgress(false, false, ["培训机构尚未发布课程内容"], 0, 0);
        var result = await completion.EvaluateAsync(learnerId, id, ct);
        var open = await db.Set<Anomalies.LearningAnomaly>().CountAsync(a => a.LearnerId == learnerId && a.CourseId == id && a.Status == Anomalies.AnomalyStatus.Open, ct);
        var missing = result?.Missing.Select(m => $"{m.Label}（{m.Progress}）").ToList() ?? [];
        return new LearningProgress(true, result?.Met == true, missing, open, (result?.EffectiveMs ?? 0) / 60_000);
    }

    public Task<ActivationInfo?> GetActivationAsync(Guid learnerId, Guid projectId, CancellationToken ct)
        => Project(db.Set<CourseActivation>().Where(a => a.LearnerId == learnerId && a.ProjectId == projectId).OrderByDescending(a => a.ActivatedAtUtc))
            .FirstOrDefaultAsync(ct);

    public Task<ActivationInfo?> GetActivationByEnrollmentAsync(Guid enrollmentId, CancellationToken ct)
        => Project(db.Set<CourseActivation>().Where(a => a.EnrollmentId == enrollmentId)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<ActivationRecord>> ListActivationsAsync(IReadOnlyCollection<Guid> enrollmentIds, CancellationToken ct)
        => await db.Set<CourseActivation>().AsNoTracking().Where(a => enrollmentIds.Contains(a.EnrollmentId))
            .Select(a => new ActivationRecord(a.Id, a.EnrollmentId, a.LearnerId, a.ProjectId, a.ActivatedAtUtc, a.ClosedAtUtc)).ToListAsync(ct);

    private IQueryable<ActivationInfo> Project(IQueryable<CourseActivation> q)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return q.AsNoTracking().Select(a => new ActivationInfo(a.Id, a.EnrollmentId, a.ProjectId, a.ActivatedAtUtc, a.LearningValidUntilUtc,
            a.ReplayValidUntilUtc, a.ClosedAtUtc == null && now < a.LearningValidUntilUtc, a.ClosedAtUtc, a.CloseReason));
    }

    public async Task<bool> StageActivationAsync(Guid enrollmentId, Guid learnerId, Guid projectId, int learningDays, int replayDays, CancellationToken ct)
    {
        if (await db.Set<CourseActivation>().AnyAsync(a => a.EnrollmentId == enrollmentId, ct)) return false;
        var activation = CourseActivation.Open(enrollmentId, learnerId, projectId, learningDays, replayDays, clock.GetUtcNow().UtcDateTime);
        db.Set<CourseActivation>().Add(activation);
        audit.Record("course.activated", "enrollment", enrollmentId.ToString(),
            new { activation = activation.Id, validUntil = activation.LearningValidUntilUtc, replayUntil = activation.ReplayValidUntilUtc });
        return true;
    }

    public async Task StageCloseAsync(Guid enrollmentId, string reason, CancellationToken ct)
    {
        var activation = await db.Set<CourseActivation>().FirstOrDefaultAsync(a => a.EnrollmentId == enrollmentId, ct);
        if (activation is null || activation.ClosedAtUtc is not null) return;
        activation.Close(reason, clock.GetUtcNow().UtcDateTime);
        audit.Record("course.closed", "enrollment", enrollmentId.ToString(), new { reason });
    }
}
