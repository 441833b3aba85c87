using System.Text.RegularExpressions;

namespace TrainEval.Web.Modules.Learning.Practice;

/// <summary>
/// Which questions belong to a course section (阶段测验) or to a self-test unit's knowledge point. A section lists its
/// knowledge points as free text ("1.1 职业守则；1.2 游泳运动发展"), a question carries one ("1.2 游泳运动发展").
/// Rule: the list is split at ；;，,、 and line breaks; each entry and the question's point may start with a code
/// (digits and dots, "3" or "3.2" or "3.2.1"). When both carry a code, the code decides: the question's code equals the
/// entry's or lies below it ("3.2.1" belongs to "3.2" and to "3", not to "3.21"). Otherwise the names (text after the
/// code) must be equal. Pure functions.
/// </summary>
public static partial class KnowledgePointMatch
{
    public static IReadOnlyList<string> Split(string? list)
        => (list ?? "").Split(['；', ';', '，', ',', '、', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static (string Code, string Name) Parse(string? knowledgePoint)
    {
        var s = (knowledgePoint ?? "").Trim();
        var m = CodePattern().Match(s);
        return m.Success ? (m.Groups[1].Value.TrimEnd('.'), s[m.Length..].Trim()) : ("", s);
    }

    public static bool Matches(string questionPoint, string entry)
    {
        var (qc, qn) = Parse(questionPoint);
        var (ec, en) = Parse(entry);
        if (qc.Length > 0 && ec.Length > 0) return qc == ec || qc.StartsWith(ec + ".", StringComparison.Ordinal);
        return qn.Length > 0 && string.Equals(qn, en, StringComparison.Ordinal);
    }

    /// <summary>True when the question's knowledge point belongs to any entry of the list.</summary>
    public static bool BelongsTo(string questionPoint, string? list) => Split(list).Any(e => Matches(questionPoint, e));

    [GeneratedRegex(@"^(\d+(?:\.\d+)*\.?)(?=\s|$|[^\d.])")]
    private static partial Regex CodePattern();
}
