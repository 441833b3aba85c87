using TrainEval.Web.Platform.Archive;

namespace TrainEval.Web.Modules.Complaints;

public static class ComplaintsModule
{
    public static void AddComplaints(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ComplaintsOptions>().Bind(builder.Configuration.GetSection(ComplaintsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ComplaintScope>();
        builder.Services.AddScoped<FileComplaint.FileComplaintHandler>();
        builder.Services.AddScoped<ComplainantHandler>();
        builder.Services.AddScoped<HandleComplaints.HandleComplaintHandler>();
        builder.Services.AddScoped<Summary.ComplaintSummaryBuilder>();
        builder.Services.AddScoped<IArchiveContributor, ComplaintsArchive>();
    }
}
