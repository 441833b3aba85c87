using System.Diagnostics;
using System.Numerics;
using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

namespace TrainEval.FaceEngine;

/// <summary>
/// Face analysis on the CPU: detection → 68 landmarks → 5-point similarity alignment → 512-d embedding, passive
/// liveness, head pose and eye state on the primary (largest) face, plus quality checks. Thread-safe; load once per
/// process (the ONNX sessions are reused; each Run is independent).
/// </summary>
public sealed class FaceEngine : IDisposable
{
    public const string PackageVersion = "faceplugin-face-recognition-js@0.0.1";

    /// <summary>The model files used and their pinned SHA-256 (also in tools/fetch-face-models.sh).</summary>
    public static IReadOnlyDictionary<string, string> ModelFiles { get; } = new Dictionary<string, string>
    {
        ["fr_detect.onnx"] = "6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854",
        ["fr_landmark.onnx"] = "f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258",
        ["fr_feature.onnx"] = "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581",
        ["fr_liveness.onnx"] = "afa783b7e902fdfcf323a7240cac2a1c580c25314ea4161129dc1b0d100dc32d",
        ["fr_eye.onnx"] = "1afcea006abc1ccac3c517022abde0aa092bed74ff3c9fe6878483ef9e6e38de",
        ["fr_pose.onnx"] = "72d032ec941b7153bf8d3f2c03a4c165453cc7e63d479041ec7c6ef087e5839d",
    };

    private const float NmsIou = 0.4f;
    private const float LivenessBoxScale = 2.7f;

    private readonly FaceEngineOptions options;
    private readonly InferenceSession detect, landmark, feature, liveness, eye, pose;
    private readonly RunOptions runOptions = new();

    private FaceEngine(FaceEngineOptions options, string directory)
    {
        this.options = options;
        ModelsDirectory = directory;
        detect = Open("fr_detect.onnx");
        landmark = Open("fr_landmark.onnx");
        feature = Open("fr_feature.onnx");
        liveness = Open("fr_liveness.onnx");
        eye = Open("fr_eye.onnx");
        pose = Open("fr_pose.onnx");
    }

    public string ModelVersion => PackageVersion;
    public string ModelsDirectory { get; }
    public FaceEngineOptions Options => options;

