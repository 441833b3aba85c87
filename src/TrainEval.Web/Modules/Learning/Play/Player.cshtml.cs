using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Media;
using TrainEval.Web.Modules.Learning.Public;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.Play;

/// <summary>
/// The video player page (LRN-03): opens a learning session, hands the player its token, the signed video URL and the
/// server's resume point. Everything the player does is re-decided by the ledger writer from heartbeats. After the
/// learning period, within the replay validity, the same page plays in replay mode (LRN-10: logged, never credited).
/// </summary>
[Authorize(Policy = Permissions.Learning.Learn)]
internal sealed class PlayerModel(CourseCatalog catalog, PlayerSessions players, MediaUrls media, CurrentUser me, TimeProvider clock,
    IServiceProvider services) : PageModel
{
    public CourseUnit Unit { get; private set; } = null!;
    public Course Course { get; private set; } = null!;
    public string? Refusal { get; private set; }
    public OpenedPlayer? Opened { get; private set; }
    public string VideoUrl { get; private set; } = "";
    public bool Replay { get; private set; }
    public bool IdentityChecksEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid unitId, CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        var view = await catalog.GetUnitForLearnerAsync(learnerId, unitId, ct);
        if (view is null || !view.Unit.IsPlayable || view.Unit.ArchivedAtUtc is not null) return NotFound();
        Unit = view.Unit;
        Course = view.Course;
        IdentityChecksEnabled = services.GetService<IIdentityCheckVerifier>() is { } verifier
            && (await verifier.LearnersCheckedByFaceAsync([learnerId], ct)).Count > 0;

        if (view.ActivationId is null) { Refusal = "尚未开通本课程。"; return Page(); }
        if (!view.ActivationOpen)
        {
            if (!view.ReplayOpen) { Refusal = "课程访问已关闭，或学习与回看有效期均已结束。"; return Page(); }
            Replay = true;
        }
        else if (view.Locked) { Refusal = view.LockReason; return Page(); }

        var loginSession = User.FindFirstValue(LoginSessionGuard.Claim) ?? "";
        Opened = await players.OpenAsync(learnerId, loginSession, Unit, Course, Replay, me.Ip, Request.Headers.UserAgent.ToString(),
            clock.GetUtcNow().UtcDateTime, ct);
        if (Opened.Feedback.Stop) { Refusal = Opened.Feedback.Message; return Page(); }
        VideoUrl = media.ForUnit(Unit.Id, learnerId, Unit.DurationSeconds);
        return Page();
    }
}
