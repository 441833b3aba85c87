using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace TrainEval.Web.Modules.Certificates;

/// <summary>
/// Certificate numbers and verification codes (CRT-01, BAT-09).
/// <para>Number: <c>{institution}-{year}-{occupation}-{level}-{serial}</c>, e.g. <c>E5A1C2-2026-SSISWIM-4-000123</c>:
/// institution = the evaluation institution's code (configured under <c>Modules:Certificates:InstitutionCodes:{id}</c>,
/// otherwise "E" + the first 5 hex digits of its id, upper case); year = the issue year in Beijing time; occupation = the
/// project code without its trailing level segment, letters and digits only (at most 10); level = 1–5; serial = 6
/// digits, counted per (institution, year) by a counter row incremented inside the issuing transaction.</para>
/// <para>Verification code: 10 bytes (80 bits) from <see cref="RandomNumberGenerator"/> written as 16 characters of a
/// base32 alphabet without 0, 1, I and O; shown in groups of four (XXXX-XXXX-XXXX-XXXX).</para>
/// </summary>
public static partial class CertificateNumbers
{
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int CodeLength = 16;

    public static string Format(string institutionCode, int year, string occupationCode, int level, int serial)
        => $"{institutionCode}-{year:D4}-{occupationCode}-{level}-{serial:D6}";

    public static string DefaultInstitutionCode(Guid institutionId) => "E" + institutionId.ToString("N")[..5].ToUpperInvariant();

    /// <summary>"SSI-SWIM-4" with level 4 → "SSISWIM"; nothing usable → "OCC".</summary>
    public static string OccupationCode(string projectCode, int level)
    {
        var code = (projectCode ?? "").Trim().ToUpperInvariant();
        var suffix = "-" + level.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (code.EndsWith(suffix, StringComparison.Ordinal)) code = code[..^suffix.Length];
        var letters = new string(code.Where(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9').ToArray());
        if (letters.Length > 10) letters = letters[..10];
        return letters.Length == 0 ? "OCC" : letters;
    }

    [GeneratedRegex("^[A-Z0-9]{1,12}-[0-9]{4}-[A-Z0-9]{1,10}-[1-5]-[0-9]{6,}$")]
    public static partial Regex NumberPattern();

    /// <summary>Trimmed, upper case; null when it cannot be a certificate number.</summary>
    public static string? NormalizeNumber(string? input)
    {
        var n = (input ?? "").Trim().ToUpperInvariant();
        return n.Length <= 64 && NumberPattern().IsMatch(n) ? n : null;
    }

    public static string NewVerificationCode()
    {
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        return Encode(bytes);
    }

    /// <summary>Base32 over <see cref="Alphabet"/>, 5 bits per character, most significant first.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length * 8 / 5 + 1);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) sb.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return sb.ToString();
    }

    /// <summary>Upper case without spaces and dashes; null when it has the wrong length or a character outside the alphabet.</summary>
    public static string? NormalizeCode(string? input)
    {
        var sb = new StringBuilder();
        foreach (var ch in (input ?? "").Trim())
        {
            if (ch is '-' or ' ') continue;
            var c = char.ToUpperInvariant(ch);
            if (!Alphabet.Contains(c, StringComparison.Ordinal)) return null;
            sb.Append(c);
            if (sb.Length > CodeLength) return null;
        }
        return sb.Length == CodeLength ? sb.ToString() : null;
    }

    public static string Grouped(string code) => string.Join("-", Enumerable.Range(0, (code.Length + 3) / 4).Select(i => code.Substring(i * 4, Math.Min(4, code.Length - i * 4))));
}
