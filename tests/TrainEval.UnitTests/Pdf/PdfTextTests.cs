using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TrainEval.Web.Platform.Pdf;

namespace TrainEval.UnitTests.Pdf;

public sealed class PdfTextTests : IDisposable
{
    private readonly PdfDocument document = new();
    private readonly XGraphics gfx;
    private readonly XFont font;

    public PdfTextTests()
    {
        CjkFontResolver.EnsureRegistered();
        gfx = XGraphics.FromPdfPage(document.AddPage());
        font = new XFont(CjkFontResolver.FamilyName, 10, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
    }

    public void Dispose()
    {
        gfx.Dispose();
        document.Dispose();
    }

    [Fact]
    public void PAY_02_long_chinese_lines_are_wrapped_within_the_width()
    {
        const string text = "培训机构将在公示时限内审核您的报名材料审核通过后课程自动开通结果以站内消息通知如对收费有异议可通过服务公示中的投诉渠道反映";
        const double width = 150;

        var lines = PdfText.Wrap(gfx, text, font, width);

        Assert.True(lines.Count >= 4, $"expected several lines, got {lines.Count}");
        Assert.All(lines, l => Assert.True(PdfText.Measure(gfx, l, font) <= width + 0.01, $"'{l}' is wider than {width}"));
        Assert.Equal(text, string.Concat(lines)); // nothing lost or added
        Assert.All(lines.SkipLast(1), l => Assert.True(PdfText.Measure(gfx, l, font) > width - 2 * font.Size, $"'{l}' wraps too early"));
    }

    [Fact]
    public void PAY_02_wrapping_keeps_closing_punctuation_off_the_start_of_a_line()
    {
        const string text = "审核通过后课程自动开通，结果以站内消息通知。如有异议，请通过投诉渠道反映；我们会在五个工作日内答复。";
        var probe = PdfText.Measure(gfx, "审核通过后课程自动开通", font); // the comma would fall exactly at the start of line 2

        var lines = PdfText.Wrap(gfx, text, font, probe + 1);

        Assert.Equal(text, string.Concat(lines));
        Assert.All(lines, l => Assert.DoesNotContain(l[0], "，。；、：？！）》"));
    }

    [Fact]
    public void PAY_02_wrapping_keeps_latin_words_and_amounts_whole()
    {
        const string text = "合计金额 ¥12,345.67 已通过 WeChatPay 支付完成";
        var width = PdfText.Measure(gfx, "合计金额 ¥12,345", font);

        var lines = PdfText.Wrap(gfx, text, font, width);

        Assert.Contains(lines, l => l.Contains("¥12,345.67", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("WeChatPay", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.False(l.StartsWith(' '), "a wrapped line starts with a space"));
    }

    [Fact]
    public void PAY_02_overlong_words_such_as_urls_are_broken_by_character()
    {
        const string url = "https://training.example.cn/my/orders/TE202611260001234567890";
        const double width = 80;

        var lines = PdfText.Wrap(gfx, url, font, width);

        Assert.True(lines.Count > 1);
        Assert.Equal(url, string.Concat(lines));
        Assert.All(lines, l => Assert.True(PdfText.Measure(gfx, l, font) <= width + 0.01));
    }

    [Fact]
    public void PAY_02_explicit_newlines_start_new_lines()
    {
        var lines = PdfText.Wrap(gfx, "第一行\r\n第二行\n\n第四行", font, 300);

        Assert.Equal(["第一行", "第二行", "", "第四行"], lines);
    }
}
