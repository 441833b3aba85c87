using System.Globalization;
using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TrainEval.Web.Platform.Pdf;

namespace TrainEval.Web.Modules.Payments.Receipt;

/// <summary>One fee line of a receipt.</summary>
public sealed record ReceiptLine(string Name, long AmountFen, string Payee);

/// <summary>
/// Everything printed on a payment receipt (PAY-02), already decided by the caller: names, masked ID, status text,
/// amounts in fen, UTC times (printed in Beijing time). <paramref name="Notice"/>, when set, is printed prominently
/// (an unpaid, closed or refunded order).
/// </summary>
public sealed record ReceiptData(
    string OrderNo,
    string Status,
    string PayerName,
    string PayerIdMasked,
    string ProjectName,
    string InstitutionName,
    IReadOnlyList<ReceiptLine> Lines,
    long TotalFen,
    string PaymentMethod,
    DateTime? PaidAtUtc,
    string TransactionId,
    string NextSteps,
    string ReceiptUrl,
    DateTime GeneratedAtUtc,
    string? Notice = null,
    string Purpose = "报名费",
    string InstitutionLabel = "培训机构");

/// <summary>The printable A4 payment receipt (缴费凭证) as a PDF with an embedded Chinese font subset.</summary>
public static class ReceiptPdf
{
    public const string PlatformName = "体育职业技能线上培训与评价平台";
    private const string Footer = "本凭证根据支付渠道返回的支付结果生成，仅用于证明本平台订单的缴费情况；如需发票，请向收款单位申请。";

    private const double Margin = 50;
    private const double FooterTop = 790;
    private static readonly XColor Ink = XColor.FromArgb(0x22, 0x26, 0x2B);
    private static readonly XColor Muted = XColor.FromArgb(0x6B, 0x72, 0x7B);
    private static readonly XColor Accent = XColor.FromArgb(0x1F, 0x4E, 0x79);
    private static readonly XColor Rule = XColor.FromArgb(0xC9, 0xCF, 0xD6);
    private static readonly XColor Fill = XColor.FromArgb(0xF1, 0xF4, 0xF8);
    private static readonly XColor Good = XColor.FromArgb(0x1E, 0x7B, 0x45);
    private static readonly XColor Warn = XColor.FromArgb(0xB4, 0x3C, 0x1E);

    public static byte[] Build(ReceiptData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CjkFontResolver.EnsureRegistered();

        using var document = new PdfDocument();
        document.Info.Title = $"缴费凭证 {data.OrderNo}";
        document.Info.Subject = $"{data.ProjectName} 缴费凭证";
        document.Info.Author = PlatformName;
        document.Info.Creator = PlatformName;
        document.Info.CreationDate = data.GeneratedAtUtc;
        document.Info.ModificationDate = data.GeneratedAtUtc;

        var layout = new Layout(document, $"缴费凭证（续）　订单号：{data.OrderNo}");
        DrawHeader(layout, data);
        DrawDetails(layout, data);
        if (!string.IsNullOrWhiteSpace(data.Notice)) DrawNotice(layout, data.Notice);
        DrawLines(layout, data);
        DrawNextSteps(layout, data);
        DrawVerification(layout, data);
        layout.Finish();

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>1234567 fen → "12,345.67".</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Beijing time (UTC+8, no daylight saving) as printed on the receipt.</summary>
    public static string BeijingTime(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The amount in Chinese capital numerals as written on financial documents: 230050 fen → "贰仟叁佰元伍角整".</summary>
    public static string ChineseCapitalAmount(long fen)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fen);
        const string digits = "零壹贰叁肆伍陆柒捌玖";
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var cents = (int)(fen % 10);
        var sb = new StringBuilder();
        if (yuan > 0)
        {
            string[] groupUnits = ["", "万", "亿", "万亿"];
            var groups = new List<int>();
            for (var v = yuan; v > 0; v /= 10000) groups.Add((int)(v % 10000));
            var pendingZero = false;
            for (var g = groups.Count - 1; g >= 0; g--)
            {
                var group = groups[g];
                if (group == 0) { pendingZero = sb.Length > 0; continue; }
                if (sb.Length > 0 && (pendingZero || group < 1000)) sb.Append('零');
                bool written = false, zero = false;
                for (var p = 3; p >= 0; p--)
                {
                    var d = group / (int)Math.Pow(10, p) % 10;
                    if (d == 0) { zero = written; continue; }
                    if (zero) sb.Append('零');
                    zero = false;
                    written = true;
                    sb.Append(digits[d]).Append(p switch { 3 => "仟", 2 => "佰", 1 => "拾", _ => "" });
                }
                sb.Append(groupUnits[g]);
                pendingZero = false;
            }
            sb.Append('元');
        }
        if (jiao == 0 && cents == 0) return sb.Length == 0 ? "零元整" : sb.Append('整').ToString();
        if (jiao > 0) sb.Append(digits[jiao]).Append('角');
        else if (sb.Length > 0) sb.Append('零');
        if (cents > 0) sb.Append(digits[cents]).Append('分');
        else sb.Append('整');
        return sb.ToString();
    }

