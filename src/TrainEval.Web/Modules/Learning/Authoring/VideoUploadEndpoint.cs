using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.Authoring;

/// <summary>
/// MP4 upload for video units and live replays (LRN-01, PLT-03). The multipart body is streamed section by section —
/// the antiforgery token first (the form puts it before the file), then the file, copied to a temporary file on disk
/// while counting bytes — so a 1 GiB video never sits in memory. The temporary copy is checked by content
/// (<see cref="Mp4Inspector"/>) and only then stored. The request size limit is this endpoint's own, from
/// <see cref="ContentOptions.MaxVideoBytes"/>. The result is a redirect to the unit page, with an error code when refused.
/// </summary>
internal static class VideoUploadEndpoint
{
    public const string Route = "/workbench/courses/{courseId:guid}/units/{unitId:guid}/video";
    public const string FileField = "file";
    /// <summary>Room for the multipart framing and the token around the file.</summary>
    private const long Overhead = 64 * 1024;
    private const string TokenField = "__RequestVerificationToken";
    private const string TokenHeader = "RequestVerificationToken";

    public static void Map(IEndpointRouteBuilder app)
    {
        var limit = app.ServiceProvider.GetRequiredService<IOptions<ContentOptions>>().Value.MaxVideoBytes;
        app.MapPost(Route, HandleAsync)
            .RequireAuthorization(Permissions.Learning.ManageCourses)
            .WithMetadata(new RequestSizeLimitAttribute(limit + Overhead))
            .DisableAntiforgery()   // validated below, from the first form section, without buffering the body
            .ExcludeFromDescription();
    }

    public static string UnitPage(Guid courseId, Guid unitId) => $"/workbench/courses/{courseId}/units/{unitId}";

    private static async Task<IResult> HandleAsync(Guid courseId, Guid unitId, HttpContext http, CourseAuthoringHandler handler, IAntiforgery antiforgery,
        IOptions<ContentOptions> options, ITempDataDictionaryFactory tempData, CancellationToken ct)
    {
        var max = options.Value.MaxVideoBytes;
        var back = UnitPage(courseId, unitId);
        IResult Refused(string code) => Results.Redirect($"{back}?uploadError={Uri.EscapeDataString(code)}#content");

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature) sizeFeature.MaxRequestBodySize = max + Overhead;
        if (http.Request.ContentLength > max + Overhead) return Refused("video.too_large");
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return Refused("video.form");

        var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024, BodyLengthLimit = max + 1 };
        try
        {
            var section = await reader.ReadNextSectionAsync(ct);
            if (!http.Request.Headers.ContainsKey(TokenHeader))
            {
                // The form's first field is the antiforgery token; hand it to the validator as the header it reads first.
                if (section is null || FieldName(section) != TokenField) return Results.BadRequest();
                http.Request.Headers[TokenHeader] = await ReadSmallAsync(section.Body, 4096, ct);
                section = await reader.ReadNextSectionAsync(ct);
            }
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.BadRequest();
            }

            if (await handler.VideoUploadRefusalAsync(courseId, unitId, ct) is { } refusal)
                return refusal == CourseErrors.NotFound ? Results.NotFound() : Refused(refusal);

            while (section is not null && !IsFile(section)) section = await reader.ReadNextSectionAsync(ct);
            if (section is null) return Refused("video.no_file");
            var fileName = FileName(section);

            var tempPath = Path.Combine(Path.GetTempPath(), "traineval-upload-" + Guid.NewGuid().ToString("N"));
            await using var temp = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await section.Body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > max) return Refused("video.too_large");
                await temp.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            if (total == 0) return Refused(fileName.Length == 0 ? "video.no_file" : Mp4Inspector.Errors.Empty);
            await temp.FlushAsync(ct);

            var outcome = await handler.AttachVideoAsync(courseId, unitId, temp, fileName, ct);
            if (!outcome.Ok) return Refused(outcome.Code ?? "video.invalid");
            var flash = tempData.GetTempData(http);
            flash["Flash"] = $"视频已上传：时长 {ContentText.Duration(outcome.Value!.DurationSeconds)}，{ContentOptions.Size(outcome.Value.FileSize)}。";
            flash.Save();
            return Results.Redirect(back + "#content");
        }
        catch (InvalidDataException)
        {
            return Refused("video.too_large");   // a section beyond the limit, or malformed multipart framing
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refused("video.too_large");
        }
    }

    private static ContentDispositionHeaderValue? Disposition(MultipartSection s)
        => ContentDispositionHeaderValue.TryParse(s.ContentDisposition, out var cd) ? cd : null;

    private static string FieldName(MultipartSection s) => HeaderUtilities.RemoveQuotes(Disposition(s)?.Name ?? default).Value ?? "";

    private static bool IsFile(MultipartSection s) => Disposition(s) is { } cd && cd.IsFileDisposition() && FieldName(s) == FileField;

    private static string FileName(MultipartSection s)
    {
        var cd = Disposition(s);
        var star = HeaderUtilities.RemoveQuotes(cd?.FileNameStar ?? default).Value;
        var name = string.IsNullOrEmpty(star) ? HeaderUtilities.RemoveQuotes(cd?.FileName ?? default).Value : star;
        return Path.GetFileName(name ?? "");
    }

    private static async Task<string> ReadSmallAsync(Stream body, int max, CancellationToken ct)
    {
        using var reader = new StreamReader(body);
        var chars = new char[max + 1];
        var n = await reader.ReadBlockAsync(chars.AsMemory(), ct);
        return n > max ? "" : new string(chars, 0, n);
    }
}
