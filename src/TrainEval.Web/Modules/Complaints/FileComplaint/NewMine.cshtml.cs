using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TrainEval.Web.Platform;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Complaints.FileComplaint;

/// <summary>Complaint form for a signed-in learner: their name from the account, related project from their enrollments.</summary>
[Authorize(Policy = Permissions.Complaints.File)]
[EnableRateLimiting(PlatformServices.ComplaintsRateLimit)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class NewMineModel(FileComplaintHandler handler, CurrentUser me) : ComplaintFormPage(handler)
{
    public override bool IsPublic => false;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(me.RequiredUserId, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await SubmitAsync(asLearner: true, ct);
        if (outcome.Ok)
        {
            var c = outcome.Value!.Complaint;
            TempData["Flash"] = $"投诉已提交，编号 {c.Number}。将在 {ComplaintSla.ToChina(c.AcknowledgeDueUtc):yyyy-MM-dd HH:mm} 前受理。";
            return Redirect($"/my/complaints/{c.Id}");
        }
        await LoadAsync(me.RequiredUserId, ct);
        return Page();
    }
}
