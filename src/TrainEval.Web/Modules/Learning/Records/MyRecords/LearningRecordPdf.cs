using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TrainEval.Web.Modules.Learning.Completion;
using TrainEval.Web.Platform.Pdf;

namespace TrainEval.Web.Modules.Learning.Records.MyRecords;

/// <summary>
/// Everything printed on a learner's learning record (学习记录), decided by the caller: names, the masked ID number,
/// dates in UTC (printed in Beijing time), effective time, units, practice, sessions and the verification code that the
/// print's audit entry carries.
/// </summary>
public sealed record LearningRecordData(
    string LearnerName,
    string IdTypeName,
    string IdNumberMasked,
    string Account,
    string ProjectName,
    string InstitutionName,
    string CourseTitle,
    DateTime ActivatedAtUtc,
    DateTime LearningValidUntilUtc,
    RecordSummary Summary,
    IReadOnlyList<CompletionItem> Rule,
    IReadOnlyList<UnitRecord> Units,
    IReadOnlyList<SessionRecord> Sessions,
    DateTime GeneratedAtUtc,
    string VerificationCode,
    string RecordsUrl);

/// <summary>The printable A4 learning record (LRN-07) with an embedded Chinese font subset; several pages when the session list is long.</summary>
public static class LearningRecordPdf
{
    public const string PlatformName = "体育职业技能线上培训与评价平台";
    private const double Margin = 48;
    private const double PageWidth = 595.28, PageHeight = 841.89;
    private const double Bottom = PageHeight - 56;
    private static readonly XColor Ink = XColor.FromArgb(0x1F, 0x2A, 0x30);
    private static readonly XColor Muted = XColor.FromArgb(0x5F, 0x6B, 0x73);
    private static readonly XColor Brand = XColor.FromArgb(0x0B, 0x6E, 0x4F);
    private static readonly XColor Line = XColor.FromArgb(0xDF, 0xE5, 0xE8);
    private static readonly XColor Shade = XColor.FromArgb(0xF5, 0xF7, 0xF8);

    public static byte[] Build(LearningRecordData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CjkFontResolver.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"学习记录 {data.LearnerName} {data.CourseTitle}";
        document.Info.Subject = data.ProjectName;
        document.Info.Author = PlatformName;
        document.Info.Creator = PlatformName;
        document.Info.CreationDate = data.GeneratedAtUtc;

        var flow = new Flow(document, $"学习记录（续）　{data.LearnerName}　{data.CourseTitle}");
        Header(flow, data);
        Facts(flow, data);
        flow.Section("完成规则");
        flow.Table([300, 0], ["规则", "完成情况"], [.. data.Rule.Select(i => new[] { i.Label, (i.Met ? "已达成　" : "未达成　") + i.Progress })]);
        flow.Section("学习任务完成情况");
        flow.Table([34, 0, 52, 120], ["序号", "学习任务", "类型", "完成时间"], [.. data.Units.Select((u, i) => new[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture), u.Title + (u.Required ? "" : "（选修）"), RecordLabels.UnitKind(u.Kind),
            u.CompletedAtUtc is { } c ? RecordFormats.BeijingDateTime(c) : "未完成",
        })]);
        var s = data.Summary;
        flow.Section("练习与自测");
        flow.Paragraph($"提交练习 {s.PracticeRounds} 次，作答 {s.PracticeAnswered} 题，正确 {s.PracticeCorrect} 题，正确率 {s.PracticeAccuracy}%；" +
                       $"课程自测通过 {s.SelfTestsPassed} / {s.SelfTests} 项。");
        flow.Section($"学习过程记录（{data.Sessions.Count} 次）");
        flow.Table([34, 112, 0, 62, 62, 90], ["序号", "进入课程时间", "学习内容", "记录时长", "有效学时", "IP 地址"], [.. data.Sessions
            .OrderBy(x => x.StartedAtUtc).Select((x, i) => new[]
            {
                (i + 1).ToString(CultureInfo.InvariantCulture), RecordFormats.BeijingDateTime(x.StartedAtUtc), x.UnitTitle + (x.IsReplay ? "（回看）" : ""),
                RecordFormats.Duration(x.RecordedMs), RecordFormats.Duration(x.CreditedMs), x.Ip,
            })]);
        Verification(flow, data);
        flow.Finish();

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Header(Flow f, LearningRecordData data)
    {
        var g = f.Gfx;
        g.DrawString(PlatformName, f.Font(9), new XSolidBrush(Muted), new XRect(Margin, 36, f.Width, 14), XStringFormats.CenterLeft);
        g.DrawString(data.InstitutionName, f.Font(9), new XSolidBrush(Muted), new XRect(Margin, 36, f.Width, 14), XStringFormats.CenterRight);
        g.DrawLine(new XPen(Brand, 1.5), Margin, 54, Margin + f.Width, 54);
        g.DrawString("学习记录", f.Font(22, bold: true), new XSolidBrush(Ink), new XRect(Margin, 64, f.Width, 32), XStringFormats.Center);
        g.DrawString("线上培训学习过程记录", f.Font(9), new XSolidBrush(Muted), new XRect(Margin, 96, f.Width, 14), XStringFormats.Center);
        f.Y = 124;
    }

