using TrainEval.Web.Modules.Verification.Capture;

namespace TrainEval.Web.Modules.Verification;

/// <summary>Face verification (IDV): consent, reference faces, captures and decisions, review, monitoring.</summary>
public static class VerificationModule
{
    public static void AddVerification(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<VerificationOptions>().Bind(builder.Configuration.GetSection(VerificationOptions.Section));
        services.AddMemoryCache();
        services.AddSingleton<FaceService>();
        services.AddScoped<BiometricVault>();
        services.AddScoped<FaceIdentity>();
        services.AddScoped<StaffScope>();
        services.AddScoped<TrainEval.Web.Platform.Archive.IArchiveContributor, Archive.VerificationArchive>();
        services.AddScoped<Public.IVerificationApi, VerificationApi>();
        services.AddScoped<Learning.Public.IIdentityCheckVerifier, LearningIdentityVerifier>();
        services.AddScoped<Monitor.FailureRateJob>();
        services.AddScoped<Platform.Jobs.IRecurringJob>(sp => sp.GetRequiredService<Monitor.FailureRateJob>());
        services.AddScoped<Platform.Retention.IRetentionTarget, Retention.LearningFramesRetention>();
        services.AddScoped<Platform.Retention.IRetentionTarget, Retention.ExamFramesRetention>();
    }

    public static void MapVerification(this WebApplication app)
    {
        app.UseMiddleware<LoginCheckGate>();
        app.MapVerificationCapture();
    }
}
