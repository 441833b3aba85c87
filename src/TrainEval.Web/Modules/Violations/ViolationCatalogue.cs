namespace TrainEval.Web.Modules.Violations;

/// <summary>One act of the catalogue: its code, the tier the rules give it and whether it can be found outside a sitting.</summary>
/// <param name="Code">"{tier}-{item}", the item number of the seed's list (e.g. "3-4" = 第 3 条第（4）项).</param>
/// <param name="SittingOptional">Acts that can be established without an exam sitting (false materials at enrollment, questions obtained before the exam, other grave acts): then there are no results to void.</param>
public sealed record ViolationAct(string Code, int Tier, int Item, string Name, bool SittingOptional = false);

/// <summary>
/// The tiers and acts of 考试违纪违规行为认定和处理办法 (seed 001 §4(二), after 人社部《专业技术人员资格考试违纪违规行为处理规定》
/// and 人社职司便函〔2021〕57 号). The tier follows from the act; staff may raise it (情节严重者加重处罚) with a reason, never lower it.
/// </summary>
public static class ViolationCatalogue
{
    public static readonly IReadOnlyList<ViolationAct> Acts =
    [
        new("1-1", 1, 1, "携带禁携物品（包括与考试内容相关的书籍、资料、电子产品、通讯设备以及规定以外的工具等）进入座位（或考位）或未将禁携物品放在指定位置，经提醒拒不改正"),
        new("1-2", 1, 2, "未在规定的座位（或考位）参加考试，或未经工作人员允许擅自离开座位（或考位），经提醒拒不改正"),
        new("1-3", 1, 3, "在考场（或考区）禁止的范围内，喧哗、吸烟或实施其他影响考场秩序的行为，经提醒拒不改正"),
        new("1-4", 1, 4, "其他违反考场规则但尚未构成作弊的行为"),
        new("2-1", 2, 1, "在考试过程中使用规定以外的带拍照、存储、传输或通讯功能的电子设备（如相机、手机、耳机、U 盘、手提电脑、智能手表、智能手环等）或其他电子用品"),
        new("2-2", 2, 2, "抄袭或协助他人抄袭试题答案或与考试内容相关资料"),
        new("2-3", 2, 3, "故意损毁试卷、工件或考试材料"),
        new("2-4", 2, 4, "擅自将试题、答卷或者有关内容带出考场"),
        new("2-5", 2, 5, "存在其他作弊但对其他应试人员未造成严重干扰的行为"),
        new("3-1", 3, 1, "通过虚假承诺、提供虚假材料以及其他非正当手段取得参加资格", SittingOptional: true),
        new("3-2", 3, 2, "考前以非正当手段获得试题或答案或进行传播", SittingOptional: true),
        new("3-3", 3, 3, "抢夺、窃取他人试卷或胁迫他人配合作弊、偷换考试器具或设备等"),
        new("3-4", 3, 4, "由他人冒名顶替参考或替他人参考"),
        new("3-5", 3, 5, "串通作弊或参与有组织作弊"),
        new("3-6", 3, 6, "故意损毁考试设备（含视频监控系统）、材料，造成设备事故、人身伤害或设备主要零部件损坏"),
        new("3-7", 3, 7, "其他影响恶劣或严重扰乱考场管理秩序的行为", SittingOptional: true),
    ];

    public static ViolationAct? Find(string? code) => Acts.FirstOrDefault(a => a.Code == code);

    public static bool IsTier(int tier) => tier is >= 1 and <= 3;

    public static string TierName(int tier) => tier switch { 1 => "一级", 2 => "二级", 3 => "三级", _ => "未知" };

    /// <summary>The seed's wording of what a tier entails.</summary>
    public static string TierRule(int tier) => tier switch
    {
        1 => "取消其当次该科目的成绩",
        2 => "取消其当次全部科目成绩，且当年不得参加其他鉴定",
        3 => "取消其当次全部科目成绩，2 年内不得参加鉴定；情节严重者将加重处罚，并依据有关法律法规移送有关部门",
        _ => "",
    };

    /// <summary>Where an act sits in the seed: "第 3 条第（4）项".</summary>
    public static string Basis(ViolationAct act) => $"《考试违纪违规行为认定和处理办法》第 {act.Tier} 条第（{act.Item}）项";

    public const string AfterExamBasis = "第 4 条：考试结束后发现违纪违规行为并经确认的，依照第 1～3 条处理；已颁发证书的，宣布成绩无效并对证书作相应处理";

    /// <summary>
    /// The tier applied: the act's tier, or a higher one chosen by staff with a reason. Lowering, unknown tiers and raising
    /// without a reason are refused (null tier, error message).
    /// </summary>
    public static (int? Tier, string? Error) ApplyTier(ViolationAct act, int? requested, string? raiseReason)
    {
        if (requested is null || requested == act.Tier) return (act.Tier, null);
        if (!IsTier(requested.Value)) return (null, "违纪等级只能是一级、二级或三级。");
        if (requested < act.Tier)
            return (null, $"“{act.Code}”属于{TierName(act.Tier)}违纪，处理等级不能低于{TierName(act.Tier)}。");
        if (string.IsNullOrWhiteSpace(raiseReason) || raiseReason.Trim().Length < 4)
            return (null, "提高处理等级须说明理由（情节严重的具体情形）。");
        return (requested, null);
    }
}
