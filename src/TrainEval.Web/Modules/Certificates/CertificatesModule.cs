using TrainEval.Web.Modules.Certificates.Public;

namespace TrainEval.Web.Modules.Certificates;

public static class CertificatesModule
{
    public static void AddCertificates(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Only reads the module's tables: the journey gates depend on it (no IJourneyApi here, no cycle).
        services.AddScoped<ICertificatesApi, CertificatesApi>();
        services.AddScoped<CertificateScope>();
        services.AddScoped<CertificateDocuments>();
        // Factory registrations: these need other modules' APIs, resolved when a page asks (see ViolationsModule).
        services.AddScoped(sp => ActivatorUtilities.CreateInstance<CertificateIssuer>(sp));
        services.AddScoped(sp => ActivatorUtilities.CreateInstance<CertificateActions>(sp));
        services.AddScoped(sp => ActivatorUtilities.CreateInstance<RevokeOnViolationJob>(sp));
        services.AddScoped<Platform.Jobs.IRecurringJob>(sp => sp.GetRequiredService<RevokeOnViolationJob>());
        services.AddScoped<Platform.Archive.IArchiveContributor, CertificatesArchive>();
    }
}
