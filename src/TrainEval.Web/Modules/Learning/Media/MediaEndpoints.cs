using System.Globalization;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Files;

namespace TrainEval.Web.Modules.Learning.Media;

/// <summary>
/// Streams course videos and documents to the learner they were signed for (LRN-01, PLT-03): GET and HEAD with HTTP
/// range requests, never cached. Refusals are 403 with a short reason and never the file.
/// </summary>
internal static class MediaEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/media/units/{unitId:guid}/" + MediaUrls.VideoResource, [HttpMethods.Get, HttpMethods.Head],
                (Guid unitId, HttpContext http, MediaGate gate, CancellationToken ct) => gate.ServeAsync(http, unitId, MediaUrls.VideoResource, ct))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapMethods("/media/units/{unitId:guid}/" + MediaUrls.DocumentResource, [HttpMethods.Get, HttpMethods.Head],
                (Guid unitId, HttpContext http, MediaGate gate, CancellationToken ct) => gate.ServeAsync(http, unitId, MediaUrls.DocumentResource, ct))
            .AllowAnonymous().ExcludeFromDescription();
    }
}

/// <summary>The checks behind a media request, in order: signature, expiry, signed-in learner, access, unit kind and file.</summary>
internal sealed class MediaGate(MediaUrls urls, CourseCatalog catalog, CurrentUser me, IFileStore files, ILogger<MediaGate> log)
{
    public async Task<IResult> ServeAsync(HttpContext http, Guid unitId, string resource, CancellationToken ct)
    {
        var q = http.Request.Query;
        http.Response.Headers.CacheControl = "private, no-store";
        if (!Guid.TryParse(q["l"], out var learnerId) || !long.TryParse(q["exp"], NumberStyles.None, CultureInfo.InvariantCulture, out var exp))
            return Refuse("链接无效。");
        switch (urls.Check(resource, unitId, learnerId, exp, q["sig"]))
        {
            case MediaUrlCheck.BadSignature: return Refuse("链接签名无效。");
            case MediaUrlCheck.Expired: return Refuse("链接已过期，请刷新学习页面。");
        }
        if (me.UserId != learnerId) return Refuse(me.UserId is null ? "请先登录。" : "此链接属于其他学员。");

        var unit = await catalog.GetUnitForLearnerAsync(learnerId, unitId, ct);
        if (unit is null) return Refuse("课程内容不存在。");
        // Learning: the unit must be open to the learner; 回看 (LRN-10) within the replay validity may open any unit with content.
        var allowed = unit.ActivationOpen ? !unit.Locked : unit.ReplayOpen;
        if (!allowed) return Refuse(unit.ActivationOpen ? $"未解锁：{unit.LockReason}" : "课程访问已关闭。");
        var kindOk = resource == MediaUrls.VideoResource ? unit.Unit.IsPlayable : unit.Unit.Kind == UnitKind.Document && unit.Unit.HasFile();
        if (!kindOk) return Refuse("课程内容不存在。");

        var stream = await files.OpenAsync(unit.Unit.FileKey, ct);
        if (stream is null)
        {
            log.LogError("Stored file {Key} of unit {Unit} is missing", unit.Unit.FileKey, unitId);
            return Results.Text("文件暂不可用。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (resource == MediaUrls.DocumentResource)
        {
            // Shown inline in the viewer page's frame on this site only. PDFs keep the browser's own viewer working;
            // an image opened on its own gets nothing else.
            http.Response.Headers.XFrameOptions = "SAMEORIGIN";
            http.Response.Headers.ContentSecurityPolicy = unit.Unit.ContentType == "application/pdf"
                ? "frame-ancestors 'self'"
                : "default-src 'none'; img-src 'self'; frame-ancestors 'self'";
            http.Response.Headers.ContentDisposition = "inline";
        }
        return Results.File(stream, unit.Unit.ContentType, enableRangeProcessing: true);
    }

    private static IResult Refuse(string reason) => Results.Text(reason, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
}