    private static void DrawHeader(Layout l, ReceiptData data)
    {
        var g = l.Gfx;
        g.DrawString(PlatformName, l.Font(9), new XSolidBrush(Muted), new XRect(Margin, 40, 300, 14), XStringFormats.CenterLeft);
        g.DrawString("电子缴费凭证", l.Font(9), new XSolidBrush(Muted), new XRect(Margin, 40, l.Width, 14), XStringFormats.CenterRight);
        g.DrawLine(new XPen(Accent, 1.6), Margin, 58, Margin + l.Width, 58);

        // The title letter-spaced by position rather than by spaces, so the text still reads "缴费凭证" when extracted.
        var titleFont = l.Font(24, bold: true);
        const string title = "缴费凭证";
        var tracking = titleFont.Size * 0.35;
        var widths = title.Select(c => PdfText.Measure(g, c.ToString(), titleFont)).ToArray();
        var x = Margin + (l.Width - widths.Sum() - tracking * (title.Length - 1)) / 2;
        for (var i = 0; i < title.Length; i++)
        {
            g.DrawString(title[i].ToString(), titleFont, new XSolidBrush(Ink), new XRect(x, 72, widths[i], 34), XStringFormats.Center);
            x += widths[i] + tracking;
        }
        g.DrawString("PAYMENT RECEIPT", l.Font(8.5), new XSolidBrush(Muted), new XRect(Margin, 104, l.Width, 12), XStringFormats.Center);

        // Status stamp, top right of the title.
        var paid = data.PaidAtUtc is not null && string.IsNullOrWhiteSpace(data.Notice);
        var color = paid ? Good : Warn;
        var font = l.Font(12, bold: true);
        var w = Math.Max(62, PdfText.Measure(g, data.Status, font) + 24);
        var stamp = new XRect(Margin + l.Width - w, 76, w, 26);
        g.DrawRoundedRectangle(new XPen(color, 1.4), new XSolidBrush(XColor.FromArgb(18, color.R, color.G, color.B)), stamp, new XSize(6, 6));
        g.DrawString(data.Status, font, new XSolidBrush(color), stamp, XStringFormats.Center);

        var small = l.Font(9.5);
        var orderNo = $"订单号：{data.OrderNo}";
        g.DrawString(orderNo, small, new XSolidBrush(Ink), new XRect(Margin, 124, l.Width, 14), XStringFormats.CenterLeft);
        if (!string.IsNullOrWhiteSpace(data.InstitutionName))
        {
            var institution = PdfText.Ellipsize(g, $"{data.InstitutionLabel}：{data.InstitutionName}", small, l.Width - PdfText.Measure(g, orderNo, small) - 24);
            g.DrawString(institution, small, new XSolidBrush(Ink), new XRect(Margin, 124, l.Width, 14), XStringFormats.CenterRight);
        }
        l.Y = 148;
    }

