using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkiaSharp;
using TrainEval.IntegrationTests.Infrastructure;

namespace TrainEval.IntegrationTests.Verification;

/// <summary>Face images as a camera would send them, and the learner's steps on the identity page.</summary>
public static partial class FaceFlow
{
    public static byte[] Image(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Faces", name));

    /// <summary>The image placed on a 640×480 canvas (like a webcam frame), JPEG.</summary>
    public static byte[] Frame(string name, int quality = 85)
    {
        using var source = SKBitmap.Decode(Image(name));
        using var surface = SKSurface.Create(new SKImageInfo(640, 480));
        surface.Canvas.Clear(SKColors.DimGray);
        var scale = Math.Min(640f / source.Width, 480f / source.Height);
        var w = source.Width * scale;
        var h = source.Height * scale;
        using var image = SKImage.FromBitmap(source);
        surface.Canvas.DrawImage(image, new SKRect((640 - w) / 2, (480 - h) / 2, (640 + w) / 2, (480 + h) / 2), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        return snapshot.Encode(SKEncodedImageFormat.Jpeg, quality).ToArray();
    }

    public static async Task ConsentAsync(HttpClient c)
    {
        var page = await c.GetStringAsync("/my/identity");
        var version = ConsentVersion().Match(page).Groups[1].Value;
        var r = await c.PostFormAsync("/my/identity", new Dictionary<string, string> { ["ConsentVersion"] = version }, "Consent");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
    }

    public static async Task<HttpResponseMessage> UploadReferenceAsync(HttpClient c, byte[] photo, string fileName = "me.png")
    {
        var page = await c.GetStringAsync("/my/identity");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Forms.Token(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(photo), "Photo", fileName },
        };
        return await c.PostAsync("/my/identity?handler=Upload", form);
    }

    /// <summary>Starts a trial capture from the identity page; returns the capture id.</summary>
    public static async Task<Guid> StartTrialAsync(HttpClient c)
    {
        var token = Forms.Token(await c.GetStringAsync("/my/identity"));
        var r = await c.PostAsync("/verify/start/trial", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return Guid.Parse(r.Headers.Location!.OriginalString["/verify/".Length..]);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendFramesAsync(HttpClient c, Guid captureId, IEnumerable<byte[]> frames, string? problem = null)
    {
        using var form = new MultipartFormDataContent();
        if (problem is not null) form.Add(new StringContent(problem), "problem");
        var i = 0;
        foreach (var f in frames) form.Add(new ByteArrayContent(f), "frames", $"frame-{i++}.jpg");
        var r = await c.PostAsync($"/api/v1/identity/captures/{captureId}/frames", form);
        return (r.StatusCode, await r.Content.ReadFromJsonAsync<JsonElement>());
    }

    public static IEnumerable<byte[]> Frames(string name, int count = 4) => Enumerable.Range(0, count).Select(i => Frame(name, 80 + i));

    [GeneratedRegex("name=\"ConsentVersion\" value=\"([^\"]+)\"")]
    private static partial Regex ConsentVersion();
}
