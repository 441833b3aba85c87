using System.Numerics;

namespace TrainEval.FaceEngine.Tests;

public sealed class FaceMathTests
{
    [Fact]
    public void IDV_01_cosine_is_plain_not_the_packages_mean_subtracting_matcher()
    {
        // The package's matchFeature() subtracts the mean of the two vectors and so returns −1 for everything.
        float[] a = [0.1f, 0.4f, -0.2f, 0.7f, 0.3f];
        Assert.Equal(1f, FaceMath.Cosine(a, a), 5);
        var shifted = a.Select(v => v + 0.5f).ToArray();
        var c = FaceMath.Cosine(a, shifted);
        Assert.True(c > 0.5f, $"cosine of a vector with itself shifted was {c}, the broken matcher gives −1");
        Assert.Equal(1f, FaceMath.Cosine(a, a.Select(v => v * 3f).ToArray()), 5);
    }

    [Fact]
    public void IDV_01_cosine_of_orthogonal_and_opposite_and_zero_vectors()
    {
        Assert.Equal(0f, FaceMath.Cosine([1f, 0f], [0f, 1f]), 6);
        Assert.Equal(-1f, FaceMath.Cosine([1f, 2f], [-1f, -2f]), 6);
        Assert.Equal(0f, FaceMath.Cosine([0f, 0f], [1f, 1f]));
        Assert.Throws<ArgumentException>(() => FaceMath.Cosine([1f], [1f, 2f]));
    }

    [Fact]
    public void IDV_01_l2_normalize_gives_unit_length()
    {
        float[] v = [3f, 4f];
        FaceMath.L2Normalize(v);
        Assert.Equal(0.6f, v[0], 6);
        Assert.Equal(0.8f, v[1], 6);
    }

    [Fact]
    public void IDV_01_umeyama_recovers_a_known_rotation_scale_and_translation()
    {
        var truth = new SimilarityTransform(1.3f * MathF.Cos(0.4f), 1.3f * MathF.Sin(0.4f), 12.5f, -7f);
        var src = new Vector2[] { new(30, 40), new(70, 42), new(50, 60), new(35, 80), new(66, 81) };
        var dst = src.Select(truth.Apply).ToArray();
        var m = FaceMath.Umeyama(src, dst);
        Assert.Equal(1.3f, m.Scale, 4);
        Assert.Equal(0.4f * 180f / MathF.PI, m.RotationDegrees, 3);
        Assert.Equal(12.5f, m.Tx, 3);
        Assert.Equal(-7f, m.Ty, 3);
        var back = m.Inverse().Apply(m.Apply(new Vector2(5, 9)));
        Assert.Equal(5f, back.X, 3);
        Assert.Equal(9f, back.Y, 3);
    }

    [Fact]
    public void IDV_01_umeyama_is_least_squares_with_noise_and_identity_on_the_template()
    {
        var tpl = FaceMath.ArcFaceTemplate.ToArray();
        var identity = FaceMath.Umeyama(tpl, tpl);
        Assert.Equal(1f, identity.A, 5);
        Assert.Equal(0f, identity.B, 5);
        Assert.Equal(0f, identity.Tx, 3);
        // Points moved symmetrically around the truth: the fit stays on the truth.
        var src = new Vector2[] { new(0, 0), new(10, 0), new(10, 10), new(0, 10) };
        var noisy = new Vector2[] { new(0.5f, 0), new(9.5f, 0), new(10.5f, 10), new(-0.5f, 10) };
        var fit = FaceMath.Umeyama(src, noisy);
        Assert.Equal(1f, fit.Scale, 2);
        Assert.Equal(0f, fit.RotationDegrees, 1);
    }

    [Fact]
    public void IDV_01_nms_keeps_the_best_box_of_an_overlapping_group()
    {
        var boxes = new[]
        {
            new FaceBox(10, 10, 100, 100, 0.80f),
            new FaceBox(15, 12, 100, 100, 0.95f), // overlaps the first heavily, better score
            new FaceBox(300, 10, 80, 80, 0.70f),  // separate face
            new FaceBox(60, 60, 100, 100, 0.90f), // IoU with the best ≈ 0.22: kept
        };
        var kept = FaceMath.Nms(boxes, 0.4f);
        Assert.Equal([0.95f, 0.90f, 0.70f], kept.Select(b => b.Score));
        Assert.Equal(1f, FaceMath.Iou(boxes[0], boxes[0]), 5);
        Assert.Equal(0f, FaceMath.Iou(boxes[0], boxes[2]));
    }

    [Fact]
    public void IDV_01_68_points_reduce_to_eyes_nose_and_mouth_corners()
    {
        var marks = new float[136];
        void Set(int i, float x, float y) { marks[2 * i] = x; marks[2 * i + 1] = y; }
        Set(37, 10, 20); Set(38, 14, 20); Set(40, 14, 24); Set(41, 10, 24);
        Set(43, 40, 20); Set(44, 44, 20); Set(46, 44, 22); Set(47, 40, 22);
        Set(30, 27, 35);
        Set(48, 12, 50); Set(60, 14, 52);
        Set(54, 42, 50); Set(64, 40, 52);
        var p = FaceMath.FivePoints(marks);
        Assert.Equal(new Vector2(12, 22), p[0]);
        Assert.Equal(new Vector2(42, 21), p[1]);
        Assert.Equal(new Vector2(27, 35), p[2]);
        Assert.Equal(new Vector2(13, 51), p[3]);
        Assert.Equal(new Vector2(41, 51), p[4]);
        Assert.Throws<ArgumentException>(() => FaceMath.FivePoints(new float[10]));
    }

    [Fact]
    public void IDV_01_softmax_sums_to_one()
    {
        var p = FaceMath.Softmax([1f, 2f, 3f, 1000f]);
        Assert.Equal(1f, p.Sum(), 5);
        Assert.True(p[3] > 0.999f);
    }
}