    private static void DrawDetails(Layout l, ReceiptData data)
    {
        l.SectionTitle("缴费信息");
        var paidAt = data.PaidAtUtc is { } t ? $"{BeijingTime(t)}（北京时间）" : "未支付";
        var rows = new (string Label, string Value, string? Label2, string? Value2)[]
        {
            ("缴费人", data.PayerName, "证件号码", data.PayerIdMasked),
            ("培训项目", data.ProjectName, null, null),
            // The order's status is the stamp in the header; this row names what was paid for (报名费 / 补考费).
            ("支付方式", data.PaymentMethod, "费用类别", data.Purpose),
            ("支付时间", paidAt, null, null),
            ("交易单号", string.IsNullOrWhiteSpace(data.TransactionId) ? "—" : data.TransactionId, null, null),
        };
        const double labelWidth = 68, pad = 8;
        var half = l.Width / 2;
        var body = l.Font(10);
        const double lineHeight = 15;
        l.EnsureSpace(2 * (lineHeight + 12));
        l.Gfx.DrawLine(new XPen(Rule, 0.6), Margin, l.Y, Margin + l.Width, l.Y);
        foreach (var row in rows)
        {
            var single = row.Label2 is null;
            var valueWidth = (single ? l.Width : half) - labelWidth - 2 * pad;
            var v1 = PdfText.Wrap(l.Gfx, row.Value, body, valueWidth);
            var v2 = single ? [] : PdfText.Wrap(l.Gfx, row.Value2 ?? "", body, valueWidth);
            var height = Math.Max(v1.Count, v2.Count) * lineHeight + 2 * 6;
            if (l.EnsureSpace(height)) l.Gfx.DrawLine(new XPen(Rule, 0.6), Margin, l.Y, Margin + l.Width, l.Y);
            var g = l.Gfx;
            Cell(g, row.Label, v1, Margin, l.Y, labelWidth, height, body, lineHeight);
            if (!single) Cell(g, row.Label2!, v2, Margin + half, l.Y, labelWidth, height, body, lineHeight);
            l.Y += height;
            g.DrawLine(new XPen(Rule, 0.6), Margin, l.Y, Margin + l.Width, l.Y);
        }
        l.Y += 16;

        static void Cell(XGraphics g, string label, IReadOnlyList<string> value, double x, double y, double labelWidth, double height,
            XFont font, double lineHeight)
        {
            g.DrawRectangle(new XSolidBrush(Fill), x, y, labelWidth, height);
            g.DrawString(label, font, new XSolidBrush(Muted), new XRect(x + 8, y + 6, labelWidth - 16, lineHeight), XStringFormats.CenterLeft);
            for (var i = 0; i < value.Count; i++)
                g.DrawString(value[i], font, new XSolidBrush(Ink), new XRect(x + labelWidth + 8, y + 6 + i * lineHeight, 400, lineHeight), XStringFormats.CenterLeft);
        }
    }

    private static void DrawNotice(Layout l, string notice)
    {
        var font = l.Font(10.5, bold: true);
        var lines = PdfText.Wrap(l.Gfx, notice, font, l.Width - 24);
        var height = lines.Count * 16 + 14;
        l.EnsureSpace(height + 14);
        var g = l.Gfx;
        var box = new XRect(Margin, l.Y, l.Width, height);
        g.DrawRectangle(new XPen(Warn, 1), new XSolidBrush(XColor.FromArgb(20, Warn.R, Warn.G, Warn.B)), box);
        PdfText.DrawWrapped(g, notice, font, new XSolidBrush(Warn), Margin + 12, l.Y + 7, l.Width - 24, 16);
        l.Y += height + 16;
    }

