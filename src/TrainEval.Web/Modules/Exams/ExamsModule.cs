using System.Security.Claims;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Public;
using TrainEval.Web.Modules.Exams.Review;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Jobs;

namespace TrainEval.Web.Modules.Exams;

public static class ExamsModule
{
    public static void AddExams(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IExamsApi, ExamsApi>();
        builder.Services.AddScoped<TrainEval.Web.Platform.Archive.IArchiveContributor, Archive.ExamsArchive>();
        builder.Services.AddScoped<ExamAttempts>();
        builder.Services.AddScoped<AttemptAutosave>();
        builder.Services.AddScoped<IExamEntryApi>(sp => sp.GetRequiredService<ExamAttempts>());
        builder.Services.AddScoped<AttemptSubmitter>();
        builder.Services.AddScoped<SittingAdmin>();
        builder.Services.AddScoped<ExamReview>();
        builder.Services.AddScoped<Makeup.MakeupDesk>();
        builder.Services.AddScoped<Content.ExamContentAdmin>();
        builder.Services.AddSingleton<AttemptSaveCache>();
        builder.Services.AddSingleton<AnswerWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AnswerWriter>());
        builder.Services.AddScoped<PrepareAttemptsJob>();
        builder.Services.AddScoped<CloseOverdueAttemptsJob>();
        builder.Services.AddScoped<IRecurringJob>(sp => sp.GetRequiredService<PrepareAttemptsJob>());
        builder.Services.AddScoped<IRecurringJob>(sp => sp.GetRequiredService<CloseOverdueAttemptsJob>());
    }

    public sealed record SaveDto(Guid Entry, Guid QuestionId, long Seq, int[]? Choices, string? Text);
    public sealed record EventDto(Guid Entry, string Kind);
    public sealed record SubmitDto(Guid Entry);

    public static void MapExams(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/exams/attempts/{attemptId:guid}").RequireAuthorization(Permissions.Exams.Sit).WithTags("Exams");

        // EXM-03 autosave: 200 {saved, status, secondsLeft} once durable; 400 bad answer; 404 not yours; 409 locked or superseded;
        // 503 (Retry-After) when the writer's queue is full and nothing was queued.
        api.MapPost("/answers", async (Guid attemptId, SaveDto body, AttemptAutosave autosave, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        {
            var (status, error, result) = await autosave.SaveAsync(LearnerId(user), attemptId, new SaveRequest(body.Entry, body.QuestionId, body.Seq, body.Choices, body.Text), ct);
            if (status == 503) http.Response.Headers.RetryAfter = "2";
            return status == 200 ? Results.Ok(result)
                : Results.Json(new { title = error, status, saved = false, state = result?.Status, secondsLeft = result?.SecondsLeft ?? 0 }, statusCode: status,
                    contentType: "application/problem+json");
        }).WithName("SaveExamAnswer");

        api.MapPost("/events", async (Guid attemptId, EventDto body, ExamAttempts attempts, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var status = await attempts.RecordClientEventAsync(LearnerId(user), attemptId, body.Entry, body.Kind ?? "", ct);
            return status == 204 ? Results.NoContent() : Results.Problem(title: status switch { 400 => "未知的事件类型", 404 => "答卷不存在", _ => "答卷已锁定或页面已失效" }, statusCode: status);
        }).WithName("RecordExamEvent");

        api.MapGet("/time", async (Guid attemptId, ExamAttempts attempts, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var left = await attempts.TimeLeftAsync(LearnerId(user), attemptId, ct);
            return left < 0 ? Results.Problem(title: "答卷不存在", statusCode: 404) : Results.Ok(new { secondsLeft = left });
        }).WithName("ExamTimeLeft");

        api.MapPost("/submit", async (Guid attemptId, SubmitDto body, ExamAttempts attempts, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var outcome = await attempts.SubmitAsync(LearnerId(user), attemptId, body.Entry, ct);
            if (!outcome.Ok) return Results.Problem(title: outcome.Errors.Values.First(), statusCode: outcome.Code == "exams.not_found" ? 404 : 409, extensions: new Dictionary<string, object?> { ["code"] = outcome.Code });
            var a = outcome.Value!;
            return Results.Ok(new { submitted = true, mode = a.SubmitMode?.ToString().ToLowerInvariant(), submittedAt = a.SubmittedAtUtc });
        }).WithName("SubmitExamAttempt");
    }

    private static Guid LearnerId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
