using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Learning.Tracking;

/// <summary>What the player posts every 30 s and on every state change.</summary>
public sealed record HeartbeatRequest(string? Token, long Seq, DateTime? ClientTime, double Position, bool Playing, bool Visible, bool Focused,
    double Rate, DateTime? LastInteraction);

public sealed record TokenRequest(string? Token);

public sealed record CheckRequest(string? Token, Guid CheckId);

/// <summary>
/// The player's JSON API (LRN-03..05). Requests are authenticated by the player token (bound to learning session,
/// learner and login session); when a cookie is present it must belong to the same learner ("two learners on one
/// device: the earlier is signed out"), and the login session must still be the account's current one. Refusals of
/// that kind are still written to the ledger (second-device), so the learner and auditors see why time stopped.
/// </summary>
public static class TrackingEndpoints
{
    public const int MaxCaptureBytes = 2 * 1024 * 1024;

    public static void MapLearningTracking(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/learning").AllowAnonymous();
        api.MapPost("/heartbeat", HeartbeatAsync);
        api.MapPost("/interaction", InteractionAsync);
        api.MapPost("/identity-check/start", IdentityCheckStartAsync);
        api.MapPost("/identity-check", IdentityCheckAsync).DisableAntiforgery();
    }

    private static async Task<IResult> HeartbeatAsync([FromBody] HeartbeatRequest? body, HttpContext ctx, PlayerTokens tokens, LoginSessionGuard guard,
        LedgerWriter writer, CurrentUser me, CancellationToken ct)
    {
        if (body is null) return Problem("invalid-request", "请求格式无效。");
        if (body.Seq is < 1 or > 1_000_000_000_000) return Problem("invalid-request", "序号无效。");
        var (ticket, refusal, error) = await AuthorizeAsync(body.Token, ctx, tokens, guard, ct);
        if (error is not null) return error;
        var input = new HeartbeatInput(body.Seq, Utc(body.ClientTime) ?? DateTime.MinValue, body.Position, body.Playing, body.Visible, body.Focused,
            Utc(body.LastInteraction), body.Rate);
        return await SubmitAsync(writer, new LedgerCommand
        {
            Kind = LedgerCommandKind.Heartbeat, LearnerId = ticket!.LearnerId, PlayerSessionId = ticket.PlayerSessionId, Heartbeat = input,
            Refusal = refusal, Ip = me.Ip,
        }, ct);
    }

    private static async Task<IResult> InteractionAsync([FromBody] TokenRequest? body, HttpContext ctx, PlayerTokens tokens, LoginSessionGuard guard,
        LedgerWriter writer, CurrentUser me, CancellationToken ct)
    {
        var (ticket, refusal, error) = await AuthorizeAsync(body?.Token, ctx, tokens, guard, ct);
        if (error is not null) return error;
        if (refusal is not null) return Results.Json(new { code = "second-device", message = refusal }, statusCode: StatusCodes.Status409Conflict);
        return await SubmitAsync(writer, new LedgerCommand
        {
            Kind = LedgerCommandKind.Interaction, LearnerId = ticket!.LearnerId, PlayerSessionId = ticket.PlayerSessionId, Ip = me.Ip,
        }, ct);
    }

