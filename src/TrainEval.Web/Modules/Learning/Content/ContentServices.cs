using TrainEval.Web.Modules.Learning.Authoring;
using TrainEval.Web.Modules.Learning.Documents;
using TrainEval.Web.Modules.Learning.Live;
using TrainEval.Web.Modules.Learning.Media;

namespace TrainEval.Web.Modules.Learning.Content;

/// <summary>Course content (LRN-01, LRN-02, PLT-02, PLT-03): authoring, the learner's outline, media, documents and live sessions.</summary>
public static class ContentServices
{
    public static IServiceCollection AddLearningContent(this IServiceCollection services)
    {
        services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.Section)
            .Validate(o => o.Validate().Count == 0, "Modules:Learning:Content is invalid (MaxVideoBytes 1 MiB–20 GiB, MaxDocumentBytes 64 KiB–30 MiB).")
            .ValidateOnStart();
        services.AddScoped<CourseCatalog>();
        services.AddSingleton<MediaUrls>();
        services.AddScoped<MediaGate>();
        services.AddScoped<CourseAuthoringHandler>();
        services.AddScoped<DocumentReading>();
        services.AddScoped<LiveSessions>();
        return services;
    }

    public static IEndpointRouteBuilder MapLearningContent(this IEndpointRouteBuilder app)
    {
        MediaEndpoints.Map(app);
        VideoUploadEndpoint.Map(app);
        return app;
    }
}
