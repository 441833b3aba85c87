namespace TrainEval.Web.Platform.Web;

/// <summary>Edge validation for free text fields: bounded length, no markup or control characters.</summary>
public static class TextRules
{
    public static string? TextError(string label, string? raw, int max)
    {
        var s = raw ?? "";
        if (s.Length > max) return $"{label}不能超过 {max} 个字符。";
        if (s.Any(c => c is '<' or '>' || char.IsControl(c))) return $"{label}不能包含尖括号或控制字符。";
        return null;
    }
}
