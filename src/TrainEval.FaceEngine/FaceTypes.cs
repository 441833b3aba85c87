namespace TrainEval.FaceEngine;

/// <summary>Engine settings. Bound from configuration by the host; every member has a measured default.</summary>
public sealed class FaceEngineOptions
{
    /// <summary>Folder holding the six .onnx files; null → AppContext.BaseDirectory/models/face (copied there by the build).</summary>
    public string? ModelsDirectory { get; set; }

    /// <summary>Threads per ONNX session. 1 is fastest on the 2-core target (several requests run in parallel instead).</summary>
    public int IntraOpThreads { get; set; } = 1;

    public int MaxImageBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Refused from the header, before any pixel is decoded (decompression bombs).</summary>
    public int MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>Detector face probability needed to report a face (package default 0.65).</summary>
    public float DetectionThreshold { get; set; } = 0.65f;

    // Quality limits used for FaceAnalysis.Quality (and so for CreateReference). Decide applies the policy's own
    // face width and yaw limits to the measurements.
    public int MinFaceWidth { get; set; } = 80;
    public float MaxFrontalYaw { get; set; } = 25f;
    public float MaxFrontalPitch { get; set; } = 30f;

    /// <summary>A second face counts (MultipleFaces) when at least this share of the primary face's width, or at least MinFaceWidth.</summary>
    public float SecondFaceRatio { get; set; } = 0.5f;

    /// <summary>
    /// Variance of the Laplacian of the face resized to 112×112 gray; below → TooBlurry. Measured: Gaussian blur σ=4 on
    /// the 111-px astronaut face gives 3 (cosine to the original 0.32), σ=2 gives 10 (cosine 0.80); sharp photos 100–3000.
    /// </summary>
    public float MinSharpness { get; set; } = 6f;

    /// <summary>
    /// Mean gray level (0..255) of the face; outside → TooDark / TooBright. The dark limit is deliberately low: the face's
    /// own skin tone moves this mean, and faces at 15–17 still matched their original at cosine 0.80.
    /// </summary>
    public float MinBrightness { get; set; } = 25f;
    public float MaxBrightness { get; set; } = 220f;

    /// <summary>
    /// Minimum length of the raw (pre-normalisation) embedding for a detection to count as a human face. Measured: human
    /// faces 2.9–4.0 (2.4 after heavy blur), a cat's face 1.4–1.7 (the detector gives it 0.71–0.97).
    /// </summary>
    public float MinEmbeddingNorm { get; set; } = 2.0f;
}

/// <summary>A model file is absent: the message names the file and the fix.</summary>
public sealed class FaceModelsMissingException : Exception
{
    public FaceModelsMissingException(string missingFile)
        : base($"Face model file missing: {missingFile}. Fix: run tools/fetch-face-models.sh (needs npm; it caches the verified " +
               "models) and rebuild so they are copied to <bin>/models/face/, or point FaceEngineOptions.ModelsDirectory at a " +
               "folder holding them.")
        => MissingFile = missingFile;

    public FaceModelsMissingException(string file, string problem)
        : base($"Face model file unusable: {file} ({problem}). Fix: run tools/fetch-face-models.sh --force and rebuild, or point " +
               "FaceEngineOptions.ModelsDirectory at a folder holding the verified models.")
        => MissingFile = file;

    public string MissingFile { get; }
}

public enum AnalysisLevel
{
    /// <summary>Decode and detect only (Faces and Quality; Primary is null).</summary>
    Detect,

    /// <summary>Detect + landmarks + embedding + liveness + pose + eyes on the primary (largest) face.</summary>
    Full,
}

public enum ImageProblem { None, Empty, TooLarge, NotAnImage, Truncated, TooManyPixels }

/// <summary>Result of analysing one image. Width/Height are after EXIF orientation; boxes are in those pixels.</summary>
public sealed record FaceAnalysis(
    ImageProblem Problem,
    int Width,
    int Height,
    IReadOnlyList<FaceBox> Faces,
    FaceMeasurement? Primary,
    FaceQuality Quality,
    StageTimings Timings)
{
    internal static FaceAnalysis Unreadable(ImageProblem problem, double decodeMs) =>
        new(problem, 0, 0, [], null, new FaceQuality(QualityIssue.NoFace, 0, 0), StageTimings.Zero with { DecodeMs = decodeMs });
}

/// <summary>Square face box (side = detected height, clipped to the image), detector probability.</summary>
public sealed record FaceBox(float X, float Y, float Width, float Height, float Score)
{
    public float Right => X + Width;
    public float Bottom => Y + Height;
    public float Area => Math.Max(0, Width) * Math.Max(0, Height);
}

/// <summary>Measurements of the primary face.</summary>
/// <param name="Embedding">512 floats, L2-normalised (compare with <see cref="FaceMath.Cosine"/>).</param>
/// <param name="Liveness">0..1, probability that the crop is a live face (passive, weak alone).</param>
/// <param name="Yaw">Degrees; positive = the head turned towards the image's right (the person's left).</param>
/// <param name="LeftEyeOpen">0..1 open probability of the eye on the image's left.</param>
/// <param name="Landmarks">68 iBUG points in image pixels (x0, y0, x1, y1, …).</param>
/// <param name="PersonLike">False when the landmarks do not form a human face layout (e.g. a cat's face).</param>
public sealed record FaceMeasurement(
    FaceBox Box,
    float[] Embedding,
    float Liveness,
    float Yaw,
    float Pitch,
    float Roll,
    float LeftEyeOpen,
    float RightEyeOpen)
{
    public float[] Landmarks { get; init; } = [];
    public bool PersonLike { get; init; } = true;

    /// <summary>Length of the raw embedding before L2 normalisation (a face-quality signal: low for non-faces, blur).</summary>
    public float EmbeddingNorm { get; init; }
}

public enum QualityIssue { None, NoFace, MultipleFaces, FaceTooSmall, PoseOutOfRange, TooBlurry, TooDark, TooBright }

/// <param name="Sharpness">Variance of the Laplacian of the primary face at 112×112 gray.</param>
/// <param name="Brightness">Mean gray level 0..255 of the primary face.</param>
public sealed record FaceQuality(QualityIssue Issue, float Sharpness, float Brightness);

public sealed record StageTimings(double DecodeMs, double DetectMs, double LandmarksMs, double EmbedMs, double LivenessMs, double PoseMs, double EyesMs)
{
    public static StageTimings Zero { get; } = new(0, 0, 0, 0, 0, 0, 0);
    public double TotalMs => DecodeMs + DetectMs + LandmarksMs + EmbedMs + LivenessMs + PoseMs + EyesMs;
}

/// <summary>Outcome of enrolling a reference photo. Template is the 512-d embedding when Accepted.</summary>
public sealed record ReferenceResult(bool Accepted, QualityIssue Issue, ImageProblem Problem, float[]? Template, FaceAnalysis Analysis);
