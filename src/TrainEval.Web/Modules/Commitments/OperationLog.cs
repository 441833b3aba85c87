using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrainEval.Web.Modules.Commitments;

/// <summary>One page operation: "opened", "scrolled_end", "checked", "unchecked", "submitted" (client), or a server step.</summary>
public sealed record OpEvent([property: JsonPropertyName("e")] string Event, [property: JsonPropertyName("t")] DateTime AtUtc,
    [property: JsonPropertyName("src")] string Source = "page");

/// <summary>
/// The page-operation log posted with a signature (LC-02): the page records when it was opened, when the text was
/// scrolled to its end and when the agreement box was ticked. The server refuses a signature whose log never reached
/// the end or was not ticked after reading, adds its own steps (server time), and stores the log with the record.
/// </summary>
public static class OperationLog
{
    public const int MaxChars = 8000, MaxEvents = 100;
    private static readonly HashSet<string> ClientEvents = ["opened", "scrolled_end", "checked", "unchecked", "submitted"];
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed record Raw(string? E, long T);

    /// <summary>Parses the posted log; null with the reason when it is malformed or shows the text was not read to the end.</summary>
    public static (IReadOnlyList<OpEvent>? Events, string? Problem) Validate(string? posted)
    {
        if (string.IsNullOrWhiteSpace(posted) || posted.Length > MaxChars) return (null, "页面操作记录缺失，请刷新页面后重新阅读承诺书。");
        List<Raw>? raw;
        try { raw = JsonSerializer.Deserialize<List<Raw>>(posted, new JsonSerializerOptions { PropertyNameCaseInsensitive = true }); }
        catch (JsonException) { return (null, "页面操作记录格式不正确，请刷新页面后重新阅读承诺书。"); }
        if (raw is null || raw.Count is 0 or > MaxEvents || raw.Any(r => r.E is null || !ClientEvents.Contains(r.E) || r.T <= 0 || r.T > 32503680000000))
            return (null, "页面操作记录格式不正确，请刷新页面后重新阅读承诺书。");
        var events = raw.Select(r => new OpEvent(r.E!, DateTimeOffset.FromUnixTimeMilliseconds(r.T).UtcDateTime)).ToList();
        var opened = events.FirstOrDefault(e => e.Event == "opened");
        var end = events.FirstOrDefault(e => e.Event == "scrolled_end");
        if (opened is null) return (null, "页面操作记录缺失，请刷新页面后重新阅读承诺书。");
        if (end is null || end.AtUtc < opened.AtUtc) return (null, "请完整阅读承诺书（滚动至正文末尾）后再签署。");
        var lastTick = events.LastOrDefault(e => e.Event is "checked" or "unchecked");
        if (lastTick is not { Event: "checked" } || lastTick.AtUtc < end.AtUtc) return (null, "请在阅读至末尾后勾选“我已完整阅读并同意”。");
        return (events, null);
    }

    public static string Append(string json, params OpEvent[] more) => Serialize([.. Parse(json), .. more]);

    public static string Serialize(IEnumerable<OpEvent> events) => JsonSerializer.Serialize(events, Json);

    public static IReadOnlyList<OpEvent> Parse(string json)
    {
        try { return JsonSerializer.Deserialize<List<OpEvent>>(json) ?? []; }
        catch (JsonException) { return []; }
    }

    public static string Label(string e) => e switch
    {
        "opened" => "打开承诺书页面",
        "scrolled_end" => "阅读至正文末尾",
        "checked" => "勾选“我已完整阅读并同意”",
        "unchecked" => "取消勾选",
        "submitted" => "点击签署",
        "signing_started" => "服务器受理签署",
        "code_sent" => "发送验证码",
        "code_failed" => "验证码错误",
        "code_verified" => "验证码核对通过",
        "face_started" => "发起人脸识别确认",
        "face_passed" => "人脸识别确认通过",
        "signed" => "签署完成",
        _ => e,
    };
}
