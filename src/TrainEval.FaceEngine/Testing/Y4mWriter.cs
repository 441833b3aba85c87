using SkiaSharp;

namespace TrainEval.FaceEngine.Testing;

/// <summary>
/// Builds a Chromium fake-camera file (<c>--use-fake-device-for-media-stream --use-file-for-fake-video-capture=FILE.y4m</c>)
/// from still images: YUV4MPEG2, I420 (4:2:0, BT.601 limited range), default 640×480 at 15 fps. Each image is fitted
/// inside the frame (aspect kept, black bars) and shown for the given duration. Chromium loops the file.
/// </summary>
public static class Y4mWriter
{
    /// <summary>Writes the segments (image bytes — PNG/JPEG/WebP — and how long to show each) to a .y4m file.</summary>
    public static void WriteFile(string path, IEnumerable<(byte[] Image, double Seconds)> segments, int width = 640, int height = 480, int fps = 15)
    {
        using var file = File.Create(path);
        Write(file, segments, width, height, fps);
    }

    public static void Write(Stream output, IEnumerable<(byte[] Image, double Seconds)> segments, int width = 640, int height = 480, int fps = 15)
    {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) throw new ArgumentException("Width and height must be positive and even.");
        if (fps <= 0) throw new ArgumentOutOfRangeException(nameof(fps));
        var header = System.Text.Encoding.ASCII.GetBytes($"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n");
        output.Write(header);
        var frameHeader = "FRAME\n"u8.ToArray();
        foreach (var (image, seconds) in segments)
        {
            var frame = I420(image, width, height);
            var count = Math.Max(1, (int)Math.Round(seconds * fps));
            for (var i = 0; i < count; i++)
            {
                output.Write(frameHeader);
                output.Write(frame);
            }
        }
    }

    /// <summary>One I420 frame (Y plane, then U and V at half resolution) of the image fitted into width×height.</summary>
    public static byte[] I420(byte[] image, int width, int height)
    {
        using var source = SKBitmap.Decode(image) ?? throw new ArgumentException("Not a decodable image.", nameof(image));
        using var frame = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(frame))
        {
            canvas.Clear(SKColors.Black);
            var scale = Math.Min((float)width / source.Width, (float)height / source.Height);
            var w = source.Width * scale;
            var h = source.Height * scale;
            using var img = SKImage.FromBitmap(source);
            canvas.DrawImage(img, SKRect.Create((width - w) / 2, (height - h) / 2, w, h), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }
        var rgba = frame.GetPixelSpan();
        var result = new byte[width * height * 3 / 2];
        var u0 = width * height;
        var v0 = u0 + width * height / 4;
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var i = 4 * (y * width + x);
                int r = rgba[i], g = rgba[i + 1], b = rgba[i + 2];
                result[y * width + x] = Clamp(((66 * r + 129 * g + 25 * b + 128) >> 8) + 16);
            }
        for (var y = 0; y < height / 2; y++)
            for (var x = 0; x < width / 2; x++)
            {
                int r = 0, g = 0, b = 0;
                for (var dy = 0; dy < 2; dy++)
                    for (var dx = 0; dx < 2; dx++)
                    {
                        var i = 4 * ((2 * y + dy) * width + 2 * x + dx);
                        r += rgba[i]; g += rgba[i + 1]; b += rgba[i + 2];
                    }
                r = (r + 2) / 4; g = (g + 2) / 4; b = (b + 2) / 4;
                result[u0 + y * (width / 2) + x] = Clamp(((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128);
                result[v0 + y * (width / 2) + x] = Clamp(((112 * r - 94 * g - 18 * b + 128) >> 8) + 128);
            }
        return result;
    }

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);
}

/// <summary>Synthetic frames for camera tests.</summary>
public static class FakeCameraImages
{
    /// <summary>
    /// The same photo with both eyes painted shut: each eye (the 68-point contour 36–41 / 42–47, in image pixels as in
    /// <c>FaceMeasurement.Landmarks</c>) is covered with the skin tone sampled just below it and a dark lid line.
    /// Frames open → closed → open make a blink for a fake camera. Returns PNG.
    /// </summary>
    public static byte[] ClosedEyes(byte[] image, IReadOnlyList<float> landmarks68)
    {
        if (landmarks68.Count != 136) throw new ArgumentException("Expected 68 (x, y) pairs.", nameof(landmarks68));
        using var source = SKBitmap.Decode(image) ?? throw new ArgumentException("Not a decodable image.", nameof(image));
        using var bitmap = source.Copy(SKColorType.Rgba8888);
        using (var canvas = new SKCanvas(bitmap))
        {
            foreach (var first in new[] { 36, 42 })
            {
                float minX = float.MaxValue, maxX = float.MinValue, minY = float.MaxValue, maxY = float.MinValue;
                for (var k = first; k < first + 6; k++)
                {
                    minX = Math.Min(minX, landmarks68[2 * k]); maxX = Math.Max(maxX, landmarks68[2 * k]);
                    minY = Math.Min(minY, landmarks68[2 * k + 1]); maxY = Math.Max(maxY, landmarks68[2 * k + 1]);
                }
                var width = maxX - minX;
                var cx = (minX + maxX) / 2;
                var cy = (minY + maxY) / 2;
                var skin = bitmap.GetPixel((int)Math.Clamp(cx, 0, bitmap.Width - 1), (int)Math.Clamp(cy + width * 0.9f, 0, bitmap.Height - 1));
                using var fill = new SKPaint { Color = skin, IsAntialias = true, MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, width * 0.08f) };
                canvas.DrawOval(cx, cy, width * 0.85f, width * 0.55f, fill);
                using var lid = new SKPaint { Color = new SKColor(40, 30, 30), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(1.5f, width * 0.08f), StrokeCap = SKStrokeCap.Round };
                using var path = new SKPath();
                path.MoveTo(minX, cy);
                path.QuadTo(cx, cy + width * 0.18f, maxX, cy);
                canvas.DrawPath(path, lid);
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
