using System.Numerics;

namespace TrainEval.FaceEngine;

/// <summary>2-D similarity transform: x' = A·x − B·y + Tx, y' = B·x + A·y + Ty (rotation + uniform scale + shift).</summary>
public readonly record struct SimilarityTransform(float A, float B, float Tx, float Ty)
{
    public float Scale => MathF.Sqrt(A * A + B * B);
    public float RotationDegrees => MathF.Atan2(B, A) * 180f / MathF.PI;
    public Vector2 Apply(Vector2 p) => new(A * p.X - B * p.Y + Tx, B * p.X + A * p.Y + Ty);

    public SimilarityTransform Inverse()
    {
        var d = A * A + B * B;
        var ia = A / d;
        var ib = -B / d;
        // inverse: p = R⁻¹(p' − t)
        return new SimilarityTransform(ia, ib, -(ia * Tx - ib * Ty), -(ib * Tx + ia * Ty));
    }
}

public static class FaceMath
{
    /// <summary>
    /// ArcFace 112×112 alignment template: eye (image left), eye (image right), nose tip, mouth corners.
    /// </summary>
    public static ReadOnlySpan<float> ArcFaceTemplate => [38.2946f, 51.6963f, 73.5318f, 51.5014f, 56.0252f, 71.7366f, 41.5493f, 92.3655f, 70.7299f, 92.2041f];

    /// <summary>
    /// Plain cosine similarity. NOT the package's matchFeature(), which subtracts the mean of the two vectors first and
    /// so always returns −1 (trap 1 in the notes). Zero vectors give 0.
    /// </summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Vector lengths differ ({a.Length} vs {b.Length}).", nameof(b));
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        if (na <= 0 || nb <= 0) return 0f;
        return (float)(dot / Math.Sqrt(na * nb));
    }

    /// <summary>Scales v to unit length in place (a zero vector stays zero).</summary>
    public static void L2Normalize(Span<float> v)
    {
        double sum = 0;
        foreach (var x in v) sum += (double)x * x;
        if (sum <= 0) return;
        var inv = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < v.Length; i++) v[i] *= inv;
    }

    /// <summary>
    /// Least-squares similarity transform mapping <paramref name="source"/> onto <paramref name="target"/> (Umeyama 1991
    /// without reflection; in 2-D it has this closed form). Used with the 5 landmarks and the ArcFace template — a 5-point
    /// similarity separates genuine and impostor pairs far better than the package's 3-point affine (trap 2).
    /// </summary>
    public static SimilarityTransform Umeyama(ReadOnlySpan<Vector2> source, ReadOnlySpan<Vector2> target)
    {
        if (source.Length != target.Length || source.Length < 2) throw new ArgumentException("Need at least two point pairs of equal count.");
        var ms = Vector2.Zero;
        var mt = Vector2.Zero;
        for (var i = 0; i < source.Length; i++) { ms += source[i]; mt += target[i]; }
        ms /= source.Length;
        mt /= source.Length;
        double sxx = 0, sab = 0, sba = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var s = source[i] - ms;
            var t = target[i] - mt;
            sxx += (double)s.X * s.X + (double)s.Y * s.Y;
            sab += (double)s.X * t.X + (double)s.Y * t.Y;
            sba += (double)s.X * t.Y - (double)s.Y * t.X;
        }
        if (sxx <= 1e-12) throw new ArgumentException("Source points coincide.");
        var a = (float)(sab / sxx);
        var b = (float)(sba / sxx);
        var tx = mt.X - (a * ms.X - b * ms.Y);
        var ty = mt.Y - (b * ms.X + a * ms.Y);
        return new SimilarityTransform(a, b, tx, ty);
    }

    public static SimilarityTransform Umeyama(ReadOnlySpan<float> sourceXy, ReadOnlySpan<float> targetXy)
    {
        Span<Vector2> s = stackalloc Vector2[sourceXy.Length / 2];
        Span<Vector2> t = stackalloc Vector2[targetXy.Length / 2];
        for (var i = 0; i < s.Length; i++) s[i] = new Vector2(sourceXy[2 * i], sourceXy[2 * i + 1]);
        for (var i = 0; i < t.Length; i++) t[i] = new Vector2(targetXy[2 * i], targetXy[2 * i + 1]);
        return Umeyama(s, t);
    }

    /// <summary>Intersection over union of two boxes (0 when disjoint or degenerate).</summary>
    public static float Iou(FaceBox a, FaceBox b)
    {
        var w = Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X);
        var h = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y);
        if (w <= 0 || h <= 0) return 0f;
        var inter = w * h;
        var union = a.Area + b.Area - inter;
        return union <= 0 ? 0f : inter / union;
    }

    /// <summary>Greedy non-maximum suppression: highest score first, drops boxes overlapping a kept one by IoU &gt; threshold.</summary>
    public static List<FaceBox> Nms(IEnumerable<FaceBox> boxes, float iouThreshold)
    {
        var sorted = boxes.Where(b => b.Width > 0 && b.Height > 0).OrderByDescending(b => b.Score).ToList();
        var kept = new List<FaceBox>();
        foreach (var box in sorted)
            if (kept.All(k => Iou(k, box) <= iouThreshold)) kept.Add(box);
        return kept;
    }

    /// <summary>
    /// 68 iBUG landmarks (x0, y0, …, x67, y67) → the 5 alignment points: eye on the image left = mean(37,38,40,41), other
    /// eye = mean(43,44,46,47), nose tip = 30, mouth corners = mean(48,60) and mean(54,64).
    /// </summary>
    public static Vector2[] FivePoints(ReadOnlySpan<float> landmarks68)
    {
        if (landmarks68.Length != 136) throw new ArgumentException("Expected 68 (x, y) pairs.", nameof(landmarks68));
        Vector2 P(ReadOnlySpan<float> l, int i) => new(l[2 * i], l[2 * i + 1]);
        return
        [
            (P(landmarks68, 37) + P(landmarks68, 38) + P(landmarks68, 40) + P(landmarks68, 41)) / 4f,
            (P(landmarks68, 43) + P(landmarks68, 44) + P(landmarks68, 46) + P(landmarks68, 47)) / 4f,
            P(landmarks68, 30),
            (P(landmarks68, 48) + P(landmarks68, 60)) / 2f,
            (P(landmarks68, 54) + P(landmarks68, 64)) / 2f,
        ];
    }

    /// <summary>Softmax of a small logit vector (stable).</summary>
    public static float[] Softmax(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var x in logits) max = Math.Max(max, x);
        var result = new float[logits.Length];
        double sum = 0;
        for (var i = 0; i < logits.Length; i++) { result[i] = MathF.Exp(logits[i] - max); sum += result[i]; }
        for (var i = 0; i < result.Length; i++) result[i] = (float)(result[i] / sum);
        return result;
    }
}
