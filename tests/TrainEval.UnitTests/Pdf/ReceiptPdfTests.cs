using System.Diagnostics;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using TrainEval.Web.Modules.Payments.Receipt;
using Xunit.Abstractions;

namespace TrainEval.UnitTests.Pdf;

public sealed class ReceiptPdfTests(ITestOutputHelper output)
{
    internal static ReceiptData Sample(int lineCount = 3, string? notice = null) => new(
        OrderNo: "TE202611260001",
        Status: notice is null ? "已支付" : "待支付",
        PayerName: "欧阳娜娜",
        PayerIdMasked: "110***********1234",
        ProjectName: "社会体育指导员（游泳）四级/中级工 职业技能培训与评价",
        InstitutionName: "北京市体育职业技能培训中心",
        Lines: [.. Enumerable.Range(0, lineCount).Select(i => i switch
        {
            0 => new ReceiptLine("培训费（含线上课程与实操辅导）", 180000, "北京市体育职业技能培训中心"),
            1 => new ReceiptLine("评价考试费", 45000, "北京体育职业技能评价有限公司"),
            2 => new ReceiptLine("证书工本费", 5000, "北京体育职业技能评价有限公司"),
            _ => new ReceiptLine($"补考费（第 {i - 2} 次）", 20000, "北京体育职业技能评价有限公司"),
        })],
        TotalFen: 230000 + Math.Max(0, lineCount - 3) * 20000L,
        PaymentMethod: "微信支付（扫码）",
        PaidAtUtc: notice is null ? new DateTime(2026, 11, 26, 2, 15, 30, DateTimeKind.Utc) : null,
        TransactionId: notice is null ? "4200001234202611261234567890" : "",
        NextSteps: "培训机构将在公示时限内审核您的报名材料；审核通过后课程自动开通，结果以站内消息通知。如对收费有异议，可通过服务公示中的投诉渠道反映。",
        ReceiptUrl: "https://training.example.cn/my/orders/TE202611260001",
        GeneratedAtUtc: new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc),
        Notice: notice);

    [Fact]
    public void PAY_02_receipt_pdf_is_one_a4_page_of_sane_size()
    {
        var bytes = ReceiptPdf.Build(Sample());

        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        Assert.InRange(bytes.Length, 10_000, 1_000_000); // a font subset, not the 16 MB collection
        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.Equal(1, pdf.PageCount);
        Assert.Equal(595, pdf.Pages[0].Width.Point, 0);
        Assert.Equal(842, pdf.Pages[0].Height.Point, 0);
        Assert.Equal("缴费凭证 TE202611260001", pdf.Info.Title);
    }

    [Fact]
    public void PAY_02_receipt_pdf_embeds_a_cjk_font_subset_with_a_unicode_map()
    {
        var bytes = ReceiptPdf.Build(Sample());

        var fonts = Fonts(bytes);

        var cjk = Assert.Single(fonts, f => f.BaseFont.Contains("WenQuanYi", StringComparison.OrdinalIgnoreCase));
        Assert.Matches("^/[A-Z]{6}\\+", cjk.BaseFont); // subset tag
        Assert.True(cjk.EmbeddedBytes is > 1_000 and < 800_000, $"embedded font is {cjk.EmbeddedBytes} bytes");
        // The text is extractable: the ToUnicode map covers the characters of title, payer and amount in words.
        foreach (var c in "缴费凭证欧阳娜娜贰仟叁佰元整TE0123456789¥")
            Assert.Contains(((int)c).ToString("X4"), cjk.ToUnicode, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void PAY_02_receipt_text_can_be_extracted_with_pdftotext_when_installed()
    {
        var pdftotext = FindOnPath("pdftotext");
        if (pdftotext is null)
        {
            output.WriteLine("pdftotext (poppler-utils) is not installed: text extraction not checked.");
            return;
        }
        var file = Path.Combine(Path.GetTempPath(), $"receipt-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, ReceiptPdf.Build(Sample()));
        try
        {
            var psi = new ProcessStartInfo(pdftotext, ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8 };
            using var process = Process.Start(psi)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            foreach (var expected in new[] { "TE202611260001", "欧阳娜娜", "110***********1234", "培训费（含线上课程与实操辅导）", "¥1,800.00",
                         "¥2,300.00", "贰仟叁佰元整", "2026-11-26 10:15:30", "4200001234202611261234567890", "已支付", "扫码查验", "2026-11-26 11:00:00" })
                Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void PAY_02_receipt_of_an_unpaid_order_still_builds_with_its_notice()
    {
        var bytes = ReceiptPdf.Build(Sample(notice: "本订单尚未支付成功，本文件仅供核对订单信息，不作为缴费凭证。"));

        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.Equal(1, pdf.PageCount);
        Assert.Contains(((int)'核').ToString("X4"), Assert.Single(Fonts(bytes)).ToUnicode, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void PAY_02_receipt_with_many_fee_lines_continues_on_numbered_pages()
    {
        var bytes = ReceiptPdf.Build(Sample(lineCount: 30));

        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.True(pdf.PageCount > 1, $"expected a continuation page, got {pdf.PageCount}");
        Assert.All(pdf.Pages.Cast<PdfPage>(), p => Assert.Equal(842, p.Height.Point, 0));
        var toUnicode = Assert.Single(Fonts(bytes)).ToUnicode; // page 1's font resources
        foreach (var c in "续页共")
            Assert.Contains(((int)c).ToString("X4"), toUnicode, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(230000, "贰仟叁佰元整")]
    [InlineData(230050, "贰仟叁佰元伍角整")]
    [InlineData(100005, "壹仟元零伍分")]
    [InlineData(100500, "壹仟零伍元整")]
    [InlineData(1000000, "壹万元整")]
    [InlineData(1000100, "壹万零壹元整")]
    [InlineData(1010000, "壹万零壹佰元整")]
    [InlineData(10000000000, "壹亿元整")]
    [InlineData(10000000100, "壹亿零壹元整")]
    [InlineData(12345678912, "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分")]
    [InlineData(1000, "壹拾元整")]
    [InlineData(5, "伍分")]
    [InlineData(0, "零元整")]
    public void PAY_02_total_is_also_written_in_chinese_capital_numerals(long fen, string expected) =>
        Assert.Equal(expected, ReceiptPdf.ChineseCapitalAmount(fen));

    private sealed record FontInfo(string BaseFont, long EmbeddedBytes, string ToUnicode);

    private static List<FontInfo> Fonts(byte[] pdfBytes)
    {
        using var pdf = PdfReader.Open(new MemoryStream(pdfBytes), PdfDocumentOpenMode.Import);
        var result = new List<FontInfo>();
        var fonts = pdf.Pages[0].Elements.GetDictionary("/Resources")!.Elements.GetDictionary("/Font")!;
        foreach (var key in fonts.Elements.Keys)
        {
            var font = fonts.Elements.GetDictionary(key)!;
            var descendant = (PdfDictionary)((PdfSharp.Pdf.Advanced.PdfReference)font.Elements.GetArray("/DescendantFonts")!.Elements[0]).Value;
            var descriptor = descendant.Elements.GetDictionary("/FontDescriptor")!;
            var fontFile = descriptor.Elements.GetDictionary("/FontFile2");
            var toUnicode = font.Elements.GetDictionary("/ToUnicode");
            result.Add(new FontInfo(font.Elements.GetName("/BaseFont"), fontFile?.Stream?.UnfilteredValue.Length ?? 0,
                toUnicode?.Stream is { } s ? Encoding.ASCII.GetString(s.UnfilteredValue) : ""));
        }
        return result;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
