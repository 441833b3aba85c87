using System.Security.Cryptography;
using System.Text;
using TrainEval.Web.Platform.Retention;

namespace TrainEval.Web.Modules.Retention;

/// <summary>One row of the policy table: a record type, its legal minimum and the period in force.</summary>
public sealed record RetentionRule(string RecordType, string Title, int LegalMinimumDays, int Days)
{
    public DateTime CutoffFor(DateTime nowUtc) => nowUtc.AddDays(-Days);
}

/// <summary>
/// The retention rules (ARC-02): configured periods per record type, checked against each type's legal minimum —
/// exam-affairs records at least two years (seed 001: 考务档案至少留存 2 年) whatever the target says. A configuration
/// below the minimum, or naming a record type nobody implements, is refused when the app starts.
/// </summary>
public static class RetentionPolicy
{
    public const int ExamAffairsMinimumDays = 730;

    /// <summary>Record types of exam affairs (考务): the exam module's and the exam-side identity checks.</summary>
    public static bool IsExamAffairs(string recordType) => recordType.StartsWith("exams.", StringComparison.Ordinal) || recordType.EndsWith(".exam", StringComparison.Ordinal);

    public static int LegalMinimum(IRetentionTarget t) => IsExamAffairs(t.RecordType) ? Math.Max(t.LegalMinimumDays, ExamAffairsMinimumDays) : t.LegalMinimumDays;

    public static IReadOnlyList<RetentionRule> Rules(IEnumerable<IRetentionTarget> targets, RetentionOptions options)
        => targets.OrderBy(t => t.RecordType, StringComparer.Ordinal)
            .Select(t => new RetentionRule(t.RecordType, t.Title, LegalMinimum(t), options.Periods.TryGetValue(t.RecordType, out var d) ? d : Math.Max(t.DefaultDays, LegalMinimum(t))))
            .ToList();

    /// <summary>Every problem with the configuration, in Chinese, for the start-up error.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<IRetentionTarget> targets, RetentionOptions options)
    {
        var list = targets.ToList();
        var errors = new List<string>();
        foreach (var rule in Rules(list, options).Where(r => r.Days < r.LegalMinimumDays))
            errors.Add($"{RetentionOptions.Section}:Periods:{rule.RecordType} = {rule.Days} 天，低于「{rule.Title}」的最短保存期 {rule.LegalMinimumDays} 天" +
                       (IsExamAffairs(rule.RecordType) ? "（考务档案至少留存 2 年）" : "") + "，不予接受。");
        foreach (var unknown in options.Periods.Keys.Where(k => list.All(t => t.RecordType != k)).Order(StringComparer.Ordinal))
            errors.Add($"{RetentionOptions.Section}:Periods:{unknown}：没有这种记录类型（可配置：{string.Join("、", list.Select(t => t.RecordType).Order(StringComparer.Ordinal))}）。");
        if (options.MaxBatch is < 1 or > 5000) errors.Add($"{RetentionOptions.Section}:MaxBatch 必须在 1–5000 之间。");
        return errors;
    }

    /// <summary>SHA-256 over the sorted ids, one per line: what the disposal record keeps to prove which records went.</summary>
    public static string IdsHash(IEnumerable<string> ids)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", ids.Order(StringComparer.Ordinal)))));
}