    /// <summary>
    /// Checks that every model file is present with its pinned SHA-256 and loads the sessions (0.1–0.3 s).
    /// Throws <see cref="FaceModelsMissingException"/> naming the file and the fix.
    /// </summary>
    public static FaceEngine Load(FaceEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.ModelsDirectory ?? Path.Combine(AppContext.BaseDirectory, "models", "face");
        foreach (var (file, sha) in ModelFiles)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path)) throw new FaceModelsMissingException(path);
            using var stream = File.OpenRead(path);
            var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (actual != sha) throw new FaceModelsMissingException(path, $"SHA-256 {actual} differs from the pinned {sha}");
        }
        return new FaceEngine(options, directory);
    }

    private InferenceSession Open(string file)
    {
        using var so = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, options.IntraOpThreads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // Spinning threads burn the second core and made single runs 3–10× slower on 2 cores (notes).
        so.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        so.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return new InferenceSession(Path.Combine(ModelsDirectory, file), so);
    }

    public void Dispose()
    {
        detect.Dispose();
        landmark.Dispose();
        feature.Dispose();
        liveness.Dispose();
        eye.Dispose();
        pose.Dispose();
        runOptions.Dispose();
    }

    /// <summary>
    /// Analyses one image. Bad bytes give <see cref="FaceAnalysis.Problem"/> ≠ None, never an exception.
    /// </summary>
    public FaceAnalysis Analyze(ReadOnlySpan<byte> image, AnalysisLevel level = AnalysisLevel.Full)
    {
        var start = Stopwatch.GetTimestamp();
        var (decoded, problem) = ImageDecoding.Decode(image, options.MaxImageBytes, options.MaxImagePixels);
        var decodeMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (decoded is null) return FaceAnalysis.Unreadable(problem, decodeMs);
        using (decoded) return Analyze(decoded, level, decodeMs);
    }

    /// <summary>
    /// Turns an ID-style photo into a reference template, refusing unreadable images, no face (or a non-human face),
    /// several faces, a face narrower than MinFaceWidth, a non-frontal pose and a blurred, dark or overexposed face.
    /// </summary>
    public ReferenceResult CreateReference(ReadOnlySpan<byte> photo)
    {
        var analysis = Analyze(photo);
        if (analysis.Problem != ImageProblem.None) return new ReferenceResult(false, QualityIssue.NoFace, analysis.Problem, null, analysis);
        var issue = analysis.Quality.Issue;
        return issue == QualityIssue.None && analysis.Primary is { } p
            ? new ReferenceResult(true, QualityIssue.None, ImageProblem.None, p.Embedding, analysis)
            : new ReferenceResult(false, issue == QualityIssue.None ? QualityIssue.NoFace : issue, ImageProblem.None, null, analysis);
    }

    private FaceAnalysis Analyze(DecodedImage image, AnalysisLevel level, double decodeMs)
    {
        var t = Stopwatch.GetTimestamp();
        var boxes = Detect(image);
        var detectMs = Lap(ref t);
        var k = image.ToOriginal;
        var faces = boxes.Select(b => new FaceBox(b.X * k, b.Y * k, b.Width * k, b.Height * k, b.Score)).ToList();
        if (boxes.Count == 0)
            return new FaceAnalysis(ImageProblem.None, image.OriginalWidth, image.OriginalHeight, faces, null,
                new FaceQuality(QualityIssue.NoFace, 0, 0), StageTimings.Zero with { DecodeMs = decodeMs, DetectMs = detectMs });

        var primaryIndex = 0;
        for (var i = 1; i < boxes.Count; i++)
            if (boxes[i].Area > boxes[primaryIndex].Area) primaryIndex = i;
        var box = boxes[primaryIndex];
        var (sharpness, brightness) = QualityMeasures(image.Image, box);
        detectMs += Lap(ref t);

        FaceMeasurement? primary = null;
        var timings = StageTimings.Zero with { DecodeMs = decodeMs, DetectMs = detectMs };
        if (level == AnalysisLevel.Full)
        {
            (primary, var stages) = Measure(image, box, faces[primaryIndex]);
            timings = stages with { DecodeMs = decodeMs, DetectMs = detectMs };
        }

        var issue = Issue(faces, primaryIndex, primary, sharpness, brightness);
        return new FaceAnalysis(ImageProblem.None, image.OriginalWidth, image.OriginalHeight, faces, primary,
            new FaceQuality(issue, sharpness, brightness), timings);
    }

    /// <summary>Full measurements of one face (working-image box; reported box in original pixels).</summary>
    private (FaceMeasurement Measurement, StageTimings Timings) Measure(DecodedImage image, FaceBox box, FaceBox reported)
    {
        var t = Stopwatch.GetTimestamp();
        var marks = Landmarks(image.Image, box);
        var landmarksMs = Lap(ref t);
        var embedding = Embed(image.Image, marks, out var norm);
        var embedMs = Lap(ref t);
        var personLike = LooksHuman(marks, box) && norm >= options.MinEmbeddingNorm;
        var live = Liveness(image.Image, box, image.Width, image.Height);
        var livenessMs = Lap(ref t);
        var (yaw, pitch, roll) = Pose(image.Image, box, image.Width, image.Height);
        var poseMs = Lap(ref t);
        var (leftOpen, rightOpen) = Eyes(image.Image, marks, image.Width, image.Height);
        var eyesMs = Lap(ref t);
        var k = image.ToOriginal;
        var scaled = new float[marks.Length];
        for (var i = 0; i < marks.Length; i++) scaled[i] = marks[i] * k;
        var measurement = new FaceMeasurement(reported, embedding, live, yaw, pitch, roll, leftOpen, rightOpen)
        {
            Landmarks = scaled,
            PersonLike = personLike,
            EmbeddingNorm = norm,
        };
        return (measurement, new StageTimings(0, 0, landmarksMs, embedMs, livenessMs, poseMs, eyesMs));
    }

    /// <summary>
    /// Full measurements of EVERY detected face (largest first) — for evaluation over group photos; the verification
    /// path uses <see cref="Analyze"/>. Unreadable images give an empty list.
    /// </summary>
    public IReadOnlyList<FaceMeasurement> MeasureEveryFace(ReadOnlySpan<byte> bytes)
    {
        var (decoded, _) = ImageDecoding.Decode(bytes, options.MaxImageBytes, options.MaxImagePixels);
        if (decoded is null) return [];
        using (decoded)
        {
            var k = decoded.ToOriginal;
            return Detect(decoded).OrderByDescending(b => b.Area)
                .Select(b => Measure(decoded, b, new FaceBox(b.X * k, b.Y * k, b.Width * k, b.Height * k, b.Score)).Measurement)
                .ToList();
        }
    }

    private static double Lap(ref long t)
    {
        var now = Stopwatch.GetTimestamp();
        var ms = Stopwatch.GetElapsedTime(t, now).TotalMilliseconds;
        t = now;
        return ms;
    }

    private QualityIssue Issue(List<FaceBox> faces, int primaryIndex, FaceMeasurement? primary, float sharpness, float brightness)
    {
        var main = faces[primaryIndex];
        var secondMin = Math.Min(main.Width * options.SecondFaceRatio, options.MinFaceWidth);
        if (faces.Where((f, i) => i != primaryIndex && f.Width >= secondMin).Any()) return QualityIssue.MultipleFaces;
        if (main.Width < options.MinFaceWidth) return QualityIssue.FaceTooSmall;
        if (primary is not null && (Math.Abs(primary.Yaw) > options.MaxFrontalYaw || Math.Abs(primary.Pitch) > options.MaxFrontalPitch))
            return QualityIssue.PoseOutOfRange;
        if (primary is { PersonLike: false }) return QualityIssue.NoFace; // e.g. a cat: detected, but not a human face
        if (brightness < options.MinBrightness) return QualityIssue.TooDark;
        if (brightness > options.MaxBrightness) return QualityIssue.TooBright;
        if (sharpness < options.MinSharpness) return QualityIssue.TooBlurry;
        return QualityIssue.None;
    }

    // ---- detection -------------------------------------------------------------------------------------------------

    /// <summary>Whole frame stretched to 320×240, RGB, (v−127)/128; boxes in working-image pixels, squared and clipped.</summary>
    private List<FaceBox> Detect(DecodedImage image)
    {
        const int w = 320, h = 240;
        var rgba = Warp.Crop(image.Image, 0, 0, image.Width, image.Height, w, h);
        var input = new float[3 * w * h];
        Tensors.Chw(rgba, w * h, input, Tensors.Order.Rgb, 127f, 1f / 128f);
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, 3, h, w]);
        using var outputs = detect.Run(runOptions, ["input"], [inputValue], ["scores", "boxes"]);
        var scores = outputs[0].GetTensorDataAsSpan<float>();
        var locs = outputs[1].GetTensorDataAsSpan<float>();
        var candidates = new List<FaceBox>();
        float width = image.Width, height = image.Height;
        for (var i = 0; i < scores.Length / 2; i++)
        {
            var score = scores[2 * i + 1];
            if (score < options.DetectionThreshold) continue;
            var x1 = locs[4 * i] * width;
            var y1 = locs[4 * i + 1] * height;
            var x2 = locs[4 * i + 2] * width;
            var y2 = locs[4 * i + 3] * height;
            if (x2 > x1 && y2 > y1) candidates.Add(new FaceBox(x1, y1, x2 - x1, y2 - y1, score));
        }
        return FaceMath.Nms(candidates, NmsIou).Select(b => Square(b, width, height)).Where(b => b.Width >= 2 && b.Height >= 2).ToList();
    }

    /// <summary>Side = detected height, same centre, clipped to the image.</summary>
    private static FaceBox Square(FaceBox b, float width, float height)
    {
        var cx = b.X + b.Width / 2;
        var cy = b.Y + b.Height / 2;
        var side = b.Height;
        var x1 = Math.Max(0, cx - side / 2);
        var y1 = Math.Max(0, cy - side / 2);
        var x2 = Math.Min(width - 1, cx + side / 2);
        var y2 = Math.Min(height - 1, cy + side / 2);
        return new FaceBox(x1, y1, x2 - x1, y2 - y1, b.Score);
    }

    // ---- landmarks and alignment ------------------------------------------------------------------------------------

    /// <summary>Box crop → 64×64 gray /256 → 68 points, returned in working-image pixels.</summary>
    private float[] Landmarks(SKImage image, FaceBox box)
    {
        const int s = 64;
        var rgba = Warp.Crop(image, box.X, box.Y, box.Width, box.Height, s, s);
        var input = new float[s * s];
        Tensors.Gray(rgba, s * s, input, 1f / 256f);
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, 1, s, s]);
        using var outputs = landmark.Run(runOptions, ["input"], [inputValue], ["output"]);
        var o = outputs[0].GetTensorDataAsSpan<float>();
        var marks = new float[136];
        for (var i = 0; i < 68; i++)
        {
            marks[2 * i] = box.X + o[2 * i] * box.Width;
            marks[2 * i + 1] = box.Y + o[2 * i + 1] * box.Height;
        }
        return marks;
    }

    /// <summary>
    /// Plausibility of a human face layout from the 68 points: eyes left-to-right and above the nose tip, nose above
    /// the mouth, eye distance 0.2–0.7 of the box width. Alone it does not reject a cat (the landmark model draws a human
    /// layout on anything); the embedding norm does (see FaceEngineOptions.MinEmbeddingNorm).
    /// </summary>
    internal static bool LooksHuman(ReadOnlySpan<float> marks, FaceBox box)
    {
        var p = FaceMath.FivePoints(marks);
        var eyeDistance = Vector2.Distance(p[0], p[1]) / box.Width;
        var eyesY = (p[0].Y + p[1].Y) / 2;
        var mouthY = (p[3].Y + p[4].Y) / 2;
        return eyeDistance is > 0.2f and < 0.7f && p[0].X < p[1].X && eyesY < p[2].Y && p[2].Y < mouthY;
    }

    /// <summary>5-point similarity alignment to the ArcFace template, 112×112, BGR (trap 3), (v−127)/128, L2-normalised.</summary>
    private float[] Embed(SKImage image, float[] marks, out float norm)
    {
        const int s = 112;
        var points = FaceMath.FivePoints(marks);
        Span<Vector2> target = stackalloc Vector2[5];
        var tpl = FaceMath.ArcFaceTemplate;
        for (var i = 0; i < 5; i++) target[i] = new Vector2(tpl[2 * i], tpl[2 * i + 1]);
        var m = FaceMath.Umeyama(points, target);
        var matrix = new SKMatrix(m.A, -m.B, m.Tx, m.B, m.A, m.Ty, 0, 0, 1);
        var rgba = Warp.Render(image, matrix, s, s);
        var input = new float[3 * s * s];
        Tensors.Chw(rgba, s * s, input, Tensors.Order.Bgr, 127f, 1f / 128f);
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, 3, s, s]);
        using var outputs = feature.Run(runOptions, ["input"], [inputValue], ["output"]);
        var embedding = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        norm = MathF.Sqrt(embedding.Sum(v => v * v));
        FaceMath.L2Normalize(embedding);
        return embedding;
    }

    // ---- liveness, pose, eyes ----------------------------------------------------------------------------------------

    /// <summary>Box enlarged ×2.7 (capped to fit, shifted inside the image) → 128×128 RGB raw 0..255 → softmax[0] = live.</summary>
    private float Liveness(SKImage image, FaceBox box, int width, int height)
    {
        const int s = 128;
        var scale = Math.Min(Math.Min((height - 1) / box.Height, (width - 1) / box.Width), LivenessBoxScale);
        var w = box.Width * scale;
        var h = box.Height * scale;
        var x = box.X + box.Width / 2 - w / 2;
        var y = box.Y + box.Height / 2 - h / 2;
        x = Math.Clamp(x, 0, Math.Max(0, width - 1 - w));
        y = Math.Clamp(y, 0, Math.Max(0, height - 1 - h));
        var rgba = Warp.Crop(image, x, y, w, h, s, s);
        var input = new float[3 * s * s];
        Tensors.Chw(rgba, s * s, input, Tensors.Order.Rgb, 0f, 1f);
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, 3, s, s]);
        using var outputs = liveness.Run(runOptions, ["input"], [inputValue], ["output"]);
        return FaceMath.Softmax(outputs[0].GetTensorDataAsSpan<float>())[0];
    }

    private static readonly float[] ImageNetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] ImageNetStd = [0.229f, 0.224f, 0.225f];

    /// <summary>Box enlarged by ¼ per side (clipped) → 224×224 RGB, ImageNet mean/std → 66-bin expectations × 3 − 99.</summary>
    private (float Yaw, float Pitch, float Roll) Pose(SKImage image, FaceBox box, int width, int height)
    {
        const int s = 224;
        var x1 = Math.Max(0, box.X - box.Width / 4);
        var y1 = Math.Max(0, box.Y - box.Height / 4);
        var x2 = Math.Min(width, box.Right + box.Width / 4);
        var y2 = Math.Min(height, box.Bottom + box.Height / 4);
        var rgba = Warp.Crop(image, x1, y1, x2 - x1, y2 - y1, s, s);
        var input = new float[3 * s * s];
        Tensors.ChwNormalized(rgba, s * s, input, ImageNetMean, ImageNetStd);
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, 3, s, s]);
        using var outputs = pose.Run(runOptions, ["input"], [inputValue], ["output", "617", "618"]);
        return (Angle(outputs[0].GetTensorDataAsSpan<float>()), Angle(outputs[1].GetTensorDataAsSpan<float>()), Angle(outputs[2].GetTensorDataAsSpan<float>()));
    }

    private static float Angle(ReadOnlySpan<float> bins)
    {
        var p = FaceMath.Softmax(bins);
        float expectation = 0;
        for (var i = 0; i < p.Length; i++) expectation += p[i] * i;
        return expectation * 3 - 99;
    }

    /// <summary>Square eye crops (1.6 × eye width) around the mean of the 4 lid points → 24×24 gray /255 → P(open).</summary>
    private (float Left, float Right) Eyes(SKImage image, float[] marks, int width, int height)
    {
        return (EyeOpen(image, marks, 36, width, height), EyeOpen(image, marks, 42, width, height));
    }

    private float EyeOpen(SKImage image, float[] m, int first, int width, int height)
    {
        const int s = 24;
        var cx = (m[2 * (first + 1)] + m[2 * (first + 2)] + m[2 * (first + 4)] + m[2 * (first + 5)]) / 4;
        var cy = (m[2 * (first + 1) + 1] + m[2 * (first + 2) + 1] + m[2 * (first + 4) + 1] + m[2 * (first + 5) + 1]) / 4;
        var size = Math.Max(2f, (m[2 * (first + 3)] - m[2 * first]) * 1.6f);
        var x = Math.Clamp(cx - size / 2, 0, Math.Max(0, width - 1 - size));
        var y = Math.Clamp(cy - size / 2, 0, Math.Max(0, height - 1 - size));
        var rgba = Warp.Crop(image, x, y, size, size, s, s);
        var input = new float[s * s];
        Tensors.Gray(rgba, s * s, input, 1f / 255f);
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, 1, s, s]);
        using var outputs = eye.Run(runOptions, ["input"], [inputValue], ["output"]);
        return FaceMath.Softmax(outputs[0].GetTensorDataAsSpan<float>())[1];
    }

    // ---- quality -----------------------------------------------------------------------------------------------------

    /// <summary>Face box → 112×112 gray: variance of the 4-neighbour Laplacian (sharpness) and mean (brightness).</summary>
    internal static (float Sharpness, float Brightness) QualityMeasures(SKImage image, FaceBox box)
    {
        const int s = 112;
        var rgba = Warp.Crop(image, box.X, box.Y, box.Width, box.Height, s, s);
        var gray = new float[s * s];
        Tensors.Gray(rgba, s * s, gray, 1f);
        return (Tensors.LaplacianVariance(gray, s, s), gray.Average());
    }
}
