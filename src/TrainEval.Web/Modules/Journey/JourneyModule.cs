using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Journey.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Journey;

public static class JourneyModule
{
    public static void AddJourney(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<JourneyGates>();
        builder.Services.AddScoped<IJourneyApi, JourneyApi>();
    }

    public static void MapJourney(this WebApplication app)
    {
        // After sign-in: learners to their projects, staff to their workbench.
        app.MapGet("/start", (CurrentUser me) => Results.Redirect(
            !me.IsAuthenticated ? "/" : me.Roles.Any(r => r != Roles.Learner) ? "/workbench" : "/my")).ExcludeFromDescription();

        app.MapGet("/api/v1/journey/{projectId:guid}", async Task<Results<Ok<JourneyDto>, ProblemHttpResult>> (
                Guid projectId, JourneyGates gates, IEnrollmentApi enrollment, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var project = await enrollment.GetProjectAsync(projectId, ct);
                if (project is null) return TypedResults.Problem(title: "项目不存在", statusCode: StatusCodes.Status404NotFound);
                var learnerId = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
                var steps = await gates.ForAsync(learnerId, projectId, ct);
                return TypedResults.Ok(new JourneyDto(project.Id, project.Name,
                    steps.Select(s => new JourneyStepDto(s.Key, s.Title, s.State.ToString().ToLowerInvariant(), s.Missing)).ToList()));
            })
            .RequireAuthorization(Permissions.Journey.ViewOwn)
            .WithName("GetJourney").WithTags("Journey");
    }

    public sealed record JourneyDto(Guid ProjectId, string ProjectName, IReadOnlyList<JourneyStepDto> Steps);
    public sealed record JourneyStepDto(string Key, string Title, string State, IReadOnlyList<string> Missing);

    private sealed class JourneyApi(JourneyGates gates) : IJourneyApi
    {
        public Task<(bool Open, IReadOnlyList<string> Missing)> CanOpenAsync(Guid learnerId, Guid projectId, string stepKey, CancellationToken ct)
            => gates.CanOpenAsync(learnerId, projectId, stepKey, ct);

        public Task<IReadOnlyList<string>> MissingBeforeAsync(Guid learnerId, Guid projectId, string stepKey, CancellationToken ct)
            => gates.MissingBeforeAsync(learnerId, projectId, stepKey, ct);
    }
}
