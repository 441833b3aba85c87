namespace TrainEval.Web.Modules.Accounts;

/// <summary>统一社会信用代码 (GB 32100-2015): 18 characters, check character by MOD 31 (PLT-01).</summary>
public static class CreditCodeValidator
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static string Normalize(string? raw) => (raw ?? "").Trim().ToUpperInvariant();

    public static string? Error(string? raw)
    {
        var s = Normalize(raw);
        if (s.Length == 0) return "请填写统一社会信用代码。";
        if (s.Length != 18) return $"统一社会信用代码应为 18 位，当前为 {s.Length} 位。";
        if (s.Any(c => !Alphabet.Contains(c))) return "统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）。";
        if (CheckChar(s[..17]) != s[17]) return "统一社会信用代码校验位不正确。";
        return null;
    }

    public static char CheckChar(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        var c = 31 - sum % 31;
        return Alphabet[c == 31 ? 0 : c];
    }
}
