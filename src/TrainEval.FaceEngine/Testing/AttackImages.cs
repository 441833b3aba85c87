using System.Numerics;
using SkiaSharp;

namespace TrainEval.FaceEngine.Testing;

/// <summary>
/// Crude synthetic stand-ins for presentation attacks, made from a genuine photo: a printed copy held up to the camera
/// and a photo shown on a screen. No real attack set is reachable here; these are used by the evaluation harness
/// (liveness scores per set) and by tests that a held-up copy never passes a verification.
/// </summary>
public static class AttackImages
{
    /// <summary>A printed copy: faded warm paper colours, paper grain and a paper border around the photo (JPEG).</summary>
    public static byte[] PrintLike(byte[] image, int seed = 1)
    {
        using var src = SKBitmap.Decode(image) ?? throw new ArgumentException("Not an image.", nameof(image));
        var border = src.Width / 12;
        using var dst = new SKBitmap(src.Width + 2 * border, src.Height + 2 * border);
        using (var canvas = new SKCanvas(dst))
        {
            canvas.Clear(new SKColor(235, 230, 215));
            using var paint = new SKPaint
            {
                ColorFilter = SKColorFilter.CreateColorMatrix([0.7f, 0.1f, 0.05f, 0, 40 / 255f, 0.05f, 0.7f, 0.05f, 0, 35 / 255f, 0.05f, 0.05f, 0.6f, 0, 30 / 255f, 0, 0, 0, 1, 0]),
            };
            using var img = SKImage.FromBitmap(src);
            canvas.DrawImage(img, border, border, new SKSamplingOptions(SKFilterMode.Linear), paint);
        }
        var rnd = new Random(seed);
        var px = dst.GetPixelSpan();
        for (var i = 0; i < px.Length; i += 4)
        {
            var n = rnd.Next(-12, 13);
            for (var c = 0; c < 3; c++) px[i + c] = (byte)Math.Clamp(px[i + c] + n, 0, 255);
        }
        return Jpeg(dst);
    }

    /// <summary>A photo on a screen: moiré from the pixel grid, a blue cast and a glare spot (JPEG).</summary>
    public static byte[] ScreenLike(byte[] image)
    {
        using var src = SKBitmap.Decode(image) ?? throw new ArgumentException("Not an image.", nameof(image));
        using var dst = src.Copy(SKColorType.Rgba8888);
        var px = dst.GetPixelSpan();
        var w = dst.Width;
        for (var y = 0; y < dst.Height; y++)
            for (var x = 0; x < w; x++)
            {
                var i = 4 * (y * w + x);
                var moire = 0.85f + 0.15f * MathF.Sin((x * 0.9f + y * 0.35f)) * MathF.Sin(y * 0.8f);
                var glare = MathF.Max(0, 1 - Vector2.Distance(new Vector2(x, y), new Vector2(w * 0.7f, dst.Height * 0.25f)) / (w * 0.35f)) * 90;
                px[i] = (byte)Math.Clamp(px[i] * moire * 0.9f + glare, 0, 255);
                px[i + 1] = (byte)Math.Clamp(px[i + 1] * moire * 0.95f + glare, 0, 255);
                px[i + 2] = (byte)Math.Clamp(px[i + 2] * moire * 1.1f + 15 + glare, 0, 255);
            }
        return Jpeg(dst);
    }

    private static byte[] Jpeg(SKBitmap bitmap)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
