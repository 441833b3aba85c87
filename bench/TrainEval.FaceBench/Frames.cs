using SkiaSharp;

namespace TrainEval.FaceBench;

public static class Frames
{
    /// <summary>The image fitted into a 640×480 frame (black bars), JPEG q85 — what a capture page sends.</summary>
    public static byte[] Camera(byte[] image, int quality = 85)
    {
        using var source = SKBitmap.Decode(image);
        using var frame = new SKBitmap(640, 480);
        using (var canvas = new SKCanvas(frame))
        {
            canvas.Clear(SKColors.Black);
            var scale = Math.Min(640f / source.Width, 480f / source.Height);
            var w = source.Width * scale;
            var h = source.Height * scale;
            using var img = SKImage.FromBitmap(source);
            canvas.DrawImage(img, SKRect.Create((640 - w) / 2, (480 - h) / 2, w, h), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }
        using var data = frame.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);
}
