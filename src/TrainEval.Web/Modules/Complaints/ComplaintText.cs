using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Complaints;

/// <summary>Edge checks for complaint input and the public access code.</summary>
public static partial class ComplaintText
{
    /// <summary>Textarea input: line breaks kept (normalised to \n), otherwise <see cref="TextRules"/>.</summary>
    public static (string Value, string? Error) Multiline(string label, string? raw, int max)
    {
        var value = (raw ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Trim();
        return (value, TextRules.TextError(label, value.Replace('\n', ' '), max));
    }

    public static string NormalizePhone(string? raw)
    {
        var s = new string([.. (raw ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-')]);
        return s.StartsWith("+86", StringComparison.Ordinal) ? s[3..] : s;
    }

    public static bool IsMobile(string normalized) => Mobile().IsMatch(normalized);

    public static bool IsEmail(string s)
        => s.Length <= 100 && MailAddress.TryCreate(s, out var a) && a.Address == s && s.Contains('.', StringComparison.Ordinal);

    /// <summary>zhang@example.com → z***@example.com</summary>
    public static string MaskEmail(string s)
    {
        var at = s.IndexOf('@');
        return at <= 0 ? "***" : s[..1] + "***" + s[at..];
    }

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";   // Crockford base32: no I, L, O, U

    /// <summary>20 base32 characters from the cryptographic RNG = 100 bits, shown as XXXXX-XXXXX-XXXXX-XXXXX.</summary>
    public static string NewAccessCode()
    {
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(32)];
        var s = new string(chars);
        return $"{s[..5]}-{s[5..10]}-{s[10..15]}-{s[15..]}";
    }

    /// <summary>Upper case, no separators; O→0 and I/L→1 as Crockford reads them.</summary>
    public static string NormalizeCode(string? raw)
        => new string([.. (raw ?? "").ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c })]);

    public static string HashCode(string normalized) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("complaint-access:" + normalized)));

    public static bool CodeMatches(string? raw, string storedHash)
    {
        if (storedHash.Length == 0) return false;
        var n = NormalizeCode(raw);
        if (n.Length != 20) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashCode(n)), Encoding.ASCII.GetBytes(storedHash));
    }

    public static string SafeFileName(string? name)
    {
        var n = Path.GetFileName(name ?? "");
        return new string([.. n.Where(c => c is not ('<' or '>' or '"' or '\'' or '&') && !char.IsControl(c))]);
    }

    [GeneratedRegex(@"^1[3-9]\d{9}$")] private static partial Regex Mobile();
}
