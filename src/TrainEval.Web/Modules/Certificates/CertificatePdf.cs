using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TrainEval.Web.Platform.Pdf;

namespace TrainEval.Web.Modules.Certificates;

/// <summary>Everything printed on a certificate, already decided by the caller (masked ID, Beijing dates, the verification URL).</summary>
public sealed record CertificatePdfData(string Number, string VerificationCode, string HolderName, string IdTypeName, string IdNumberMasked,
    string ProjectName, string Occupation, string LevelName, string Result, string ResultDetail, string InstitutionName, DateTime IssuedAtUtc,
    string VerifyUrl, string? Notice = null);

/// <summary>
/// The printable certificate (职业技能等级证书): one landscape A4 page with a double frame, the holder and the result in
/// the middle, the number and issue date, the issuing institution, and a QR code linking to the public verification page
/// (also a clickable link and printed as text).
/// </summary>
public static class CertificatePdf
{
    private const double W = 841.89, H = 595.28;
    private static readonly XColor Ink = XColor.FromArgb(0x22, 0x26, 0x2B);
    private static readonly XColor Muted = XColor.FromArgb(0x6B, 0x72, 0x7B);
    private static readonly XColor Gold = XColor.FromArgb(0xA6, 0x7C, 0x2E);
    private static readonly XColor Accent = XColor.FromArgb(0x8B, 0x1E, 0x1E);
    private static readonly XColor Warn = XColor.FromArgb(0xB4, 0x3C, 0x1E);

    public static byte[] Build(CertificatePdfData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        CjkFontResolver.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"职业技能等级证书 {d.Number}";
        document.Info.Subject = $"查验地址 {d.VerifyUrl}";
        document.Info.Author = d.InstitutionName;
        document.Info.Creator = d.InstitutionName;
        document.Info.CreationDate = d.IssuedAtUtc;
        document.Info.ModificationDate = d.IssuedAtUtc;

        var page = document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Landscape;
        using (var g = XGraphics.FromPdfPage(page))
        {
            XFont Font(double size, bool bold = false) => new(CjkFontResolver.FamilyName, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
                new XPdfFontOptions(PdfFontEncoding.Unicode));
            var ink = new XSolidBrush(Ink);
            var muted = new XSolidBrush(Muted);

            // Frame: an outer gold rule and an inner thin one.
            g.DrawRectangle(new XPen(Gold, 4), 24, 24, W - 48, H - 48);
            g.DrawRectangle(new XPen(Gold, 0.8), 34, 34, W - 68, H - 68);

            g.DrawString("职业技能等级证书", Font(34, bold: true), new XSolidBrush(Accent), new XRect(0, 62, W, 48), XStringFormats.Center);
            g.DrawString("Vocational Skill Level Certificate", Font(11), muted, new XRect(0, 108, W, 18), XStringFormats.Center);

            var lead = $"{d.HolderName} 同志参加 {d.ProjectName}，经培训、考核与考后复核，成绩{d.Result}，特发此证。";
            var y = PdfText.DrawWrapped(g, lead, Font(14), ink, 110, 146, W - 220 - 130, 24);

            // Details table (left) and QR (right).
            var rows = new (string Label, string Value)[]
            {
                ("姓　　名", d.HolderName),
                ("证件类型", d.IdTypeName),
                ("证件号码", d.IdNumberMasked),
                ("职业（工种）", d.Occupation),
                ("等　　级", d.LevelName),
                ("评价结果", d.ResultDetail.Length > 0 ? $"{d.Result}（{d.ResultDetail}）" : d.Result),
                ("证书编号", d.Number),
                ("发证日期", BeijingDate(d.IssuedAtUtc)),
            };
            y = Math.Max(y + 14, 214);
            var labelFont = Font(12, bold: true);
            var valueFont = Font(12.5);
            foreach (var (label, value) in rows)
            {
                g.DrawString(label, labelFont, muted, new XRect(120, y, 110, 24), XStringFormats.CenterLeft);
                PdfText.DrawWrapped(g, PdfText.Ellipsize(g, value, valueFont, 360), valueFont, ink, 235, y, 360, 24);
                g.DrawLine(new XPen(XColor.FromArgb(0xE2, 0xD6, 0xBE), 0.5), 120, y + 24, 600, y + 24);
                y += 30;
            }

            const double qr = 120;
            var qrLeft = W - 110 - qr;
            var qrTop = 222.0;
            PdfQrCode.Draw(g, d.VerifyUrl, new XRect(qrLeft, qrTop, qr, qr));
            page.AddWebLink(new PdfSharp.Pdf.PdfRectangle(new XRect(qrLeft, H - qrTop - qr, qr, qr)), d.VerifyUrl);
            g.DrawString("扫码查验证书真伪", Font(10.5, bold: true), ink, new XRect(qrLeft - 20, qrTop + qr + 6, qr + 40, 16), XStringFormats.Center);
            g.DrawString($"查验码 {CertificateNumbers.Grouped(d.VerificationCode)}", Font(9), muted, new XRect(qrLeft - 30, qrTop + qr + 24, qr + 60, 14), XStringFormats.Center);

            // Issuer block, bottom right; the verification URL, bottom left.
            g.DrawString("发证机构", Font(11), muted, new XRect(W - 340, H - 130, 250, 18), XStringFormats.CenterRight);
            g.DrawString(d.InstitutionName, Font(15, bold: true), ink, new XRect(W - 440, H - 108, 350, 24), XStringFormats.CenterRight);
            g.DrawString(BeijingDate(d.IssuedAtUtc), Font(12), ink, new XRect(W - 340, H - 82, 250, 20), XStringFormats.CenterRight);
            g.DrawString("查验网址：", Font(9), muted, new XRect(60, H - 84, 60, 14), XStringFormats.CenterLeft);
            PdfText.DrawWrapped(g, d.VerifyUrl, Font(9), muted, 60, H - 70, 400, 13);

            if (!string.IsNullOrWhiteSpace(d.Notice))
                g.DrawString(d.Notice, Font(28, bold: true), new XSolidBrush(Warn), new XRect(0, H / 2 - 20, W, 40), XStringFormats.Center);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public static string BeijingDate(DateTime utc) => utc.AddHours(8).ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture);
}
