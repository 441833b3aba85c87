using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Learning.Practice;

/// <summary>A question as a teacher entered it (form or Excel row), before validation.</summary>
public sealed record QuestionDraft(string KnowledgePoint, QuestionKind? Kind, string Stem, IReadOnlyList<string> Options, string Answer, string Explanation);

/// <summary>A validated question: trimmed texts, options without trailing blanks, the answer key in canonical form.</summary>
public sealed record ValidQuestion(string KnowledgePoint, QuestionKind Kind, string Stem, IReadOnlyList<string> Options, string AnswerKey, string Explanation)
{
    public string OptionsJson => QuestionRules.SerializeOptions(Options);
}

/// <summary>
/// The rules of a practice question (PRC-01) and of grading it. Single choice: 2–6 options, exactly one correct.
/// Multiple choice: 2–6 options, at least two correct; an answer scores only when it is exactly the set of correct
/// options (no partial credit). True/false: no options, key "T" or "F". Every question carries an explanation.
/// Pure functions, no I/O.
/// </summary>
public static class QuestionRules
{
    public const int MinOptions = 2;
    public const int MaxOptions = 6;
    public const int MaxKnowledgePoint = 200;
    public const int MaxStem = 1000;
    public const int MaxOption = 200;
    public const int MaxExplanation = 2000;
    public const string Letters = "ABCDEF";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string KindName(QuestionKind kind) => kind switch
    {
        QuestionKind.Single => "单选",
        QuestionKind.Multiple => "多选",
        QuestionKind.TrueFalse => "判断",
        _ => "未知",
    };

    /// <summary>"单选" / "单选题" / "多选" / "判断" … as written in a spreadsheet.</summary>
    public static QuestionKind? ParseKind(string? text) => (text ?? "").Trim().TrimEnd('题') switch
    {
        "单选" or "单项选择" => QuestionKind.Single,
        "多选" or "多项选择" => QuestionKind.Multiple,
        "判断" => QuestionKind.TrueFalse,
        _ => null,
    };

    public static string SerializeOptions(IReadOnlyList<string> options) => JsonSerializer.Serialize(options, Json);

    public static IReadOnlyList<string> ParseOptions(string optionsJson)
        => string.IsNullOrWhiteSpace(optionsJson) ? [] : JsonSerializer.Deserialize<List<string>>(optionsJson) ?? [];

    /// <summary>Validates a draft. Errors are keyed by field (KnowledgePoint, Kind, Stem, Options, Answer, Explanation), in Chinese.</summary>
    public static (ValidQuestion? Question, IReadOnlyDictionary<string, string> Errors) Validate(QuestionDraft d)
    {
        var errors = new Dictionary<string, string>();
        var kp = (d.KnowledgePoint ?? "").Trim();
        var stem = (d.Stem ?? "").Trim();
        var explanation = (d.Explanation ?? "").Trim();
        if (kp.Length == 0) errors["KnowledgePoint"] = "请填写知识点。";
        else if (TextRules.TextError("知识点", kp, MaxKnowledgePoint) is { } e1) errors["KnowledgePoint"] = e1;
        if (d.Kind is null) errors["Kind"] = "题型须为 单选、多选 或 判断。";
        if (stem.Length == 0) errors["Stem"] = "请填写题干。";
        else if (TextRules.TextError("题干", stem, MaxStem) is { } e2) errors["Stem"] = e2;
        if (explanation.Length == 0) errors["Explanation"] = "请填写解析（每道题都要说明正确答案的依据）。";
        else if (TextRules.TextError("解析", explanation, MaxExplanation) is { } e3) errors["Explanation"] = e3;

        var options = (d.Options ?? []).Select(o => (o ?? "").Trim()).ToList();
        while (options.Count > 0 && options[^1].Length == 0) options.RemoveAt(options.Count - 1);
        string key = "";
        switch (d.Kind)
        {
            case QuestionKind.TrueFalse:
                if (options.Count > 0) errors["Options"] = "判断题不填写选项。";
                var tf = NormalizeTrueFalse(d.Answer);
                if (tf is null) errors["Answer"] = "判断题的答案须为“对”或“错”（也可写 √/×、正确/错误、T/F）。";
                else key = tf;
                break;
            case QuestionKind.Single or QuestionKind.Multiple:
                if (options.Count is < MinOptions or > MaxOptions)
                    errors["Options"] = $"选择题须有 {MinOptions}～{MaxOptions} 个选项（A～F），当前为 {options.Count} 个。";
                else if (options.IndexOf("") is var gap and >= 0)
                    errors["Options"] = $"选项 {Letters[gap]} 为空：选项须从 A 开始连续填写。";
                else if (options.FirstOrDefault(o => TextRules.TextError("选项", o, MaxOption) is not null) is { } bad)
                    errors["Options"] = $"选项 {Letters[options.IndexOf(bad)]}：{TextRules.TextError("选项", bad, MaxOption)}";
                else if (options.Distinct(StringComparer.Ordinal).Count() != options.Count)
                    errors["Options"] = "选项内容重复。";
                var (letters, answerError) = ParseLetters(d.Answer);
                if (answerError is not null) { errors["Answer"] = answerError; break; }
                if (letters.Length == 0) { errors["Answer"] = "请填写正确答案（选项字母，如 B 或 ACD）。"; break; }
                if (!errors.ContainsKey("Options") && letters.Any(c => Letters.IndexOf(c) >= options.Count))
                {
                    errors["Answer"] = $"答案 {letters} 含有不存在的选项（本题只有 A～{Letters[options.Count - 1]}）。";
                    break;
                }
                if (d.Kind == QuestionKind.Single && letters.Length != 1) errors["Answer"] = "单选题只能有一个正确答案。";
                else if (d.Kind == QuestionKind.Multiple && letters.Length < 2) errors["Answer"] = "多选题至少要有两个正确答案。";
                else key = letters;
                break;
        }
        if (errors.Count > 0) return (null, errors);
        if (SerializeOptions(options).Length > 4000) return (null, new Dictionary<string, string> { ["Options"] = "选项总长度过长。" });
        return (new ValidQuestion(kp, d.Kind!.Value, stem, options, key, explanation), errors);
    }

