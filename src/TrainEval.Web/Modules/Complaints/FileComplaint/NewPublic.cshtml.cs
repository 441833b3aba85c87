using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TrainEval.Web.Platform;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Complaints.FileComplaint;

/// <summary>Complaint form for the public (no account): name, phone (encrypted, masked), optional e-mail; the number and a one-time access code follow.</summary>
[AllowAnonymous]
[EnableRateLimiting(PlatformServices.ComplaintsRateLimit)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class NewPublicModel(FileComplaintHandler handler, CurrentUser me) : ComplaintFormPage(handler)
{
    public override bool IsPublic => true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (me.Has(Permissions.Complaints.File)) return Redirect("/my/complaints/new");
        await LoadAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await SubmitAsync(asLearner: false, ct);
        if (outcome.Ok)
        {
            TempData["ComplaintNumber"] = outcome.Value!.Complaint.Number;
            TempData["ComplaintCode"] = outcome.Value.AccessCode;
            return Redirect("/complaints/filed");
        }
        await LoadAsync(null, ct);
        return Page();
    }
}
