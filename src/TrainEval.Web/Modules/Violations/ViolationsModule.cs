using TrainEval.Web.Modules.Violations.Public;

namespace TrainEval.Web.Modules.Violations;

public static class ViolationsModule
{
    public static void AddViolations(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IBansApi, BansApi>();
        builder.Services.AddScoped<IViolationsApi, ViolationsApi>();
        builder.Services.AddScoped<ViolationScope>();
        // Both take IExamsApi, which the exams module registers. Factory registrations resolve the constructor when a page
        // asks for the handler, so start-up validation (ValidateOnBuild in Development) does not depend on the exams module.
        builder.Services.AddScoped(sp => ActivatorUtilities.CreateInstance<RecordViolation.RecordViolationHandler>(sp));
        builder.Services.AddScoped(sp => ActivatorUtilities.CreateInstance<ReviewViolations.DecideViolationHandler>(sp));
        builder.Services.AddScoped<Bans.LiftBanHandler>();
        builder.Services.AddScoped<TrainEval.Web.Platform.Archive.IArchiveContributor, Archive.ViolationsArchive>();
    }
}
