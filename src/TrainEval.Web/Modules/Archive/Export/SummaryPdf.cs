using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TrainEval.Web.Platform.Pdf;

namespace TrainEval.Web.Modules.Archive.Export;

/// <summary>
/// summary.pdf of an export (A4, embedded Chinese font subset): the learner, the export facts, a table of sections with
/// their record and attachment counts, and the whole time line. The JSON files remain the complete record.
/// </summary>
public static class SummaryPdf
{
    private const double Margin = 48, PageWidth = 595.28, PageHeight = 841.89, Bottom = PageHeight - 56;
    private static readonly XColor Ink = XColor.FromArgb(0x1F, 0x2A, 0x30), Muted = XColor.FromArgb(0x5F, 0x6B, 0x73),
        Brand = XColor.FromArgb(0x0B, 0x6E, 0x4F), Rule = XColor.FromArgb(0xD5, 0xDB, 0xDF);

    public static byte[] Build(LearnerArchive archive, ArchiveManifest manifest)
    {
        CjkFontResolver.EnsureRegistered();
        var learner = archive.Learner;
        using var doc = new PdfDocument();
        doc.Info.Title = $"学员档案摘要 {learner.RealName}";
        doc.Info.CreationDate = manifest.ExportedAtUtc;
        static XFont Font(double size, bool bold = false) => new(CjkFontResolver.FamilyName, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
            new XPdfFontOptions(PdfFontEncoding.Unicode));
        var body = Font(10);
        var small = Font(8.5);
        var bold = Font(10, bold: true);
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
            gfx.DrawString($"学员档案摘要 · {learner.RealName} · 导出于 {Cst(manifest.ExportedAtUtc)} · 第 {pages} 页", small, new XSolidBrush(Muted),
                new XRect(Margin, PageHeight - 36, width, 12), XStringFormats.CenterLeft);
            y = Margin;
        }
        void Need(double height) { if (y + height > Bottom) NewPage(); }
        void Line(string text, XFont font, XColor color, double lineHeight = 15, double after = 0)
        {
            foreach (var l in PdfText.Wrap(gfx!, text, font, width))
            {
                Need(lineHeight);
                gfx!.DrawString(l, font, new XSolidBrush(color), new XRect(Margin, y, width, lineHeight), XStringFormats.CenterLeft);
                y += lineHeight;
            }
            y += after;
        }
        void Heading(string text)
        {
            Need(40);
            y += 8;
            gfx!.DrawString(text, Font(13, bold: true), new XSolidBrush(Brand), new XRect(Margin, y, width, 20), XStringFormats.CenterLeft);
            y += 22;
            gfx.DrawLine(new XPen(Brand, 0.8), Margin, y, Margin + width, y);
            y += 6;
        }

        NewPage();
        gfx!.DrawString("学员培训与评价档案摘要", Font(20, bold: true), new XSolidBrush(Ink), new XRect(Margin, y, width, 30), XStringFormats.Center);
        y += 40;
        var facts = new[]
        {
            ("学员", learner.RealName), ("登录账号", learner.Account), ("证件", $"{learner.IdTypeName} {learner.IdNumber}"),
            ("导出时间", $"{Cst(manifest.ExportedAtUtc)}（北京时间）"), ("导出人", $"{manifest.ExportedBy.Name}（{manifest.ExportedBy.Role}）"),
            ("范围", manifest.Scope.Limited ? $"导出人所在机构的记录（{manifest.Scope.InstitutionIds.Count} 个机构）" : "全部机构的记录"),
            ("敏感信息", manifest.Masking.Revealed ? "证件号码完整导出（已记入审计）" : "证件号码、手机号已脱敏"),
            ("审计链头", manifest.AuditHead is { } h ? $"第 {h.Sequence} 号，{h.Hash[..16]}…" : "（无）"),
        };
        foreach (var (label, value) in facts)
        {
            Need(16);
            gfx!.DrawString(label, bold, new XSolidBrush(Muted), new XRect(Margin, y, 80, 16), XStringFormats.CenterLeft);
            y = PdfText.DrawWrapped(gfx, value, body, new XSolidBrush(Ink), Margin + 84, y, width - 84, 16);
        }

        Heading("档案内容");
        double[] cols = [Margin, Margin + 200, Margin + 290, Margin + 380];
        void Row(string[] cells, XFont font)
        {
            Need(17);
            for (var i = 0; i < cells.Length; i++)
                gfx!.DrawString(cells[i], font, new XSolidBrush(Ink), new XRect(cols[i], y, (i + 1 < cols.Length ? cols[i + 1] : Margin + width) - cols[i] - 4, 17), XStringFormats.CenterLeft);
            y += 17;
            gfx!.DrawLine(new XPen(Rule, 0.5), Margin, y, Margin + width, y);
        }
        Row(["部分", "记录", "事件", "附件"], bold);
        foreach (var s in manifest.Sections) Row([s.Title, s.Records.ToString(), s.Events.ToString(), s.Attachments.ToString()], body);
        y += 6;
        Line("每条记录的完整内容见 records/ 目录下的 JSON 文件，附件见 attachments/ 目录；manifest.json 列出每个文件的 SHA-256，其哈希已登记在平台审计链中，可在平台“档案校验”页面核对。",
            small, Muted, 13);

        Heading("时间线");
        var timeWidth = 92d;
        var sectionWidth = 84d;
        var textWidth = width - timeWidth - sectionWidth;
        if (archive.Timeline.Count == 0) Line("（暂无记录）", body, Muted);
        foreach (var item in archive.Timeline)
        {
            var e = item.Event;
            var text = e.Title + (string.IsNullOrWhiteSpace(e.Detail) ? "" : "：" + e.Detail) + (string.IsNullOrWhiteSpace(e.Actor) ? "" : $"（{e.Actor}）");
            var lines = PdfText.Wrap(gfx!, text, body, textWidth);
            Need(lines.Count * 14 + 3);
            gfx!.DrawString(Cst(e.AtUtc), small, new XSolidBrush(Muted), new XRect(Margin, y, timeWidth, 14), XStringFormats.CenterLeft);
            gfx.DrawString(item.SectionTitle, small, new XSolidBrush(Brand), new XRect(Margin + timeWidth, y, sectionWidth, 14), XStringFormats.CenterLeft);
            foreach (var l in lines)
            {
                gfx.DrawString(l, body, new XSolidBrush(Ink), new XRect(Margin + timeWidth + sectionWidth, y, textWidth, 14), XStringFormats.CenterLeft);
                y += 14;
            }
            y += 3;
        }
        gfx!.Dispose();
        using var output = new MemoryStream();
        doc.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static string Cst(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm");
}
