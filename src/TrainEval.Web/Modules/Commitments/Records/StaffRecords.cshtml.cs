using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Commitments.Records;

/// <summary>Signed commitments of the user's projects, filtered by project, kind, status, learner and date.</summary>
[Authorize(Policy = Permissions.Commitments.ViewRecords)]
public sealed class StaffRecordsModel(RecordsHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? ProjectId { get; set; }
    [BindProperty(SupportsGet = true)] public CommitmentKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Learner { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    public IReadOnlyList<ProjectSummary> Projects { get; private set; } = [];
    public IReadOnlyList<RecordRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Projects = await handler.VisibleProjectsAsync(ct);
        if ((Learner ?? "").Length > 40) Learner = Learner![..40];
        Rows = await handler.ListAsync(new RecordFilter(ProjectId, Kind, Status, Learner, From, To), ct);
    }
}
