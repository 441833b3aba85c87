using SkiaSharp;

namespace TrainEval.FaceEngine;

/// <summary>A decoded, EXIF-oriented RGBA image (working copy; large JPEGs are decoded downscaled).</summary>
internal sealed class DecodedImage(SKImage image, int originalWidth, int originalHeight) : IDisposable
{
    public SKImage Image { get; } = image;
    public int Width => Image.Width;
    public int Height => Image.Height;

    /// <summary>Oriented size of the encoded image (what callers see in FaceAnalysis).</summary>
    public int OriginalWidth { get; } = originalWidth;
    public int OriginalHeight { get; } = originalHeight;

    /// <summary>Working pixels → original pixels.</summary>
    public float ToOriginal => (float)OriginalWidth / Width;

    public void Dispose() => Image.Dispose();
}

/// <summary>
/// Untrusted bytes → pixels with SkiaSharp. Size and pixel count are checked from the header BEFORE any pixel is
/// decoded; only JPEG, PNG and WebP are accepted (Skia also sniffs weak formats such as WBMP, which random bytes can
/// match); truncated or corrupt data is reported, never thrown.
/// </summary>
internal static class ImageDecoding
{
    /// <summary>JPEGs larger than this (longest side) are decoded at a reduced scale by libjpeg (1/2, 1/4, 1/8).</summary>
    public const int WorkingSide = 2048;

    public static (DecodedImage? Image, ImageProblem Problem) Decode(ReadOnlySpan<byte> bytes, int maxBytes, int maxPixels)
    {
        if (bytes.IsEmpty) return (null, ImageProblem.Empty);
        if (bytes.Length > maxBytes) return (null, ImageProblem.TooLarge);
        try
        {
            return DecodeChecked(bytes, maxPixels);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or IOException)
        {
            return (null, ImageProblem.NotAnImage);
        }
    }

    private static (DecodedImage?, ImageProblem) DecodeChecked(ReadOnlySpan<byte> bytes, int maxPixels)
    {
        using var data = SKData.CreateCopy(bytes);
        var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream, out var created); // takes ownership of the stream on success
        if (codec is null)
        {
            stream.Dispose();
            return (null, created == SKCodecResult.IncompleteInput ? ImageProblem.Truncated : ImageProblem.NotAnImage);
        }
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp))
            return (null, ImageProblem.NotAnImage);
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0) return (null, ImageProblem.NotAnImage);
        if ((long)info.Width * info.Height > maxPixels) return (null, ImageProblem.TooManyPixels);

        var size = new SKSizeI(info.Width, info.Height);
        var longest = Math.Max(info.Width, info.Height);
        if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg && longest > WorkingSide)
        {
            var scaled = codec.GetScaledDimensions((float)WorkingSide / longest);
            if (scaled.Width > 0 && scaled.Height > 0) size = scaled;
        }
        var decodeInfo = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap();
        try
        {
            if (!bitmap.TryAllocPixels(decodeInfo)) return (null, ImageProblem.TooManyPixels);
            bitmap.Erase(SKColors.Black);
            var result = codec.GetPixels(decodeInfo, bitmap.GetPixels());
            if (result is SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput) return (null, ImageProblem.Truncated);
            if (result != SKCodecResult.Success) return (null, ImageProblem.NotAnImage);

            var origin = codec.EncodedOrigin;
            var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
            var originalWidth = swap ? info.Height : info.Width;
            var originalHeight = swap ? info.Width : info.Height;
            var oriented = Orient(bitmap, origin);
            if (!ReferenceEquals(oriented, bitmap)) { bitmap.Dispose(); bitmap = oriented; }
            bitmap.SetImmutable();
            var image = SKImage.FromBitmap(bitmap) ?? throw new InvalidOperationException("Skia could not wrap the decoded pixels.");
            return (new DecodedImage(image, originalWidth, originalHeight), ImageProblem.None);
        }
        finally
        {
            bitmap.Dispose();
        }
    }

    /// <summary>Applies the EXIF orientation (all eight cases) so that the result is upright.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft) return source;
        float w = source.Width, h = source.Height;
        // source → destination mapping: x' = sx·x + kx·y + tx, y' = ky·x + sy·y + ty
        var m = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(new SKImageInfo(swap ? source.Height : source.Width, swap ? source.Width : source.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.Black);
        canvas.SetMatrix(m);
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }
}

/// <summary>Resampling of the working image into small model inputs (crops, affine alignment).</summary>
internal static class Warp
{
    /// <summary>
    /// Renders the source through <paramref name="sourceToTarget"/> into a w×h RGBA buffer; outside the source is black.
    /// Linear filtering; mipmaps when the target is much smaller than the source region (avoids aliasing on big photos).
    /// </summary>
    public static byte[] Render(SKImage source, SKMatrix sourceToTarget, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var pixels = new byte[width * height * 4];
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(pixels, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            using var surface = SKSurface.Create(info, handle.AddrOfPinnedObject(), width * 4)
                ?? throw new InvalidOperationException("Skia could not create a raster surface.");
            var canvas = surface.Canvas;
            canvas.Clear(SKColors.Black);
            canvas.SetMatrix(sourceToTarget);
            var scale = MathF.Sqrt(Math.Abs(sourceToTarget.ScaleX * sourceToTarget.ScaleY - sourceToTarget.SkewX * sourceToTarget.SkewY));
            var sampling = scale < 0.5f
                ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
                : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None);
            canvas.DrawImage(source, 0, 0, sampling);
            canvas.Flush();
        }
        finally
        {
            handle.Free();
        }
        return pixels;
    }

    /// <summary>Crop of the rectangle (x, y, w, h) stretched to width×height.</summary>
    public static byte[] Crop(SKImage source, float x, float y, float w, float h, int width, int height)
    {
        var m = SKMatrix.CreateTranslation(-x, -y).PostConcat(SKMatrix.CreateScale(width / w, height / h));
        return Render(source, m, width, height);
    }
}
