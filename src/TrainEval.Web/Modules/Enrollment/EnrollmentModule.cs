using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;
using TrainEval.Web.Modules.Enrollment.Public;

namespace TrainEval.Web.Modules.Enrollment;

public static class EnrollmentModule
{
    public static void AddEnrollment(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IEnrollmentApi, EnrollmentApi>();
        builder.Services.AddScoped<TrainEval.Web.Platform.Archive.IArchiveContributor, Archive.EnrollmentArchive>();
        builder.Services.AddScoped<BrowseProjects.ProjectCatalog>();
        builder.Services.AddScoped<Apply.EnrollHandler>();
        builder.Services.AddScoped<Promote.PromoteHandler>();
        builder.Services.AddScoped<ReviewApplications.ReviewHandler>();
        builder.Services.AddScoped<ManageProjects.ManageProjectsHandler>();
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

        // An uploaded material, for its owner or the reviewing institution only; served with its sniffed type, never executed.
        app.MapGet("/files/materials/{id:guid}", async (Guid id, AppDbContext db, IFileStore files, CurrentUser me, AuditLog audit, CancellationToken ct) =>
        {
            var m = await db.Set<EnrollmentMaterial>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (m is null) return Results.NotFound();
            var app = await db.Set<EnrollmentApplication>().AsNoTracking().FirstAsync(a => a.Id == m.EnrollmentId, ct);
            var owner = app.LearnerId == me.UserId;
            var reviewer = me.Has(Permissions.Enrollment.ReviewApplications) && me.TenantIds.Contains(app.TrainingInstitutionId);
            if (!owner && !reviewer) return Results.Forbid();
            if (!owner)
            {
                audit.Record("enrollment.material_viewed", "enrollment", app.Id.ToString(), new { material = m.Id }, app.TrainingInstitutionId);
                await db.SaveChangesAsync(ct);
            }
            var stream = await files.OpenAsync(m.FileKey, ct);
            return stream is null ? Results.NotFound() : Results.File(stream, m.ContentType, enableRangeProcessing: false);
        }).RequireAuthorization().ExcludeFromDescription();
    }
}
