using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Complaints.MyComplaints;

/// <summary>One of the learner's complaints: progress, reply, rating and reopen. Other people's complaints are "not found".</summary>
[Authorize(Policy = Permissions.Complaints.File)]
public sealed class MyComplaintModel(ComplainantHandler handler, CurrentUser me, TimeProvider clock) : PageModel
{
    public ComplainantPanel Panel { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
        => await LoadAsync(id, new Dictionary<string, string>(), ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostRateAsync(Guid id, int? rating, string? ratingComment, CancellationToken ct)
        => ActAsync(id, "感谢您的评价。", () => handler.RateAsync(id, rating, ratingComment, ct), ct);

    public Task<IActionResult> OnPostReopenAsync(Guid id, string? reopenReason, CancellationToken ct)
        => ActAsync(id, "已申请重新处理，受理机构将在新的时限内再次答复。", () => handler.ReopenAsync(id, reopenReason, ct), ct);

    private async Task<IActionResult> ActAsync(Guid id, string done, Func<Task<Outcome<Complaint>>> act, CancellationToken ct)
    {
        if (!await LoadAsync(id, new Dictionary<string, string>(), ct)) return NotFound();
        var outcome = await act();
        if (outcome.Ok)
        {
            TempData["Flash"] = done;
            return Redirect($"/my/complaints/{id}");
        }
        await LoadAsync(id, outcome.Errors, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, IReadOnlyDictionary<string, string> errors, CancellationToken ct)
    {
        var view = await handler.ViewAsync(id, ct);
        if (view is null || view.Complaint.ComplainantUserId != me.RequiredUserId) return false;
        Panel = new ComplainantPanel(view, clock.GetUtcNow().UtcDateTime, handler.Options.ReopenWindowDays, null, $"/my/complaints/{id}/files", errors);
        return true;
    }
}
