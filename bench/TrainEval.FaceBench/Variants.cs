using SkiaSharp;

namespace TrainEval.FaceBench;

/// <summary>Synthetic variants of a photo (same person by construction) for the genuine pairs of the evaluation.</summary>
public static class Variants
{
    public static IEnumerable<(string Name, byte[] Bytes)> Of(byte[] png)
    {
        using var src = SKBitmap.Decode(png);
        yield return ("half", Encode(Draw(src, src.Width / 2, src.Height / 2, c => c.Scale(0.5f)), SKEncodedImageFormat.Png));
        yield return ("jpeg-q30", Encode(src, SKEncodedImageFormat.Jpeg, 30));
        yield return ("flip", Encode(Draw(src, src.Width, src.Height, c => { c.Translate(src.Width, 0); c.Scale(-1, 1); }), SKEncodedImageFormat.Png));
        yield return ("rot15", Encode(Draw(src, src.Width, src.Height, c => c.RotateDegrees(15, src.Width / 2f, src.Height / 2f)), SKEncodedImageFormat.Png));
        yield return ("dark50", Encode(Draw(src, src.Width, src.Height, null, Brightness(0.5f)), SKEncodedImageFormat.Png));
        yield return ("blur2", Encode(Draw(src, src.Width, src.Height, null, null, 2), SKEncodedImageFormat.Png));
    }

    /// <summary>Harder degradations, reported separately (not all should pass quality).</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Degraded(byte[] png)
    {
        using var src = SKBitmap.Decode(png);
        yield return ("blur4", Encode(Draw(src, src.Width, src.Height, null, null, 4), SKEncodedImageFormat.Png));
        yield return ("blur8", Encode(Draw(src, src.Width, src.Height, null, null, 8), SKEncodedImageFormat.Png));
        yield return ("dark25", Encode(Draw(src, src.Width, src.Height, null, Brightness(0.25f)), SKEncodedImageFormat.Png));
        yield return ("dark12", Encode(Draw(src, src.Width, src.Height, null, Brightness(0.12f)), SKEncodedImageFormat.Png));
        yield return ("bright", Encode(Draw(src, src.Width, src.Height, null, Brightness(2.2f)), SKEncodedImageFormat.Png));
        yield return ("quarter", Encode(Draw(src, src.Width / 4, src.Height / 4, c => c.Scale(0.25f)), SKEncodedImageFormat.Png));
        yield return ("jpeg-q5", Encode(src, SKEncodedImageFormat.Jpeg, 5));
    }

    public static SKColorFilter Brightness(float k) => SKColorFilter.CreateColorMatrix(
    [
        k, 0, 0, 0, 0,
        0, k, 0, 0, 0,
        0, 0, k, 0, 0,
        0, 0, 0, 1, 0,
    ]);

    public static SKBitmap Draw(SKBitmap src, int w, int h, Action<SKCanvas>? transform, SKColorFilter? filter = null, float blur = 0)
    {
        var dst = new SKBitmap(w, h);
        using var canvas = new SKCanvas(dst);
        canvas.Clear(SKColors.Black);
        transform?.Invoke(canvas);
        using var paint = new SKPaint { ColorFilter = filter };
        if (blur > 0) paint.ImageFilter = SKImageFilter.CreateBlur(blur, blur);
        using var image = SKImage.FromBitmap(src);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        return dst;
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 100)
    {
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }
}

/// <summary>Synthetic test images for camera tests.</summary>
public static class FakeTurns
{
    /// <summary>
    /// The image plane rotated about its vertical centre line by <paramref name="degrees"/> and seen in perspective
    /// (camera at <paramref name="cameraDistance"/> × image width): positive degrees push the image's right side away.
    /// On the astronaut fixture positive angles read as a head turned to the person's own LEFT (negative yaw); see the
    /// engine README for the measured yaw per angle. Returns a PNG of the same size (black where nothing is drawn).
    /// </summary>
    public static byte[] TurnedFace(byte[] image, float degrees, float cameraDistance = 1.2f)
    {
        using var source = SKBitmap.Decode(image) ?? throw new ArgumentException("Not a decodable image.", nameof(image));
        var cx = source.Width / 2f;
        var cy = source.Height / 2f;
        var theta = degrees * MathF.PI / 180f;
        var d = cameraDistance * source.Width;
        // Centred coordinates (u, v): x' = u·cosθ / w, y' = v / w, w = 1 + u·sinθ / d.
        var perspective = new SKMatrix(MathF.Cos(theta), 0, 0, 0, 1, 0, MathF.Sin(theta) / d, 0, 1);
        var m = SKMatrix.CreateTranslation(-cx, -cy).PostConcat(perspective).PostConcat(SKMatrix.CreateTranslation(cx, cy));
        using var result = new SKBitmap(new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(result))
        {
            canvas.Clear(SKColors.Black);
            canvas.SetMatrix(m);
            using var img = SKImage.FromBitmap(source);
            canvas.DrawImage(img, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }
        using var data = result.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// A head turn simulated on a still photo: the columns within <paramref name="radius"/> of <paramref name="centerX"/>
    /// are treated as a vertical cylinder (the head) and rotated by <paramref name="degrees"/> about its axis (orthographic
    /// view): features move sideways with their depth, one side of the face is foreshortened. Positive degrees move the
    /// nose towards the image's right = the person turning to their own LEFT. Columns outside the cylinder are unchanged.
    /// </summary>
    public static byte[] CylinderTurn(byte[] image, float degrees, float centerX, float radius)
    {
        using var source = SKBitmap.Decode(image) ?? throw new ArgumentException("Not a decodable image.", nameof(image));
        using var src = source.Copy(SKColorType.Rgba8888);
        using var result = src.Copy();
        var theta = degrees * MathF.PI / 180f;
        var w = src.Width;
        var h = src.Height;
        var input = src.GetPixelSpan();
        var output = result.GetPixelSpan();
        for (var x = 0; x < w; x++)
        {
            var u = (x + 0.5f - centerX) / radius;
            if (Math.Abs(u) >= 1) continue;
            var phi = MathF.Asin(u) - theta; // the surface point now seen in this column came from angle phi
            float sx;
            if (Math.Abs(phi) <= MathF.PI / 2) sx = centerX + radius * MathF.Sin(phi) - 0.5f;
            else sx = float.NaN;
            var x0 = (int)MathF.Floor(sx);
            var f = sx - x0;
            for (var y = 0; y < h; y++)
            {
                var o = 4 * (y * w + x);
                if (float.IsNaN(sx) || x0 < 0 || x0 + 1 >= w)
                {
                    output[o] = output[o + 1] = output[o + 2] = 0;
                    output[o + 3] = 255;
                    continue;
                }
                var i0 = 4 * (y * w + x0);
                for (var c = 0; c < 4; c++) output[o + c] = (byte)(input[i0 + c] * (1 - f) + input[i0 + 4 + c] * f + 0.5f);
            }
        }
        using var data = result.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
