using Microsoft.AspNetCore.Http.HttpResults;
using TrainEval.Web.Modules.Enrollment.Public;

namespace TrainEval.Web.Modules.Enrollment;

public static class EnrollmentModule
{
    public static void AddEnrollment(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IEnrollmentApi, EnrollmentApi>();
        builder.Services.AddScoped<BrowseProjects.ProjectCatalog>();
    }

    public static void MapEnrollment(this WebApplication app)
    {
        app.MapGet("/api/v1/projects", async (BrowseProjects.ProjectCatalog catalog, CancellationToken ct) =>
                TypedResults.Ok(await catalog.PublishedAsync(ct)))
            .WithName("ListProjects").WithTags("Enrollment").AllowAnonymous();

        app.MapGet("/api/v1/projects/{code}", async Task<Results<Ok<BrowseProjects.ProjectDetail>, ProblemHttpResult>> (
                string code, BrowseProjects.ProjectCatalog catalog, CancellationToken ct) =>
                await catalog.DetailAsync(code, ct) is { } detail
                    ? TypedResults.Ok(detail)
                    : TypedResults.Problem(title: "项目不存在或未发布", statusCode: StatusCodes.Status404NotFound))
            .WithName("GetProject").WithTags("Enrollment").AllowAnonymous();
    }
}
