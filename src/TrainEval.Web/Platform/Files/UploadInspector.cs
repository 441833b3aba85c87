using SkiaSharp;

namespace TrainEval.Web.Platform.Files;

public sealed record InspectedUpload(byte[] Content, string ContentType, string Extension);

/// <summary>
/// Checks an upload by its content, not its name or declared type: JPEG and PNG are decoded and re-encoded (which
/// drops metadata and anything appended to the image), PDFs must start with the PDF header and contain no
/// JavaScript or launch actions; everything else is refused. Errors are plain Chinese for the uploader.
/// </summary>
public static partial class UploadInspector
{
    public const int MaxImageSide = 4000;

    public static (InspectedUpload? Upload, string? Error) Inspect(byte[] data, IReadOnlyCollection<string> acceptedFormats, int maxSizeKb)
    {
        if (data.Length == 0) return (null, "文件为空。");
        if (data.Length > maxSizeKb * 1024L) return (null, $"文件过大：不能超过 {FormatSize(maxSizeKb)}。");
        var kind = Sniff(data);
        if (kind is null) return (null, "无法识别的文件类型：只接受 JPG、PNG 图片或 PDF 文件。");
        if (!acceptedFormats.Contains(kind, StringComparer.OrdinalIgnoreCase) && !(kind == "jpg" && acceptedFormats.Contains("jpeg", StringComparer.OrdinalIgnoreCase)))
            return (null, $"该材料只接受 {string.Join("、", acceptedFormats.Select(f => f.ToUpperInvariant()))} 格式，实际文件为 {kind.ToUpperInvariant()}。");
        return kind == "pdf" ? CheckPdf(data) : ReencodeImage(data, kind);
    }

    /// <summary>Magic bytes: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, PDF "%PDF-".</summary>
    public static string? Sniff(ReadOnlySpan<byte> d)
    {
        if (d.Length >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) return "jpg";
        if (d.Length >= 8 && d[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "png";
        if (d.Length >= 5 && d[..5].SequenceEqual("%PDF-"u8)) return "pdf";
        return null;
    }

    private static (InspectedUpload?, string?) ReencodeImage(byte[] data, string kind)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(data));
        if (codec is null) return (null, "图片已损坏或无法解码。");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || info.Width > 20000 || info.Height > 20000) return (null, "图片尺寸无效。");
        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null) return (null, "图片已损坏或无法解码。");
        using var oriented = ApplyOrientation(decoded, codec.EncodedOrigin);
        var bitmap = oriented;
        SKBitmap? resized = null;
        var scale = Math.Min(1.0, (double)MaxImageSide / Math.Max(bitmap.Width, bitmap.Height));
        if (scale < 1.0)
        {
            resized = bitmap.Resize(new SKImageInfo((int)(bitmap.Width * scale), (int)(bitmap.Height * scale)), new SKSamplingOptions(SKCubicResampler.Mitchell));
            bitmap = resized;
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = kind == "png" ? image.Encode(SKEncodedImageFormat.Png, 100) : image.Encode(SKEncodedImageFormat.Jpeg, 90);
        resized?.Dispose();
        return (new InspectedUpload(encoded.ToArray(), kind == "png" ? "image/png" : "image/jpeg", kind), null);
    }

    private static SKBitmap ApplyOrientation(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft) return source.Copy();
        var rotated = origin is SKEncodedOrigin.RightTop or SKEncodedOrigin.LeftBottom or SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightBottom;
        var result = new SKBitmap(rotated ? source.Height : source.Width, rotated ? source.Width : source.Height);
        using var canvas = new SKCanvas(result);
        switch (origin)
        {
            case SKEncodedOrigin.BottomRight: canvas.RotateDegrees(180, source.Width / 2f, source.Height / 2f); break;
            case SKEncodedOrigin.RightTop: canvas.Translate(result.Width, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, result.Height); canvas.RotateDegrees(270); break;
            case SKEncodedOrigin.TopRight: canvas.Scale(-1, 1, source.Width / 2f, 0); break;
            case SKEncodedOrigin.BottomLeft: canvas.Scale(1, -1, 0, source.Height / 2f); break;
        }
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }

    private static (InspectedUpload?, string?) CheckPdf(byte[] data)
    {
        var text = System.Text.Encoding.Latin1.GetString(data);
        if (!text.Contains("%%EOF", StringComparison.Ordinal)) return (null, "PDF 文件不完整。");
        // PDF names end at whitespace or a delimiter: "/AA" is an action, "/AAKQBX+SimSun" is a font subset tag.
        if (ActiveContent().IsMatch(text))
            return (null, "PDF 含有脚本、自动动作或嵌入文件，出于安全原因不予接收，请另存为普通 PDF 后上传。");
        return (new InspectedUpload(data, "application/pdf", "pdf"), null);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/(?:JavaScript|JS|Launch|EmbeddedFile|OpenAction|AA|RichMedia|XFA)(?=[\x00\t\n\f\r /<>\[\]()%{}]|$)")]
    private static partial System.Text.RegularExpressions.Regex ActiveContent();

    private static string FormatSize(int kb) => kb >= 1024 ? $"{kb / 1024.0:0.#} MB" : $"{kb} KB";
}
