using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Journey.MyProjects;

[Authorize(Policy = Permissions.Journey.ViewOwn)]
public sealed class MyProjectsModel(IEnrollmentApi enrollment, IAccountsApi accounts, JourneyGates gates, CurrentUser me) : PageModel
{
    public sealed record Card(ProjectSummary Project, string TrainingInstitution, JourneyStep? Current, bool Enrolled);

    public LearnerProfile? Profile { get; private set; }
    public IReadOnlyList<Card> Enrolled { get; private set; } = [];
    public IReadOnlyList<Card> Open { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        Profile = await accounts.GetProfileAsync(learnerId, ct);
        var cards = new List<Card>();
        foreach (var p in await enrollment.ListPublishedProjectsAsync(ct))
        {
            var steps = await gates.ForAsync(learnerId, p.Id, ct);
            var institution = await accounts.GetInstitutionAsync(p.TrainingInstitutionId, ct);
            cards.Add(new Card(p, institution?.Name ?? "", steps.FirstOrDefault(s => s.State == StepState.Current),
                await enrollment.HasEnrollmentAsync(learnerId, p.Id, ct)));
        }
        Enrolled = cards.Where(c => c.Enrolled).ToList();
        Open = cards.Where(c => !c.Enrolled).ToList();
    }
}
