using System.Text;

namespace TrainEval.Web.Modules.Learning.Records;

/// <summary>
/// CSV for spreadsheet users: RFC 4180 fields (quoted when they hold a comma, quote, line break or edge spaces; quotes
/// doubled; CRLF line ends) and neutralised formulas — a cell beginning with = + - @ (or a tab / carriage return, which
/// some spreadsheets skip before reading a formula) gets a leading apostrophe so it is shown as text, never evaluated
/// (OWASP "CSV injection"). Files start with a UTF-8 byte order mark so Excel reads Chinese correctly.
/// </summary>
public static class CsvFormat
{
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static string Field(string? value)
    {
        var s = value ?? "";
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r') s = "'" + s;
        var quote = s.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (s.Length > 0 && (s[0] == ' ' || s[^1] == ' '));
        return quote ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }

    /// <summary>One record with its CRLF terminator.</summary>
    public static string Line(IEnumerable<string?> fields) => string.Join(",", fields.Select(Field)) + "\r\n";
}
