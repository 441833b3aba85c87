using System.Text.RegularExpressions;

namespace TrainEval.Web.Modules.Accounts;

/// <summary>Edge validation of names, phones and free text shared by registration and staff creation.</summary>
public static partial class PersonalDataRules
{
    public const int MaxNameLength = 30;

    public static string? NameError(string? raw)
    {
        var s = (raw ?? "").Trim();
        if (s.Length == 0) return "请填写真实姓名。";
        if (s.EnumerateRunes().Count() > MaxNameLength) return $"姓名不能超过 {MaxNameLength} 个字符。";
        if (!s.EnumerateRunes().All(IsNameRune)) return "姓名只能包含汉字、字母、间隔号“·”和空格，请与证件上的姓名保持一致。";
        return null;
    }

    public static string NormalizePhone(string? raw)
    {
        var s = new string((raw ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        return s.StartsWith("+86", StringComparison.Ordinal) ? s[3..] : s;
    }

    public static string? PhoneError(string? raw)
    {
        var s = NormalizePhone(raw);
        if (s.Length == 0) return "请填写手机号码。";
        if (!MobilePattern().IsMatch(s)) return "请填写 11 位中国大陆手机号码。";
        return null;
    }

    /// <summary>Free text such as employer or region: bounded length, no markup or control characters.</summary>
    public static string? TextError(string label, string? raw, int max) => Platform.Web.TextRules.TextError(label, raw, max);

    /// <summary>Han characters of every CJK block (rare characters of Extension B+ included), Latin letters, 间隔号 and space.</summary>
    private static bool IsNameRune(System.Text.Rune r)
        => r.Value is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x3134F or >= 0xF900 and <= 0xFAFF
           || (r.IsAscii && char.IsAsciiLetter((char)r.Value)) || r.Value is '·' or '•' or '.' or ' ' or 0x30FB;
    [GeneratedRegex(@"^1[3-9]\d{9}$")] private static partial Regex MobilePattern();
}
