using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Complaints.MyComplaints;

/// <summary>The learner's complaints, newest first, with their state and what is due.</summary>
[Authorize(Policy = Permissions.Complaints.File)]
public sealed class MyComplaintsModel(ComplainantHandler handler, CurrentUser me, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Complaint> Complaints { get; private set; } = [];
    public DateTime NowUtc { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Complaints = await handler.MineAsync(me.RequiredUserId, ct);
    }
}
