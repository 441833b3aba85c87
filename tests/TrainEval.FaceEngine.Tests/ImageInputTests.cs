namespace TrainEval.FaceEngine.Tests;

/// <summary>Bad input reaches the decoder as a reported problem, never an exception (no models needed).</summary>
public sealed class ImageInputTests
{
    private const int MaxBytes = 8 * 1024 * 1024;
    private const int MaxPixels = 40_000_000;

    private static ImageProblem Decode(byte[] bytes, int maxBytes = MaxBytes, int maxPixels = MaxPixels)
    {
        var (image, problem) = ImageDecoding.Decode(bytes, maxBytes, maxPixels);
        image?.Dispose();
        return problem;
    }

    [Fact]
    public void IDV_03_empty_input_is_reported() => Assert.Equal(ImageProblem.Empty, Decode([]));

    [Fact]
    public void IDV_03_random_bytes_and_text_are_not_images()
    {
        var random = new byte[4096];
        new Random(7).NextBytes(random);
        Assert.Equal(ImageProblem.NotAnImage, Decode(random));
        Assert.Equal(ImageProblem.NotAnImage, Decode("<html>not a picture</html>"u8.ToArray()));
        // WBMP starts with two zero bytes and is sniffed by Skia from almost nothing: refused as a format.
        var zeros = new byte[64];
        zeros[2] = 8; zeros[3] = 8;
        Assert.Equal(ImageProblem.NotAnImage, Decode(zeros));
    }

    [Fact]
    public void IDV_03_truncated_png_and_jpeg_are_reported()
    {
        var png = EngineFixture.Image("astronaut.png");
        Assert.Equal(ImageProblem.Truncated, Decode(png[..(png.Length * 6 / 10)]));
        var jpeg = EngineFixture.Image("grace_hopper.jpg");
        Assert.Equal(ImageProblem.Truncated, Decode(jpeg[..(jpeg.Length / 2)]));
        Assert.NotEqual(ImageProblem.None, Decode(png[..40]));
    }

    [Fact]
    public void IDV_03_header_claiming_100k_by_100k_pixels_is_refused_before_decoding()
    {
        Assert.Equal(ImageProblem.TooManyPixels, Decode(TestImages.PngHeader(100_000, 100_000)));
        Assert.Equal(ImageProblem.TooManyPixels, Decode(TestImages.PngHeader(8000, 6000)));
    }

    [Fact]
    public void IDV_03_too_many_bytes_is_refused_before_parsing()
    {
        var png = EngineFixture.Image("astronaut.png");
        Assert.Equal(ImageProblem.TooLarge, Decode(png, maxBytes: png.Length - 1));
        Assert.Equal(ImageProblem.None, Decode(png));
    }

    [Fact]
    public void IDV_03_exif_orientation_is_applied()
    {
        var rotated = TestImages.RotatedWithExifOrientation8(EngineFixture.Image("camera.png"));
        var (image, problem) = ImageDecoding.Decode(rotated, MaxBytes, MaxPixels);
        Assert.Equal(ImageProblem.None, problem);
        using (image)
        {
            Assert.Equal(512, image!.Width);
            // camera.png is gray with a bright sky on top: after orientation the top rows are brighter than the bottom.
            var rgba = Warp.Crop(image.Image, 0, 0, 512, 512, 8, 8);
            Assert.True(rgba[4 * 1] > rgba[4 * 63] + 40, $"top {rgba[4]} vs bottom {rgba[4 * 63]}");
        }
    }
}
