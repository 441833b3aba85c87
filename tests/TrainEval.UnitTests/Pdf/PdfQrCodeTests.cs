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
        Assert.Equal(0, width % 8); // 8 pixels per module
        Assert.False(image.Elements.GetBoolean("/Interpolate")); // sharp module edges
    }
}
