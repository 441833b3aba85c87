using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Verification.Capture;

/// <summary>The capture page: camera, face guide, a random active challenge, frames to the server, the decision shown.</summary>
[Authorize(Policy = Permissions.Learning.Learn)]
public sealed class VerifyModel(AppDbContext db, CurrentUser me, TimeProvider clock, IOptions<VerificationOptions> options) : PageModel
{
    public CaptureSession? Capture { get; private set; }
    public string? Problem { get; private set; }
    public int Frames => options.Value.Frames;

    public async Task<IActionResult> OnGetAsync(Guid captureId, CancellationToken ct)
    {
        Capture = await db.Set<CaptureSession>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == captureId && c.LearnerId == me.RequiredUserId, ct);
        if (Capture is null) return NotFound();
        if (Capture.UsedAtUtc is not null) Problem = "该核验请求已使用，请重新开始核验。";
        else if (clock.GetUtcNow().UtcDateTime > Capture.ExpiresAtUtc) Problem = "核验请求已过期，请重新开始核验。";
        return Page();
    }
}

/// <summary>Starts a capture: POST from the identity page (trial) or GET-redirect target of the login gate.</summary>
[Authorize(Policy = Permissions.Learning.Learn)]
public sealed class StartVerifyModel(FaceIdentity identity) : PageModel
{
    public string? Error { get; private set; }

    /// <summary>The login check (IDV-02): bound to this login session, so a new login needs a new check.</summary>
    public async Task<IActionResult> OnGetLoginAsync(string? returnUrl, CancellationToken ct)
    {
        var sid = User.FindFirstValue(LoginSessionGuard.Claim) ?? "";
        return await StartAsync(CheckContext.Login, null, sid, returnUrl, ct);
    }

    public Task<IActionResult> OnPostTrialAsync(CancellationToken ct) => StartAsync(CheckContext.Trial, null, "trial", "/my/identity", ct);

    private async Task<IActionResult> StartAsync(CheckContext context, Guid? projectId, string contextRef, string? returnUrl, CancellationToken ct)
    {
        var learnerId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var outcome = await identity.IssueCaptureAsync(learnerId, context, projectId, contextRef, returnUrl ?? "/", ct);
        if (!outcome.Ok)
        {
            Error = outcome.Errors.Values.First();
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return Redirect($"/verify/{outcome.Value!.Id}");
    }
}