    private static void Facts(Flow f, LearningRecordData data)
    {
        var s = data.Summary;
        var pairs = new (string, string)[]
        {
            ("姓名", data.LearnerName), ("证件", $"{data.IdTypeName} {data.IdNumberMasked}"),
            ("登录账户", data.Account), ("培训机构", data.InstitutionName),
            ("培训项目", data.ProjectName), ("课程名称", data.CourseTitle),
            ("开通日期", RecordFormats.BeijingDate(data.ActivatedAtUtc)), ("学习有效期至", RecordFormats.BeijingDate(data.LearningValidUntilUtc)),
            ("累计有效学时", $"{RecordFormats.Duration(s.EffectiveMs)}（{RecordFormats.WholeMinutes(s.EffectiveMs)} 分钟）"),
            ("学习任务", $"已完成必修 {s.UnitsDone} / {s.UnitsRequired} 项"),
        };
        f.Table([70, 0, 70, 0], null, [.. pairs.Chunk(2).Select(p => new[] { p[0].Item1, p[0].Item2, p.Length > 1 ? p[1].Item1 : "", p.Length > 1 ? p[1].Item2 : "" })],
            labelColumns: [0, 2]);
    }

    private static void Verification(Flow f, LearningRecordData data)
    {
        var body = f.Font(9.5);
        var text = $"本记录由平台根据服务器有效学时台账生成，生成时间 {RecordFormats.BeijingDateTime(data.GeneratedAtUtc)}（北京时间）。" +
                   $"校验码 {data.VerificationCode}：每次打印均记入审计日志，机构或监管人员可据此核对；学员本人可登录平台在“学习记录”页面查看最新记录（{data.RecordsUrl}）。";
        var lines = PdfText.Wrap(f.Gfx, text, body, f.Width - 20);
        var height = lines.Count * 14 + 16;
        f.Ensure(height + 12);
        f.Y += 8;
        f.Gfx.DrawRectangle(new XPen(Brand, 0.8), new XSolidBrush(Shade), Margin, f.Y, f.Width, height);
        PdfText.DrawWrapped(f.Gfx, text, body, new XSolidBrush(Ink), Margin + 10, f.Y + 8, f.Width - 20, 14);
        f.Y += height;
    }

    /// <summary>Pen position on the current page; new pages when content runs out; page numbers at the end.</summary>
    private sealed class Flow(PdfDocument document, string continuation)
    {
        private readonly Dictionary<(double, bool), XFont> fonts = [];
        private readonly List<PdfPage> pages = [];
        private XGraphics? gfx;

        public XGraphics Gfx => gfx ??= NewPage();
        public double Width => PageWidth - 2 * Margin;
        public double Y { get; set; }

        public XFont Font(double size, bool bold = false) => fonts.TryGetValue((size, bold), out var f) ? f
            : fonts[(size, bold)] = new XFont(CjkFontResolver.FamilyName, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
                new XPdfFontOptions(PdfFontEncoding.Unicode));