    /// <summary>A due check: the verifier issues a capture (nonce + random challenge) bound to this check.</summary>
    private static async Task<IResult> IdentityCheckStartAsync([FromBody] CheckRequest? body, HttpContext ctx, PlayerTokens tokens, LoginSessionGuard guard,
        AppDbContext db, IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<IIdentityCheckVerifier>() is not { } verifier) return Problem("not-enabled", "本平台尚未启用学习过程人脸核验。", 404);
        var (ticket, refusal, error) = await AuthorizeAsync(body?.Token, ctx, tokens, guard, ct);
        if (error is not null) return error;
        if (refusal is not null) return Results.Json(new { code = "second-device", message = refusal }, statusCode: StatusCodes.Status409Conflict);
        var check = await PendingCheckAsync(db, body!.CheckId, ticket!, ct);
        if (check is null) return Problem("unknown-check", "没有待完成的人脸核验。", 404);
        var capture = await verifier.StartAsync(ticket!.LearnerId, check.ProjectId, check.UnitId, check.Id, ct);
        if (capture is null) return Problem("not-ready", "尚未建立人脸底照，无法进行人脸核验：请在“身份核验”页面完成授权与底照，或联系培训机构。", 409);
        return Results.Ok(capture);
    }

    private static async Task<IResult> IdentityCheckAsync(HttpContext ctx, PlayerTokens tokens, LoginSessionGuard guard, LedgerWriter writer,
        AppDbContext db, CurrentUser me, IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<IIdentityCheckVerifier>() is not { } verifier) return Problem("not-enabled", "本平台尚未启用学习过程人脸核验。", 404);
        if (!ctx.Request.HasFormContentType) return Problem("invalid-request", "请求格式无效。");
        var form = await ctx.Request.ReadFormAsync(ct);
        var (ticket, refusal, error) = await AuthorizeAsync(form["token"], ctx, tokens, guard, ct);
        if (error is not null) return error;
        if (refusal is not null) return Results.Json(new { code = "second-device", message = refusal }, statusCode: StatusCodes.Status409Conflict);
        if (!Guid.TryParse(form["checkId"], out var checkId) || !Guid.TryParse(form["captureId"], out var captureId))
            return Problem("invalid-request", "核验编号无效。");
        var frames = new List<byte[]>();
        foreach (var file in form.Files.GetFiles("frames"))
        {
            if (file.Length is 0 or > MaxCaptureBytes) return Problem("invalid-image", "每张画面须为不超过 2 MB 的图片。");
            if (frames.Count >= 20) return Problem("invalid-image", "画面过多。");
            var bytes = new byte[file.Length];
            await using (var s = file.OpenReadStream()) await s.ReadExactlyAsync(bytes, ct);
            frames.Add(bytes);
        }
        var problem = form["problem"].ToString() is "camera" ? "camera" : form["problem"].ToString().Length > 0 ? "interrupted" : null;
        var check = await PendingCheckAsync(db, checkId, ticket!, ct);
        if (check is null) return Problem("unknown-check", "没有待完成的人脸核验。", 404);
        var verdict = await verifier.VerifyAsync(new IdentityCheckSubmission(ticket!.LearnerId, check.ProjectId, check.UnitId, checkId, captureId, frames, problem), ct);
        if (verdict.Retry) return Results.Ok(new { retry = true, message = verdict.Message, nextCapture = verdict.NextCapture });
        return await SubmitAsync(writer, new LedgerCommand
        {
            Kind = LedgerCommandKind.IdentityCheck, LearnerId = ticket.LearnerId, PlayerSessionId = ticket.PlayerSessionId, CheckId = checkId,
            Verdict = verdict, Ip = me.Ip,
        }, ct);
    }

    private sealed record PendingCheck(Guid Id, Guid UnitId, Guid ProjectId);

    private static async Task<PendingCheck?> PendingCheckAsync(AppDbContext db, Guid checkId, PlayerTicket ticket, CancellationToken ct)
        => await (from c in db.Set<IdentityCheck>().AsNoTracking()
                  join course in db.Set<Content.Course>().AsNoTracking() on c.CourseId equals course.Id
                  where c.Id == checkId && c.PlayerSessionId == ticket.PlayerSessionId && c.LearnerId == ticket.LearnerId && c.Outcome == IdentityCheckOutcome.Pending
                  select new PendingCheck(c.Id, c.UnitId, course.ProjectId)).FirstOrDefaultAsync(ct);

    /// <summary>Token → ticket; a valid token with a replaced login or another learner's cookie gives a refusal to record.</summary>
    private static async Task<(PlayerTicket? Ticket, string? Refusal, IResult? Error)> AuthorizeAsync(string? token, HttpContext ctx, PlayerTokens tokens,
        LoginSessionGuard guard, CancellationToken ct)
    {
        var ticket = tokens.Read(token);
        if (ticket is null) return (null, null, Problem("invalid-token", "学习凭证无效或已过期，请刷新页面。", StatusCodes.Status401Unauthorized));
        if (ctx.User.Identity?.IsAuthenticated == true && ctx.User.FindFirstValue(ClaimTypes.NameIdentifier) != ticket.LearnerId.ToString())
            return (ticket, "另一位学员已在此设备登录，本页面已停止计时。", null);
        if (!await guard.IsCurrentAsync(ticket.LearnerId, ticket.LoginSessionId, ct))
            return (ticket, "您的账号已在其他设备或浏览器登录（或已退出），本页面已停止计时。", null);
        return (ticket, null, null);
    }

    private static async Task<IResult> SubmitAsync(LedgerWriter writer, LedgerCommand command, CancellationToken ct)
    {
        try
        {
            return Results.Ok(await writer.SubmitAsync(command, ct).WaitAsync(TimeSpan.FromSeconds(15), ct));
        }
        catch (TimeoutException)
        {
            return Problem("busy", "服务器繁忙，进度稍后重试上报。", StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static DateTime? Utc(DateTime? t) => t is { } v ? v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc) : null;

    private static IResult Problem(string code, string message, int status = StatusCodes.Status400BadRequest)
        => Results.Json(new { code, message }, statusCode: status);
}