    private static void DrawLines(Layout l, ReceiptData data)
    {
        l.SectionTitle("收费明细");
        var body = l.Font(10);
        var head = l.Font(10, bold: true);
        const double lineHeight = 15, padY = 6, padX = 8;
        double[] widths = [40, 0, 170, 100];
        widths[1] = l.Width - widths[0] - widths[2] - widths[3];
        string[] titles = ["序号", "收费项目", "收款单位", "金额（元）"];

        void Header()
        {
            var h = lineHeight + 2 * padY;
            var x = Margin;
            l.Gfx.DrawRectangle(new XSolidBrush(Fill), Margin, l.Y, l.Width, h);
            for (var c = 0; c < titles.Length; c++)
            {
                var format = c is 0 ? XStringFormats.Center : c is 3 ? XStringFormats.CenterRight : XStringFormats.CenterLeft;
                l.Gfx.DrawString(titles[c], head, new XSolidBrush(Ink), new XRect(x + padX, l.Y, widths[c] - 2 * padX, h), format);
                x += widths[c];
            }
            l.Gfx.DrawLine(new XPen(Accent, 1), Margin, l.Y, Margin + l.Width, l.Y);
            l.Gfx.DrawLine(new XPen(Rule, 0.6), Margin, l.Y + h, Margin + l.Width, l.Y + h);
            l.Y += h;
        }

        l.EnsureSpace(3 * (lineHeight + 2 * padY));
        Header();
        for (var i = 0; i < data.Lines.Count; i++)
        {
            var line = data.Lines[i];
            var name = PdfText.Wrap(l.Gfx, line.Name, body, widths[1] - 2 * padX);
            var payee = PdfText.Wrap(l.Gfx, line.Payee, body, widths[2] - 2 * padX);
            var h = Math.Max(name.Count, payee.Count) * lineHeight + 2 * padY;
            if (l.EnsureSpace(h)) Header();
            var x = Margin;
            l.Gfx.DrawString((i + 1).ToString(CultureInfo.InvariantCulture), body, new XSolidBrush(Muted), new XRect(x, l.Y + padY, widths[0], lineHeight), XStringFormats.Center);
            x += widths[0];
            for (var k = 0; k < name.Count; k++)
                l.Gfx.DrawString(name[k], body, new XSolidBrush(Ink), new XRect(x + padX, l.Y + padY + k * lineHeight, widths[1], lineHeight), XStringFormats.CenterLeft);
            x += widths[1];
            for (var k = 0; k < payee.Count; k++)
                l.Gfx.DrawString(payee[k], body, new XSolidBrush(Ink), new XRect(x + padX, l.Y + padY + k * lineHeight, widths[2], lineHeight), XStringFormats.CenterLeft);
            x += widths[2];
            l.Gfx.DrawString($"¥{Yuan(line.AmountFen)}", body, new XSolidBrush(Ink), new XRect(x + padX, l.Y + padY, widths[3] - 2 * padX, lineHeight), XStringFormats.CenterRight);
            l.Y += h;
            l.Gfx.DrawLine(new XPen(Rule, 0.6), Margin, l.Y, Margin + l.Width, l.Y);
        }

        var totalHeight = 2 * lineHeight + 2 * padY + 4;
        l.EnsureSpace(totalHeight);
        var capital = $"合计（人民币大写）：{ChineseCapitalAmount(data.TotalFen)}";
        l.Gfx.DrawString(capital, l.Font(10.5, bold: true), new XSolidBrush(Ink), new XRect(Margin + padX, l.Y, l.Width - widths[3], totalHeight), XStringFormats.CenterLeft);
        l.Gfx.DrawString($"¥{Yuan(data.TotalFen)}", l.Font(14, bold: true), new XSolidBrush(Accent), new XRect(Margin, l.Y, l.Width - padX, totalHeight), XStringFormats.CenterRight);
        l.Y += totalHeight;
        l.Gfx.DrawLine(new XPen(Accent, 1), Margin, l.Y, Margin + l.Width, l.Y);
        l.Y += 22;
    }

    private static void DrawNextSteps(Layout l, ReceiptData data)
    {
        if (string.IsNullOrWhiteSpace(data.NextSteps)) return;
        var body = l.Font(10);
        var lines = PdfText.Wrap(l.Gfx, data.NextSteps, body, l.Width);
        l.EnsureSpace(30 + lines.Count * 16);
        l.SectionTitle("后续事项");
        l.Y = PdfText.DrawWrapped(l.Gfx, data.NextSteps, body, new XSolidBrush(Ink), Margin, l.Y, l.Width, 16) + 18;
    }

