using TrainEval.Web.Modules.Commitments.Records;

namespace TrainEval.Web.Modules.Commitments;

/// <summary>Learning and exam commitments (LC-01..03, EC-01..02): templates, signing, re-signing, revocation, PDFs.</summary>
public static class CommitmentsModule
{
    public static void AddCommitments(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<Public.ICommitmentsApi, CommitmentsApi>();
        s.AddScoped<IOneTimeCodeSender, InSiteCodeSender>();
        s.AddScoped<ExamsGateway>();
        s.AddScoped<CommitmentScope>();
        s.AddScoped<Templates.TemplatesHandler>();
        s.AddScoped<Signing.SigningService>();
        s.AddScoped<RecordsHandler>();
        s.AddScoped<PdfPrinter>();
        s.AddScoped<TrainEval.Web.Platform.Archive.IArchiveContributor, Archive.CommitmentsArchive>();
    }

    public static void MapCommitments(this WebApplication app) => app.MapCommitmentPdfs();
}