    /// <summary>"对" / "√" / "正确" / "T" / "true" / "是" → "T"; the opposites → "F"; anything else null.</summary>
    public static string? NormalizeTrueFalse(string? raw) => (raw ?? "").Trim().ToUpperInvariant() switch
    {
        "T" or "TRUE" or "对" or "√" or "✓" or "✔" or "正确" or "是" or "Y" => "T",
        "F" or "FALSE" or "错" or "×" or "✗" or "✘" or "错误" or "否" or "N" or "X" => "F",
        _ => null,
    };

    /// <summary>Option letters in canonical order ("C, a" → "AC"); refuses letters beyond F and repeated letters.</summary>
    public static (string Letters, string? Error) ParseLetters(string? raw)
    {
        var chars = (raw ?? "").ToUpperInvariant().Where(c => !char.IsWhiteSpace(c) && c is not (',' or '，' or '、' or ';' or '；' or '/')).ToList();
        if (chars.Any(c => Letters.IndexOf(c) < 0)) return ("", "答案只能填写选项字母 A～F（如 B 或 ACD）。");
        if (chars.Distinct().Count() != chars.Count) return ("", "答案中有重复的选项字母。");
        return (new string(chars.Order().ToArray()), null);
    }

    /// <summary>
    /// The learner's answer in canonical form for the question kind, or null when it is not a possible answer
    /// (a letter beyond the options, two letters for a single choice, anything but T/F for true/false). Blank → "".
    /// </summary>
    public static string? NormalizeGiven(QuestionKind kind, int optionCount, IEnumerable<string> values)
    {
        var parts = values.Select(v => (v ?? "").Trim()).Where(v => v.Length > 0).ToList();
        if (parts.Count == 0) return "";
        if (kind == QuestionKind.TrueFalse) return parts.Count == 1 && parts[0] is "T" or "F" ? parts[0] : null;
        var (letters, error) = ParseLetters(string.Concat(parts));
        if (error is not null || letters.Any(c => Letters.IndexOf(c) >= optionCount)) return null;
        if (kind == QuestionKind.Single && letters.Length != 1) return null;
        return letters;
    }

    /// <summary>Right only when the canonical answer equals the key: a multiple choice needs exactly the set of correct options.</summary>
    public static bool IsCorrect(string answerKey, string given) => given.Length > 0 && string.Equals(answerKey, given, StringComparison.Ordinal);

    /// <summary>"A、C" for display; "对" / "错" for true/false.</summary>
    public static string Display(QuestionKind kind, string key) => key.Length == 0 ? "未作答"
        : kind == QuestionKind.TrueFalse ? (key == "T" ? "对" : "错") : string.Join("、", key.ToCharArray());
}