    private static void DrawVerification(Layout l, ReceiptData data)
    {
        const double qr = 96, pad = 12;
        var height = qr + 2 * pad;
        l.EnsureSpace(height);
        var g = l.Gfx;
        var top = Math.Max(l.Y, FooterTop - 16 - height); // sits just above the footer
        g.DrawRectangle(new XPen(Rule, 0.8), Margin, top, l.Width, height);
        if (!string.IsNullOrWhiteSpace(data.ReceiptUrl))
            PdfQrCode.Draw(g, data.ReceiptUrl, new XRect(Margin + l.Width - pad - qr, top + pad, qr, qr));

        var x = Margin + 16;
        var width = l.Width - qr - 2 * pad - 24;
        var y = top + pad + 2;
        g.DrawString("扫码查验", l.Font(11.5, bold: true), new XSolidBrush(Accent), new XRect(x, y, width, 18), XStringFormats.CenterLeft);
        y = PdfText.DrawWrapped(g, "使用手机扫描右侧二维码，登录后可查看本凭证的在线版本并核对支付状态。", l.Font(9.5), new XSolidBrush(Ink), x, y + 22, width, 14);
        y = PdfText.DrawWrapped(g, data.ReceiptUrl, l.Font(8.5), new XSolidBrush(Muted), x, y + 2, width, 12);
        g.DrawString($"凭证生成时间：{BeijingTime(data.GeneratedAtUtc)}（北京时间）", l.Font(9.5), new XSolidBrush(Ink),
            new XRect(x, top + height - pad - 16, width, 16), XStringFormats.CenterLeft);
        l.Y = top + height + 12;
    }

    /// <summary>Current page, pen position and fonts; adds pages when content runs out of room and numbers them at the end.</summary>
    private sealed class Layout(PdfDocument document, string continuation)
    {
        private readonly Dictionary<(double, bool), XFont> fonts = [];
        private readonly List<PdfPage> pages = [];
        private XGraphics? gfx;

        public XGraphics Gfx => gfx ??= NewPage();
        public double Width { get; } = 595.28 - 2 * Margin;
        public double Y { get; set; }

        public XFont Font(double size, bool bold = false)
        {
            if (fonts.TryGetValue((size, bold), out var font)) return font;
            return fonts[(size, bold)] = new XFont(CjkFontResolver.FamilyName, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
                new XPdfFontOptions(PdfFontEncoding.Unicode));
        }

        public void SectionTitle(string title)
        {
            EnsureSpace(60);
            Gfx.DrawRectangle(new XSolidBrush(Accent), Margin, Y + 3, 3, 13);
            Gfx.DrawString(title, Font(11.5, bold: true), new XSolidBrush(Ink), new XRect(Margin + 10, Y, Width, 19), XStringFormats.CenterLeft);
            Y += 26;
        }

        /// <summary>Starts a new page when <paramref name="height"/> no longer fits above the footer; true when it did.</summary>
        public bool EnsureSpace(double height)
        {
            _ = Gfx;
            if (Y + height <= FooterTop - 12) return false;
            gfx!.Dispose();
            gfx = NewPage();
            return true;
        }

        public void Finish()
        {
            gfx?.Dispose();
            gfx = null;
            for (var i = 0; i < pages.Count; i++)
            {
                using var g = XGraphics.FromPdfPage(pages[i], XGraphicsPdfPageOptions.Append);
                var small = Font(8);
                g.DrawLine(new XPen(Rule, 0.6), Margin, FooterTop, Margin + Width, FooterTop);
                var footer = PdfText.Ellipsize(g, Footer, small, Width - 70);
                g.DrawString(footer, small, new XSolidBrush(Muted), new XRect(Margin, FooterTop + 4, Width, 14), XStringFormats.CenterLeft);
                g.DrawString($"第 {i + 1} 页 / 共 {pages.Count} 页", small, new XSolidBrush(Muted), new XRect(Margin, FooterTop + 4, Width, 14), XStringFormats.CenterRight);
            }
        }

        private XGraphics NewPage()
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            pages.Add(page);
            var g = XGraphics.FromPdfPage(page);
            Y = Margin;
            if (pages.Count > 1)
            {
                g.DrawString(continuation, Font(9), new XSolidBrush(Muted), new XRect(Margin, 40, Width, 14), XStringFormats.CenterLeft);
                g.DrawLine(new XPen(Rule, 0.6), Margin, 58, Margin + Width, 58);
                Y = 72;
            }
            return g;
        }
    }
}
