namespace TrainEval.FaceEngine;

/// <summary>RGBA (premultiplied, opaque after decoding on black) → planar float model inputs.</summary>
internal static class Tensors
{
    public enum Order { Rgb, Bgr }

    /// <summary>NCHW planes: (v − offset) × scale, channels in the given order.</summary>
    public static void Chw(ReadOnlySpan<byte> rgba, int pixels, Span<float> dst, Order order, float offset, float scale)
    {
        var first = order == Order.Rgb ? 0 : 2;
        var third = 2 - first;
        for (var i = 0; i < pixels; i++)
        {
            dst[i] = (rgba[4 * i + first] - offset) * scale;
            dst[pixels + i] = (rgba[4 * i + 1] - offset) * scale;
            dst[2 * pixels + i] = (rgba[4 * i + third] - offset) * scale;
        }
    }

    /// <summary>NCHW RGB planes: (v/255 − mean[c]) / std[c].</summary>
    public static void ChwNormalized(ReadOnlySpan<byte> rgba, int pixels, Span<float> dst, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        for (var c = 0; c < 3; c++)
        {
            var m = mean[c];
            var inv = 1f / std[c];
            var plane = dst.Slice(c * pixels, pixels);
            for (var i = 0; i < pixels; i++) plane[i] = (rgba[4 * i + c] / 255f - m) * inv;
        }
    }

    /// <summary>Luma (BT.601: 0.299 R + 0.587 G + 0.114 B) × scale.</summary>
    public static void Gray(ReadOnlySpan<byte> rgba, int pixels, Span<float> dst, float scale)
    {
        for (var i = 0; i < pixels; i++)
            dst[i] = (0.299f * rgba[4 * i] + 0.587f * rgba[4 * i + 1] + 0.114f * rgba[4 * i + 2]) * scale;
    }

    /// <summary>Variance of the 4-neighbour Laplacian over the interior pixels (a standard focus measure).</summary>
    public static float LaplacianVariance(ReadOnlySpan<float> gray, int width, int height)
    {
        double sum = 0, sumSq = 0;
        var n = 0;
        for (var y = 1; y < height - 1; y++)
            for (var x = 1; x < width - 1; x++)
            {
                var i = y * width + x;
                double l = gray[i - 1] + gray[i + 1] + gray[i - width] + gray[i + width] - 4 * gray[i];
                sum += l;
                sumSq += l * l;
                n++;
            }
        if (n == 0) return 0;
        var mean = sum / n;
        return (float)(sumSq / n - mean * mean);
    }
}
