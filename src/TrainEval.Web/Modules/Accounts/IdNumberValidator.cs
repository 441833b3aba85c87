using System.Globalization;
using System.Text.RegularExpressions;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Accounts;

public sealed record IdNumberCheck(bool IsValid, string Normalized, string? Error, DateOnly? BirthDate, Gender Gender)
{
    public static IdNumberCheck Fail(string error) => new(false, "", error, null, Gender.Unknown);
}

/// <summary>
/// Validates identity document numbers (ENR-01). Mainland ID numbers (GB 11643-1999) are checked for
/// length, province code, a real birth date not in the future and the ISO 7064 MOD 11-2 check digit.
/// </summary>
public static partial class IdNumberValidator
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckDigits = "10X98765432";
    private static readonly HashSet<string> Provinces =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82", "83", "91",
    ];

    public static string Normalize(string? raw) => new string((raw ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();

    public static IdNumberCheck Check(IdDocumentType type, string? raw, DateOnly today) => type switch
    {
        IdDocumentType.MainlandId => CheckMainland(Normalize(raw), today),
        IdDocumentType.HongKongMacauPermit => Pattern(Normalize(raw), HkMacau(), "港澳居民来往内地通行证号码应为 H 或 M 开头加 8 或 10 位数字。"),
        IdDocumentType.TaiwanPermit => Pattern(Normalize(raw), Taiwan(), "台湾居民来往大陆通行证号码应为 8 位数字。"),
        IdDocumentType.Passport => Pattern(Normalize(raw), Passport(), "护照号码应为 5–17 位字母或数字。"),
        IdDocumentType.ForeignPermanentId => Normalize(raw) is { Length: 18 } s && s.StartsWith('9')
            ? CheckMainland(s, today, foreign: true)
            : IdNumberCheck.Fail("外国人永久居留身份证号码应为 9 开头的 18 位号码。"),
        _ => IdNumberCheck.Fail("请选择证件类型。"),
    };

    private static IdNumberCheck Pattern(string s, Regex regex, string error)
        => regex.IsMatch(s) ? new(true, s, null, null, Gender.Unknown) : IdNumberCheck.Fail(error);

    private static IdNumberCheck CheckMainland(string s, DateOnly today, bool foreign = false)
    {
        if (s.Length == 0) return IdNumberCheck.Fail("请填写证件号码。");
        if (s.Length != 18) return IdNumberCheck.Fail($"身份证号码应为 18 位，当前为 {s.Length} 位。");
        if (!Digits17X().IsMatch(s)) return IdNumberCheck.Fail("身份证号码前 17 位应为数字，最后一位为数字或 X。");
        if (!foreign && !Provinces.Contains(s[..2])) return IdNumberCheck.Fail("身份证号码的地区码不正确。");
        if (!DateOnly.TryParseExact(s.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
            return IdNumberCheck.Fail("身份证号码中的出生日期不存在。");
        if (birth > today) return IdNumberCheck.Fail("身份证号码中的出生日期晚于今天。");
        if (birth.Year < 1900) return IdNumberCheck.Fail("身份证号码中的出生日期早于 1900 年。");
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (s[i] - '0') * Weights[i];
        if (CheckDigits[sum % 11] != s[17]) return IdNumberCheck.Fail("身份证号码校验位不正确，请核对后重新输入。");
        var gender = (s[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;
        return new(true, s, null, birth, gender);
    }

    /// <summary>Computes the check digit for 17 digits (used by the demo seed and tests).</summary>
    public static char CheckDigit(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckDigits[sum % 11];
    }

    public static string DisplayName(IdDocumentType t) => t switch
    {
        IdDocumentType.MainlandId => "居民身份证",
        IdDocumentType.HongKongMacauPermit => "港澳居民来往内地通行证",
        IdDocumentType.TaiwanPermit => "台湾居民来往大陆通行证",
        IdDocumentType.Passport => "护照",
        IdDocumentType.ForeignPermanentId => "外国人永久居留身份证",
        _ => "未知",
    };

    [GeneratedRegex(@"^\d{17}[\dX]$")] private static partial Regex Digits17X();
    [GeneratedRegex(@"^[HM](\d{8}|\d{10})$")] private static partial Regex HkMacau();
    [GeneratedRegex(@"^\d{8}$")] private static partial Regex Taiwan();
    [GeneratedRegex(@"^[A-Z0-9]{5,17}$")] private static partial Regex Passport();
}
