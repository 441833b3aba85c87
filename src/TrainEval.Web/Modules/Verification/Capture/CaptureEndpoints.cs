using System.Security.Claims;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Verification.Capture;

/// <summary>
/// The capture API the capture page and the learning player post frames to. The capture id is a one-time nonce
/// issued to the signed-in learner; another learner's id, an expired or a used one is refused and nothing is stored.
/// </summary>
public static class CaptureEndpoints
{
    public static void MapVerificationCapture(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/identity").RequireAuthorization(Permissions.Learning.Learn);
        api.MapPost("/captures/{captureId:guid}/frames", FramesAsync).DisableAntiforgery();
    }

    private static async Task<IResult> FramesAsync(Guid captureId, HttpContext ctx, FaceIdentity identity, CancellationToken ct)
    {
        if (!Guid.TryParse(ctx.User.FindFirstValue(ClaimTypes.NameIdentifier), out var learnerId)) return Results.Unauthorized();
        if (!ctx.Request.HasFormContentType) return Problem("invalid-request", "请求格式无效。", 400);
        var form = await ctx.Request.ReadFormAsync(ct);
        var problem = form["problem"].ToString() switch { "interrupted" => "interrupted", "camera" => "camera", "" => null, _ => "interrupted" };
        var frames = new List<byte[]>();
        foreach (var file in form.Files.GetFiles("frames"))
        {
            if (file.Length > 8 * 1024 * 1024) return Problem("frame-too-large", "画面过大。", 413);
            var bytes = new byte[file.Length];
            await using (var s = file.OpenReadStream()) await s.ReadExactlyAsync(bytes, ct);
            frames.Add(bytes);
            if (frames.Count > 20) return Problem("too-many-frames", "画面过多。", 400);
        }
        var outcome = await identity.DecideAsync(captureId, learnerId, frames, problem, ct);
        if (!outcome.Ok)
        {
            var status = outcome.Code switch { "not-found" => 404, "used" => 409, "expired" => 410, "not-ready" => 409, _ => 400 };
            return Problem(outcome.Code ?? "invalid", outcome.Errors.Values.First(), status);
        }
        var r = outcome.Value!;
        return Results.Ok(new
        {
            decision = r.DecisionId, outcome = r.Outcome.ToString().ToLowerInvariant(), reason = r.Reason, message = r.Message,
            retriesLeft = r.RetriesLeft, returnUrl = r.ReturnUrl, next = r.NextCaptureId == Guid.Empty ? null : $"/verify/{r.NextCaptureId}",
            nextCapture = r.NextCaptureId == Guid.Empty ? (Guid?)null : r.NextCaptureId,
        });
    }

    private static IResult Problem(string code, string message, int status) => Results.Json(new { code, message }, statusCode: status);
}
