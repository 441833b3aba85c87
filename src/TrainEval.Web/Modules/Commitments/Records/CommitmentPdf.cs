using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TrainEval.Web.Platform.Pdf;

namespace TrainEval.Web.Modules.Commitments.Records;

/// <summary>What the PDF of a signed commitment shows (the caller masks the ID number).</summary>
public sealed record CommitmentPdfData(CommitmentRecord Record, string ProjectName, string LearnerName, string IdTypeName, string IdNumberMasked,
    string Title, string Status, DateTime GeneratedAtUtc);

/// <summary>The printable signed commitment (A4, embedded Chinese font subset): the signed text, then the signature facts and hashes.</summary>
public static class CommitmentPdf
{
    private const double Margin = 56, PageWidth = 595.28, PageHeight = 841.89, Bottom = PageHeight - 60;
    private static readonly XColor Ink = XColor.FromArgb(0x1F, 0x2A, 0x30), Muted = XColor.FromArgb(0x5F, 0x6B, 0x73), Brand = XColor.FromArgb(0x0B, 0x6E, 0x4F);

    public static byte[] Build(CommitmentPdfData d)
    {
        CjkFontResolver.EnsureRegistered();
        var r = d.Record;
        using var doc = new PdfDocument();
        doc.Info.Title = $"{d.Title} {d.LearnerName}";
        doc.Info.Subject = d.ProjectName;
        doc.Info.CreationDate = d.GeneratedAtUtc;
        XFont Font(double size, bool bold = false) => new(CjkFontResolver.FamilyName, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
            new XPdfFontOptions(PdfFontEncoding.Unicode));
        var body = Font(11);
        var small = Font(9);
        var width = PageWidth - 2 * Margin;
        XGraphics? gfx = null;
        var y = 0d;
        var pages = 0;
        void NewPage()
        {
            gfx?.Dispose();
            var page = doc.AddPage();
            page.Size = PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            pages++;
            gfx.DrawString($"{d.Title} · {d.LearnerName} · 记录编号 {r.Id} · 第 {pages} 页", small, new XSolidBrush(Muted),
                new XRect(Margin, PageHeight - 40, width, 14), XStringFormats.CenterLeft);
            y = Margin;
        }
        void Text(string text, XFont font, XColor color, double lineHeight, double after)
        {
            foreach (var line in PdfText.Wrap(gfx!, text, font, width))
            {
                if (y + lineHeight > Bottom) NewPage();
                gfx!.DrawString(line, font, new XSolidBrush(color), new XRect(Margin, y, width, lineHeight), XStringFormats.CenterLeft);
                y += lineHeight;
            }
            y += after;
        }

        NewPage();
        gfx!.DrawString(d.Title, Font(20, bold: true), new XSolidBrush(Ink), new XRect(Margin, y, width, 30), XStringFormats.Center);
        y += 34;
        gfx.DrawString(d.ProjectName, small, new XSolidBrush(Muted), new XRect(Margin, y, width, 14), XStringFormats.Center);
        y += 22;
        gfx.DrawLine(new XPen(Brand, 1.2), Margin, y, Margin + width, y);
        y += 12;
        foreach (var p in TemplateRules.Paragraphs(r.RenderedText)) Text("　　" + p, body, Ink, 19, 4);
        y += 10;
        if (y + 60 > Bottom) NewPage();
        gfx!.DrawLine(new XPen(Brand, 0.8), Margin, y, Margin + width, y);
        y += 10;
        Text("签署信息", Font(12, bold: true), Ink, 20, 2);
        var facts = new[]
        {
            ("签署人", $"{d.LearnerName}（{d.IdTypeName} {d.IdNumberMasked}）"), ("签署账号", r.Account),
            ("签署时间", $"{r.SignedAtUtc.AddHours(8):yyyy-MM-dd HH:mm:ss}（北京时间）"), ("签署方式", ResignReasons.MethodLabel(r.Method)),
            ("IP 地址", r.Ip), ("设备", r.Device), ("状态", d.Status),
            ("记录编号", r.Id.ToString()), ("模板版本", $"第 {r.TemplateVersion} 版，文本 SHA-256 {r.TemplateSha256}"),
            ("签署文本 SHA-256", r.RenderedSha256),
        };
        foreach (var (label, value) in facts) Text($"{label}：{value}", small, Ink, 14, 1);
        if (r.ResignOfId is { } of) Text($"重新签署（{ResignReasons.Label(r.ResignReason)}），原记录 {of} 保留。", small, Ink, 14, 1);
        y += 8;
        Text($"本文件由平台根据签署记录生成，生成时间 {d.GeneratedAtUtc.AddHours(8):yyyy-MM-dd HH:mm}（北京时间）。签署文本的 SHA-256 可与平台保存的记录核对；页面操作记录由机构在平台查询。",
            small, Muted, 14, 0);
        gfx!.Dispose();
        using var output = new MemoryStream();
        doc.Save(output, closeStream: false);
        return output.ToArray();
    }
}
