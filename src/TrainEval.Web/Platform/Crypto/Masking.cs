namespace TrainEval.Web.Platform.Crypto;

/// <summary>Display masks for sensitive values (SEC-01). Masked forms are safe to show and export.</summary>
public static class Masking
{
    /// <summary>110101199003071234 → 110***********1234; short document numbers (permits, passports) → H******78</summary>
    public static string IdNumber(string value)
    {
        if (value.Length >= 15) return value[..3] + new string('*', value.Length - 7) + value[^4..];
        if (value.Length <= 4) return new string('*', value.Length);
        return value[..1] + new string('*', value.Length - 3) + value[^2..];
    }

    /// <summary>13812345678 → 138****5678</summary>
    public static string Phone(string value)
    {
        if (value.Length <= 7) return new string('*', value.Length);
        return value[..3] + new string('*', value.Length - 7) + value[^4..];
    }

    /// <summary>张三 → 张*；欧阳娜娜 → 欧**娜</summary>
    public static string Name(string value)
    {
        var chars = value.EnumerateRunes().Select(r => r.ToString()).ToArray();
        return chars.Length switch
        {
            0 => "",
            1 => chars[0],
            2 => chars[0] + "*",
            _ => chars[0] + new string('*', chars.Length - 2) + chars[^1],
        };
    }
}
