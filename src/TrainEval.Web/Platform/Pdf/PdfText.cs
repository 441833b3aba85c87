using System.Text;
using PdfSharp.Drawing;

namespace TrainEval.Web.Platform.Pdf;

/// <summary>
/// Line breaking for Chinese text, which <c>XTextFormatter</c> cannot do (it only breaks at spaces): Chinese characters
/// may break anywhere, runs of Latin letters and digits stay whole unless longer than a line, and the usual rules are
/// kept — closing punctuation (，。）》…) never starts a line and opening brackets (（《“) never end one.
/// </summary>
public static class PdfText
{
    private const string NoLineStart = "，。、；：？！）》」』】〉〕”’…—·%,.;:?!)]}％";
    private const string NoLineEnd = "（《「『【〈〔“‘([{";

    /// <summary>Default line height: 1.5 times the font size, comfortable for Chinese.</summary>
    public static double LineHeight(XFont font) => font.Size * 1.5;

    /// <summary>Splits <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/> (explicit newlines kept).</summary>
    public static IReadOnlyList<string> Wrap(XGraphics gfx, string text, XFont font, double maxWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWidth);
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n')) WrapParagraph(gfx, paragraph, font, maxWidth, lines);
        return lines;
    }

    /// <summary>Width of <paramref name="text"/> in points.</summary>
    public static double Measure(XGraphics gfx, string text, XFont font) => text.Length == 0 ? 0 : gfx.MeasureString(text, font).Width;

    /// <summary>
    /// Draws wrapped text with its first line's top at <paramref name="top"/> and returns the y just below the last line.
    /// </summary>
    public static double DrawWrapped(XGraphics gfx, string text, XFont font, XBrush brush, double left, double top, double maxWidth,
        double? lineHeight = null, XStringAlignment alignment = XStringAlignment.Near)
    {
        var height = lineHeight ?? LineHeight(font);
        var format = new XStringFormat { Alignment = alignment, LineAlignment = XLineAlignment.Center };
        var y = top;
        foreach (var line in Wrap(gfx, text, font, maxWidth))
        {
            gfx.DrawString(line, font, brush, new XRect(left, y, maxWidth, height), format);
            y += height;
        }
        return y;
    }

    /// <summary>Shortens a single line to <paramref name="maxWidth"/>, ending it with "…" when cut.</summary>
    public static string Ellipsize(XGraphics gfx, string text, XFont font, double maxWidth)
    {
        if (Measure(gfx, text, font) <= maxWidth) return text;
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToList();
        while (runes.Count > 0 && Measure(gfx, string.Concat(runes) + "…", font) > maxWidth) runes.RemoveAt(runes.Count - 1);
        return string.Concat(runes) + "…";
    }

    private static void WrapParagraph(XGraphics gfx, string paragraph, XFont font, double maxWidth, List<string> lines)
    {
        var line = new List<(string Text, double Width)>();
        var width = 0.0;

        void Flush()
        {
            while (line.Count > 0 && string.IsNullOrWhiteSpace(line[^1].Text)) line.RemoveAt(line.Count - 1);
            lines.Add(string.Concat(line.Select(t => t.Text)));
            line.Clear();
            width = 0;
        }

        foreach (var token in Tokens(paragraph))
        {
            var isSpace = string.IsNullOrWhiteSpace(token);
            if (isSpace && line.Count == 0 && lines.Count > 0) continue; // no leading blank on a wrapped line
            var w = Measure(gfx, token, font);
            if (width + w <= maxWidth)
            {
                line.Add((token, w));
                width += w;
                continue;
            }
            if (isSpace) { Flush(); continue; }
            if (w > maxWidth)
            {
                // A word longer than a whole line: fill the current line, then break it by character.
                foreach (var rune in token.EnumerateRunes())
                {
                    var s = rune.ToString();
                    var rw = Measure(gfx, s, font);
                    if (width + rw > maxWidth && line.Count > 0) Flush();
                    line.Add((s, rw));
                    width += rw;
                }
                continue;
            }

            // The token starts a new line. Carry the previous character along if the token may not start a line,
            // and an opening bracket at the end of the line as well.
            var carry = new List<(string Text, double Width)>();
            if (IsNoLineStart(token) && line.Count > 1) Take(line, carry);
            while (line.Count > 1 && IsNoLineEnd(line[^1].Text)) Take(line, carry);
            if (line.Count > 0) Flush();
            foreach (var c in carry) { line.Add(c); width += c.Width; }
            if (width + w > maxWidth && line.Count > 0) Flush();
            line.Add((token, w));
            width += w;
        }
        if (line.Count > 0 || paragraph.Length == 0) Flush();
    }

    private static void Take(List<(string Text, double Width)> line, List<(string Text, double Width)> carry)
    {
        carry.Insert(0, line[^1]);
        line.RemoveAt(line.Count - 1);
    }

    private static bool IsNoLineStart(string token) => token.Length > 0 && NoLineStart.Contains(token[0], StringComparison.Ordinal);
    private static bool IsNoLineEnd(string token) => token.Length > 0 && NoLineEnd.Contains(token[^1], StringComparison.Ordinal);

    /// <summary>Break opportunities: each space, each CJK character or punctuation mark, each run of other characters.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            // ASCII punctuation stays inside its word ("1,234.00", URLs); wide punctuation and CJK stand alone.
            var breaksAlone = Rune.IsWhiteSpace(rune) || rune.Value >= 0x2E80
                || (rune.Value > 0x7F && (IsNoLineStart(rune.ToString()) || IsNoLineEnd(rune.ToString())));
            if (!breaksAlone)
            {
                word.Append(rune.ToString());
                continue;
            }
            if (word.Length > 0) { yield return word.ToString(); word.Clear(); }
            yield return rune.ToString();
        }
        if (word.Length > 0) yield return word.ToString();
    }
}