        public bool Ensure(double height)
        {
            _ = Gfx;
            if (Y + height <= Bottom) return false;
            gfx!.Dispose();
            gfx = NewPage();
            return true;
        }

        public void Section(string title)
        {
            Ensure(56);
            Y += 10;
            Gfx.DrawRectangle(new XSolidBrush(Brand), Margin, Y + 3, 3, 12);
            Gfx.DrawString(title, Font(11, bold: true), new XSolidBrush(Ink), new XRect(Margin + 9, Y, Width, 18), XStringFormats.CenterLeft);
            Y += 24;
        }

        public void Paragraph(string text)
        {
            var font = Font(10);
            Ensure(PdfText.Wrap(Gfx, text, font, Width).Count * 15);
            Y = PdfText.DrawWrapped(Gfx, text, font, new XSolidBrush(Ink), Margin, Y, Width, 15) + 4;
        }

        /// <summary>A ruled table; a width of 0 takes the rest of the line. The header repeats on every page.</summary>
        public void Table(double[] widths, string[]? header, IReadOnlyList<string[]> rows, int[]? labelColumns = null)
        {
            var w = widths.ToArray();
            var rest = Width - w.Sum();
            for (var i = 0; i < w.Length; i++) if (w[i] == 0) w[i] = rest / w.Count(x => x == 0);
            const double pad = 5, lineHeight = 13;
            var body = Font(9);
            var bold = Font(9, bold: true);

            void Row(string[] cells, bool isHeader)
            {
                var wrapped = cells.Select((c, i) => PdfText.Wrap(Gfx, c, isHeader ? bold : body, w[i] - 2 * pad)).ToList();
                var h = wrapped.Max(l => l.Count) * lineHeight + 2 * pad;
                if (Ensure(h) && !isHeader && header is not null) Row(header, true);
                var x = Margin;
                for (var i = 0; i < cells.Length; i++)
                {
                    var shaded = isHeader || labelColumns?.Contains(i) == true;
                    if (shaded) Gfx.DrawRectangle(new XSolidBrush(Shade), x, Y, w[i], h);
                    for (var k = 0; k < wrapped[i].Count; k++)
                        Gfx.DrawString(wrapped[i][k], isHeader ? bold : body, new XSolidBrush(shaded ? Muted : Ink),
                            new XRect(x + pad, Y + pad + k * lineHeight, w[i] - 2 * pad, lineHeight), XStringFormats.CenterLeft);
                    x += w[i];
                }
                Y += h;
                Gfx.DrawLine(new XPen(Line, 0.6), Margin, Y, Margin + Width, Y);
            }

            Ensure(40);
            Gfx.DrawLine(new XPen(Line, 0.6), Margin, Y, Margin + Width, Y);
            if (header is not null) Row(header, true);
            foreach (var r in rows) Row(r, false);
            if (rows.Count == 0) Paragraph("（无）");
            Y += 4;
        }

        public void Finish()
        {
            gfx?.Dispose();
            gfx = null;
            for (var i = 0; i < pages.Count; i++)
            {
                using var g = XGraphics.FromPdfPage(pages[i], XGraphicsPdfPageOptions.Append);
                g.DrawLine(new XPen(Line, 0.6), Margin, Bottom + 14, Margin + Width, Bottom + 14);
                g.DrawString($"第 {i + 1} 页 / 共 {pages.Count} 页", Font(8), new XSolidBrush(Muted),
                    new XRect(Margin, Bottom + 18, Width, 14), XStringFormats.CenterRight);
                g.DrawString(PlatformName + " · 学习记录", Font(8), new XSolidBrush(Muted), new XRect(Margin, Bottom + 18, Width, 14), XStringFormats.CenterLeft);
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
                g.DrawString(continuation, Font(9), new XSolidBrush(Muted), new XRect(Margin, 36, Width, 14), XStringFormats.CenterLeft);
                g.DrawLine(new XPen(Line, 0.6), Margin, 54, Margin + Width, 54);
                Y = 66;
            }
            return g;
        }
    }
}
