using System.Buffers.Binary;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using TrainEval.Web.Platform.Pdf;

namespace TrainEval.UnitTests.Pdf;

public sealed class PdfQrCodeTests
{
    [Fact]
    public void PAY_02_qr_code_png_is_8_bit_rgba()
    {
        var png = PdfQrCode.RenderPng("https://training.example.cn/my/orders/TE20261126000123", pixelsPerModule: 4);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal(0, width % 4);
        Assert.Equal(8, png[24]); // bit depth
        Assert.Equal(6, png[25]); // colour type RGBA
    }

    [Fact]
    public void PAY_02_qr_code_png_pixels_are_the_qr_module_matrix()
    {
        const string content = "https://training.example.cn/my/orders/TE20261126000123";
        const int ppm = 3;
        var png = PdfQrCode.RenderPng(content, ppm);
        using var generator = new QRCoder.QRCodeGenerator();
        using var qr = generator.CreateQrCode(content, QRCoder.QRCodeGenerator.ECCLevel.M);
        var size = qr.ModuleMatrix.Count * ppm;

        // Single IDAT chunk right after IHDR (8 signature + 25 IHDR bytes); filter 0, so the inflated bytes are the pixels.
        var idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        Assert.Equal("IDAT"u8.ToArray(), png[37..41]);
        using var inflate = new System.IO.Compression.ZLibStream(new MemoryStream(png, 41, idatLength), System.IO.Compression.CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        var pixels = raw.ToArray();

        var stride = 1 + size * 4;
        Assert.Equal(stride * size, pixels.Length);
        for (var y = 0; y < size; y++)
        {
            Assert.Equal(0, pixels[y * stride]);
            for (var x = 0; x < size; x++)
            {
                var expected = qr.ModuleMatrix[y / ppm][x / ppm] ? 0 : 255;
                var px = pixels.AsSpan(y * stride + 1 + x * 4, 4);
                Assert.True(px[0] == expected && px[1] == expected && px[2] == expected && px[3] == 255, $"pixel {x},{y}");
            }
        }
    }

    [Fact]
    public void PAY_02_pdfsharp_accepts_the_qr_code_image()
    {
        using var document = new PdfDocument();
        using (var gfx = XGraphics.FromPdfPage(document.AddPage()))
            PdfQrCode.Draw(gfx, "https://training.example.cn/my/orders/TE20261126000123", new XRect(50, 50, 100, 100));
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);

        using var pdf = PdfReader.Open(output, PdfDocumentOpenMode.Import);
        var xObjects = pdf.Pages[0].Elements.GetDictionary("/Resources")!.Elements.GetDictionary("/XObject")!;
        var image = xObjects.Elements.GetDictionary(Assert.Single(xObjects.Elements.Keys))!;
        Assert.Equal("/Image", image.Elements.GetName("/Subtype"));
        var width = image.Elements.GetInteger("/Width");
        Assert.Equal(width, image.Elements.GetInteger("/Height"));
        Assert.Equal(0, width % 4); // 4 pixels per module
        Assert.False(image.Elements.GetBoolean("/Interpolate")); // sharp module edges
    }
}
