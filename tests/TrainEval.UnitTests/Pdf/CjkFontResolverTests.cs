using System.Buffers.Binary;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using TrainEval.Web.Platform.Pdf;

namespace TrainEval.UnitTests.Pdf;

public sealed class CjkFontResolverTests
{
    [Fact]
    public void PAY_02_ttc_face_extraction_yields_a_standalone_truetype_font()
    {
        var ttc = File.ReadAllBytes(CjkFontResolver.DefaultFontPath);
        Assert.True(TrueTypeCollection.IsCollection(ttc));
        Assert.Contains(CjkFontResolver.FamilyName, TrueTypeCollection.FamilyNames(ttc));

        var face = TrueTypeCollection.ExtractFace(ttc, TrueTypeCollection.FindFace(ttc, CjkFontResolver.FamilyName));

        Assert.False(TrueTypeCollection.IsCollection(face));
        Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(face)); // TrueType outlines
        Assert.Equal([CjkFontResolver.FamilyName], TrueTypeCollection.FamilyNames(face));
        Assert.True(face.Length < ttc.Length);
        Assert.Equal(0, face.Length % 4);
        uint sum = 0; // the whole-font checksum of a valid sfnt, after head.checkSumAdjustment
        for (var i = 0; i < face.Length; i += 4) sum += BinaryPrimitives.ReadUInt32BigEndian(face.AsSpan(i));
        Assert.Equal(0xB1B0AFBAu, sum);
    }

    [Fact]
    public void PAY_02_pdfsharp_accepts_the_extracted_face_and_measures_chinese()
    {
        CjkFontResolver.EnsureRegistered();
        using var document = new PdfDocument();
        using (var gfx = XGraphics.FromPdfPage(document.AddPage()))
        {
            var font = new XFont(CjkFontResolver.FamilyName, 12, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
            var bold = new XFont(CjkFontResolver.FamilyName, 12, XFontStyleEx.Bold, new XPdfFontOptions(PdfFontEncoding.Unicode));
            var width = gfx.MeasureString("缴费凭证", font).Width;
            Assert.InRange(width, 4 * 12 * 0.9, 4 * 12 * 1.1); // four full-width characters, about one em each
            Assert.True(gfx.MeasureString("Receipt 2025", font).Width > 0);
            gfx.DrawString("缴费凭证 Receipt 123", font, XBrushes.Black, 50, 50);
            gfx.DrawString("缴费凭证", bold, XBrushes.Black, 50, 80);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        Assert.True(output.Length > 1000);
    }

    [Fact]
    public void PAY_02_missing_font_file_names_the_debian_package()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "wqy-zenhei.ttc");

        var e = Assert.Throws<FileNotFoundException>(() => new CjkFontResolver(missing));

        Assert.Contains("fonts-wqy-zenhei", e.Message, StringComparison.Ordinal);
        Assert.Contains(CjkFontResolver.FontPathKey, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PAY_02_font_resolver_is_installed_once_when_many_hosts_register_concurrently()
    {
        var resolvers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => CjkFontResolver.EnsureRegistered(i % 2 == 0 ? null : CjkFontResolver.DefaultFontPath))));

        var first = resolvers[0];
        Assert.All(resolvers, r => Assert.Same(first, r));
        Assert.Same(first, GlobalFontSettings.FontResolver);
        Assert.Same(first, CjkFontResolver.Installed);
    }

    [Fact]
    public void PAY_02_switching_the_font_file_after_installation_is_refused()
    {
        var installed = CjkFontResolver.EnsureRegistered();
        var other = Path.Combine(Path.GetTempPath(), "other-font-" + Guid.NewGuid().ToString("N") + ".ttf");

        var e = Assert.Throws<InvalidOperationException>(() => CjkFontResolver.EnsureRegistered(other));

        Assert.Contains(installed.FontPath, e.Message, StringComparison.Ordinal);
        Assert.Same(installed, GlobalFontSettings.FontResolver);
    }
}
