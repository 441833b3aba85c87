using System.Text.RegularExpressions;

namespace TrainEval.Web.Modules.Learning.Records;

/// <summary>
/// A short Chinese description of the learner's device from the browser's user agent ("Windows 电脑 · Chrome 120",
/// "iPhone · 微信"): what the records page and the learning record show next to the IP address. Best effort, never
/// trusted for decisions (the ledger never looks at it).
/// </summary>
public static class DeviceSummary
{
    public const string Unknown = "未知设备";

    public static string Describe(string? userAgent)
    {
        var ua = userAgent ?? "";
        if (string.IsNullOrWhiteSpace(ua)) return Unknown;
        var device = Device(ua);
        var browser = Browser(ua);
        return (device, browser) switch
        {
            (null, null) => Unknown,
            ({ } d, null) => d,
            (null, { } b) => b,
            ({ } d, { } b) => $"{d} · {b}",
        };
    }

    private static string? Device(string ua)
    {
        if (ua.Contains("HarmonyOS", StringComparison.OrdinalIgnoreCase) || ua.Contains("OpenHarmony", StringComparison.OrdinalIgnoreCase)) return "鸿蒙设备";
        if (ua.Contains("iPhone", StringComparison.Ordinal)) return "iPhone";
        if (ua.Contains("iPad", StringComparison.Ordinal)) return "iPad";
        if (ua.Contains("Android", StringComparison.Ordinal)) return ua.Contains("Mobile", StringComparison.Ordinal) ? "Android 手机" : "Android 平板";
        if (ua.Contains("Windows", StringComparison.Ordinal)) return "Windows 电脑";
        if (ua.Contains("Macintosh", StringComparison.Ordinal) || ua.Contains("Mac OS X", StringComparison.Ordinal)) return "Mac 电脑";
        if (ua.Contains("CrOS", StringComparison.Ordinal)) return "Chromebook";
        if (ua.Contains("Linux", StringComparison.Ordinal)) return "Linux 电脑";
        return null;
    }

    private static string? Browser(string ua)
    {
        // In-app browsers first: they also carry the engine's tokens.
        if (ua.Contains("MicroMessenger", StringComparison.Ordinal)) return "微信";
        if (ua.Contains("DingTalk", StringComparison.Ordinal)) return "钉钉";
        if (Version(ua, "Edg(?:e|A|iOS)?") is { } edge) return "Edge " + edge;
        if (Version(ua, "OPR") is { } opera) return "Opera " + opera;
        if (Version(ua, "(?:Firefox|FxiOS)") is { } firefox) return "Firefox " + firefox;
        if (Version(ua, "(?:Chrome|CriOS)") is { } chrome) return "Chrome " + chrome;
        if (ua.Contains("Safari/", StringComparison.Ordinal) && Version(ua, "Version") is { } safari) return "Safari " + safari;
        return null;
    }

    private static string? Version(string ua, string product)
    {
        var m = Regex.Match(ua, $@"\b{product}/(\d+)", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
        return m.Success ? m.Groups[1].Value : null;
    }
}
