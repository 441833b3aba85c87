using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TrainEval.Web.Modules.Commitments;

/// <summary>
/// A content item a commitment must contain (seed 000 §8 学习承诺书 a–h, §10 考试承诺书 a–h and the rules to be told
/// a–h). The author says which paragraph covers it; the publish check requires that paragraph to contain one term of
/// every group (the groups are shown to the author).
/// </summary>
public sealed record RequiredItem(string Key, string Label, IReadOnlyList<string[]> TermGroups)
{
    public string TermsText => string.Join(" 且 ", TermGroups.Select(g => "「" + string.Join("」或「", g) + "」"));
}

/// <summary>Content a commitment must not contain, with the seed clause it breaks.</summary>
public sealed record ForbiddenRule(string Label, string Clause, Regex Pattern);

public sealed record TemplateProblem(string Field, string Message);

/// <summary>What the signer's text is filled in with (ID number already masked).</summary>
public sealed record RenderValues(string Name, string IdNumberMasked, string Project, string Sitting, DateTime DateUtc);

/// <summary>The publish check and the rendering of commitment templates — pure, unit-tested.</summary>
public static partial class TemplateRules
{
    public const int MaxBody = 20000, MaxTitle = 100;
    public const string PName = "{姓名}", PId = "{证件号码}", PProject = "{项目}", PSitting = "{场次}", PDate = "{日期}";
    public static readonly IReadOnlyList<string> Placeholders = [PName, PId, PProject, PSitting, PDate];

    public static readonly IReadOnlyList<RequiredItem> LearningItems =
    [
        new("identity", "学员身份信息确认", [[PName], [PId]]),
        new("project", "报名项目信息确认", [[PProject]]),
        new("completion", "已按要求完成线上课程学习和考前练习", [["完成"], ["学习", "课程"], ["练习"]]),
        new("no_proxy", "未实施代学、刷课、伪造学习记录", [["代学", "代练", "他人代"], ["刷课", "伪造"]]),
        new("truthful", "提交信息、材料和学习记录真实有效", [["真实"], ["信息", "材料", "记录"]]),
        new("rules_known", "已知晓培训规则、考试规则和违纪处理规则", [["知晓", "了解", "已阅读"], ["规则"]]),
        new("consequences", "同意对异常行为和核查结果承担相应责任", [["承担"], ["责任", "后果"], ["核查", "异常"]]),
        new("date_method", "签署日期及签署方式", [[PDate, "签署日期"], ["签署方式", "验证码", "人脸"]]),
    ];

    public static readonly IReadOnlyList<RequiredItem> ExamItems =
    [
        new("identity", "学员身份信息确认", [[PName], [PId]]),
        new("sitting", "考试项目名称和当次考试信息", [[PProject], [PSitting]]),
        new("rules_known", "已知晓考试规则、考试流程和考试时长", [["知晓", "了解", "已阅读"], ["规则", "流程"], ["时长", "时间"]]),
        new("independent", "本人独立参加，不替考、不请人代考、不协助作弊", [["本人", "独立"], ["替考", "代考"], ["作弊"]]),
        new("no_aids", "不使用非允许资料、设备、程序或其他辅助方式", [["资料", "设备", "程序", "软件"], ["不使用", "不得使用", "不借助"]]),
        new("recording", "同意考试过程记录、异常行为识别和考后复核", [["记录", "录像", "录屏"], ["复核"]]),
        new("violations_known", "知晓违纪、作弊、冒名考试的处理后果", [["违纪", "作弊", "冒名"], ["后果", "处理", "取消"]]),
        new("date_method", "签署日期、时间和签署方式", [[PDate, "签署日期"], ["签署方式", "验证码", "人脸"]]),
        new("rule_times", "考试规则：开始和结束时间", [["开始"], ["结束"]]),
        new("rule_login", "考试规则：登录要求", [["登录"]]),
        new("rule_reentry", "考试规则：中断和重新进入", [["中断", "断线", "断网"], ["重新进入", "再次进入", "重新登录"]]),
        new("rule_actions", "考试规则：允许和禁止的操作", [["允许", "可以"], ["禁止", "不得"]]),
        new("rule_submission", "考试规则：交卷规则", [["交卷", "提交试卷"]]),
        new("rule_scoring", "考试规则：成绩生成和发布方式", [["成绩"], ["发布", "公布", "生成"]]),
        new("rule_violations", "考试规则：违纪和作弊处理方式", [["违纪", "作弊"], ["处理"]]),
        new("rule_appeal", "考试规则：异议和复核申请方式", [["异议", "申诉"], ["复核"]]),
    ];

    public static IReadOnlyList<RequiredItem> ItemsFor(CommitmentKind kind) => kind == CommitmentKind.Learning ? LearningItems : ExamItems;

    /// <summary>Seed 000: no waiving of institution duties, no exclusion of learner rights, no unreasonable or unrelated obligations.</summary>
    public static readonly IReadOnlyList<ForbiddenRule> Forbidden =
    [
        new("放弃……权利（如“放弃申诉权利”）", "排除学员依法享有的投诉、申诉、复核等权利", WaiveRights()),
        new("不得/不再投诉、申诉、复核、提出异议", "排除学员依法享有的投诉、申诉、复核等权利", NoComplaint()),
        new("不承担任何责任 / 概不负责", "免除培训机构或评价机构法定义务和管理责任", NoLiability()),
        new("免除……责任/义务", "免除培训机构或评价机构法定义务和管理责任", Exempt()),
        new("概不退费 / 不予退费", "排除学员依法享有的权利（退费按公示规则办理）", NoRefund()),
        new("承担一切责任/后果、全部责任", "超出培训与评价活动需要、明显不合理的附加责任", AllLiability()),
        new("最终解释权归……所有", "责任不清、对学员明显不公平的表述", FinalSay()),
        new("须购买、转发、好评、推荐他人报名", "与项目学习或本次考试无直接关系的强制性承诺", Unrelated()),
    ];

