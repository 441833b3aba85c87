using TrainEval.Web.Modules.Archive.Export;
using TrainEval.Web.Modules.Archive.Verify;

namespace TrainEval.Web.Modules.Archive;

/// <summary>
/// The per-learner archive (ARC-01/02, SEC-02): a read-only projection over every module's <c>IArchiveContributor</c>,
/// its tamper-evident ZIP export and the verification of such a ZIP against its manifest and the audit chain.
/// </summary>
public static class ArchiveModule
{
    public static void AddArchive(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<ArchiveBuilder>();
        s.AddScoped<ArchiveAccess>();
        s.AddScoped<ArchiveExporter>();
        s.AddScoped<ArchiveVerifier>();
        s.AddScoped<VerifyArchiveHandler>();
        s.AddScoped<Pages.ArchivePages>();
    }
}