    [GeneratedRegex("放弃[^。；;\\n]{0,20}权")] private static partial Regex WaiveRights();
    [GeneratedRegex("(不得|不再|不能|无权)[^。；;\\n]{0,6}(投诉|申诉|复核|提出异议|异议)")] private static partial Regex NoComplaint();
    [GeneratedRegex("不承担任何[^。；;\\n]{0,4}责任|概不负责")] private static partial Regex NoLiability();
    [GeneratedRegex("(?<!不)免除[^。；;\\n]{0,20}(责任|义务)")] private static partial Regex Exempt();
    [GeneratedRegex("概不退[费款]|不予退[费款]|一律不退")] private static partial Regex NoRefund();
    [GeneratedRegex("承担(一切|全部)[^。；;\\n]{0,6}(责任|后果)|一切(责任|后果)[^。；;\\n]{0,6}承担")] private static partial Regex AllLiability();
    [GeneratedRegex("最终解释权")] private static partial Regex FinalSay();
    [GeneratedRegex("(须|必须|应当?)[^。；;\\n]{0,4}(购买|转发|好评|推荐他人|介绍他人)")] private static partial Regex Unrelated();
    [GeneratedRegex("\\{[^{}\\n]{0,20}\\}")] private static partial Regex PlaceholderLike();

    /// <summary>Paragraphs are the non-empty lines of the text, numbered from 1.</summary>
    public static IReadOnlyList<string> Paragraphs(string body)
        => [.. (body ?? "").Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    public static string Normalize(string body) => string.Join("\n", Paragraphs(body));

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static IReadOnlyDictionary<string, int> ParseCoverage(string json)
    {
        try { return JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? []; }
        catch (JsonException) { return new Dictionary<string, int>(); }
    }

    public static string CoverageJson(IReadOnlyDictionary<string, int> coverage) => JsonSerializer.Serialize(coverage.Where(kv => kv.Value > 0)
        .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value));

    /// <summary>Edge validation of what the author typed (always), before saving a draft.</summary>
    public static List<TemplateProblem> CheckInput(string title, string body)
    {
        var problems = new List<TemplateProblem>();
        if (title.Trim().Length is < 2 or > MaxTitle) problems.Add(new("Title", $"标题须为 2～{MaxTitle} 个字。"));
        if (title.Any(c => c is '<' or '>' || char.IsControl(c))) problems.Add(new("Title", "标题不能包含尖括号或控制字符。"));
        if (body.Length > MaxBody) problems.Add(new("Body", $"正文不能超过 {MaxBody} 个字符。"));
        if (body.Any(c => c is '<' or '>' || (char.IsControl(c) && c is not '\n' and not '\r'))) problems.Add(new("Body", "正文不能包含尖括号或控制字符。"));
        return problems;
    }

    /// <summary>
    /// The publish check (LC-01/EC-01): every required item covered by the paragraph the author named, that paragraph
    /// containing one term of every group; only known placeholders; none of the forbidden content.
    /// </summary>
    public static List<TemplateProblem> CheckForPublish(CommitmentKind kind, string title, string body, IReadOnlyDictionary<string, int> coverage)
    {
        var problems = CheckInput(title, body);
        var paragraphs = Paragraphs(body);
        if (paragraphs.Count == 0) problems.Add(new("Body", "正文不能为空。"));
        foreach (var item in ItemsFor(kind))
        {
            var n = coverage.GetValueOrDefault(item.Key);
            if (n < 1 || n > paragraphs.Count)
            {
                problems.Add(new($"Cover_{item.Key}", $"必备内容“{item.Label}”：请注明由第几段承载。"));
                continue;
            }
            var missing = item.TermGroups.Where(g => !g.Any(t => paragraphs[n - 1].Contains(t, StringComparison.Ordinal))).ToList();
            if (missing.Count > 0)
                problems.Add(new($"Cover_{item.Key}", $"必备内容“{item.Label}”：第 {n} 段未包含{string.Join("、", missing.Select(g => "「" + string.Join("」或「", g) + "」"))}。"));
        }
        foreach (Match m in PlaceholderLike().Matches(body))
        {
            if (!Placeholders.Contains(m.Value)) problems.Add(new("Body", $"未知的占位符 {m.Value}，可用：{string.Join(" ", Placeholders)}。"));
            else if (kind == CommitmentKind.Learning && m.Value == PSitting) problems.Add(new("Body", "学习承诺书不使用 {场次} 占位符。"));
        }
        foreach (var (rule, match) in ForbiddenMatches(body))
            problems.Add(new("Body", $"含有禁止内容“{match}”（{rule.Clause}）。"));
        return problems;
    }

    public static IEnumerable<(ForbiddenRule Rule, string Match)> ForbiddenMatches(string text)
        => Forbidden.SelectMany(r => r.Pattern.Matches(text ?? "").Select(m => (r, m.Value))).DistinctBy(x => x.Value);

    /// <summary>The text the learner reads and signs: normalized paragraphs with the placeholders filled in (date in Beijing time).</summary>
    public static string Render(string body, RenderValues v)
    {
        var date = v.DateUtc.AddHours(8).ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture);
        return Normalize(body).Replace(PName, v.Name, StringComparison.Ordinal).Replace(PId, v.IdNumberMasked, StringComparison.Ordinal)
            .Replace(PProject, v.Project, StringComparison.Ordinal).Replace(PSitting, v.Sitting, StringComparison.Ordinal)
            .Replace(PDate, date, StringComparison.Ordinal);
    }
}
