using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Demo;

/// <summary>
/// The demo evaluation institution's theory bank for 社会体育指导员（游泳）四级 (EXM-01): 36 questions over the four
/// knowledge modules (4 single, 2 multiple, 3 true/false each) and one blueprint paper drawing 3 + 1 + 2 per module
/// (single 5, multiple 5, true/false 2.5 points: 100 in all, pass 60), shuffled per candidate. Separate from the
/// training institution's practice questions (BAT-10). Idempotent: nothing is added when the bank has questions.
/// </summary>
internal static class DemoExams
{
    private sealed record Q(string Kp, ExamQuestionKind Kind, string Stem, string[] Options, int[] Correct);

    private const ExamQuestionKind S = ExamQuestionKind.Single, M = ExamQuestionKind.Multiple, T = ExamQuestionKind.TrueFalse;
    private const string K1 = "职业道德与游泳运动概述", K2 = "游泳技术教学", K3 = "水上安全与救护", K4 = "游泳场所服务与管理";
    public const string PaperName = "社会体育指导员（游泳）四级 理论知识试卷（A）";

    public static async Task SeedAsync(AppDbContext db, Guid bankId, Guid projectId, Guid createdBy, DateTime nowUtc, CancellationToken ct)
    {
        if (await db.Set<ExamQuestion>().AnyAsync(q => q.BankId == bankId, ct)) return;
        foreach (var q in Questions)
        {
            var options = q.Kind == T ? new[] { "正确", "错误" } : q.Options;
            var input = new QuestionInput(bankId, q.Kp, q.Kind, q.Stem, options, q.Correct, "", Points(q.Kind));
            if (ExamContentAdmin.Validate(input) is { Count: > 0 } errors)
                throw new InvalidOperationException($"Demo exam question is invalid: {q.Stem} — {string.Join("; ", errors.Values)}");
            db.Set<ExamQuestion>().Add(ExamQuestion.Create(bankId, q.Kp, q.Kind, q.Stem, options, string.Join(",", q.Correct.Order()), "", Points(q.Kind), createdBy, nowUtc));
        }
        BlueprintLine[] blueprint = [.. new[] { K1, K2, K3, K4 }.SelectMany(k => new[] { new BlueprintLine(k, S, 3), new BlueprintLine(k, M, 1), new BlueprintLine(k, T, 2) })];
        db.Set<ExamPaper>().Add(ExamPaper.Create(bankId, projectId, PaperName, "理论知识", PaperMode.Blueprint, [], blueprint, 60, true, true, createdBy, nowUtc));
    }

    private static decimal Points(ExamQuestionKind k) => k == T ? 2.5m : 5m;

    private static readonly Q[] Questions =
    [
        new(K1, S, "社会体育指导员开展游泳指导时，首要遵循的原则是：", ["安全第一", "进度优先", "收费优先", "竞赛成绩优先"], [0]),
        new(K1, S, "下列行为中符合社会体育指导员职业守则的是：", ["向学员推销与教学无关的商品", "如实告知学员训练风险并做好防护", "为招揽学员夸大教学效果", "私自调换学员的课程安排"], [1]),
        new(K1, S, "现代奥运会游泳比赛中不设有的泳姿是：", ["自由泳", "蛙泳", "侧泳", "蝶泳"], [2]),
        new(K1, S, "社会体育指导员发现学员有不适宜下水的疾病时，应当：", ["劝其暂停下水并建议就医", "要求其签字后继续训练", "让其在浅水区自行练习", "不予理会"], [0]),
        new(K1, M, "社会体育指导员的职责包括：", ["传授运动技能", "组织管理健身活动", "宣传科学健身知识", "替学员报名参加商业比赛"], [0, 1, 2]),
        new(K1, M, "社会体育指导员在工作中应当做到：", ["尊重学员人格", "保护学员个人信息", "遵守场馆安全制度", "以个人喜好区别对待学员"], [0, 1, 2]),
        new(K1, T, "社会体育指导员可以为了完成课时要求，让身体不适的学员继续下水练习。", [], [1]),
        new(K1, T, "游泳是一项周期性运动项目。", [], [0]),
        new(K1, T, "社会体育指导员应持续学习，更新专业知识和技能。", [], [0]),

        new(K2, S, "蛙泳腿部动作中产生主要推进力的阶段是：", ["收腿", "翻脚", "蹬夹腿", "滑行"], [2]),
        new(K2, S, "自由泳的呼吸一般在哪个时机完成：", ["手臂入水时向前抬头", "同侧手臂推水结束、转体时侧向吸气", "双手同时划水时", "两腿打水最深时"], [1]),
        new(K2, S, "初学者学习游泳，一般最先进行的练习是：", ["出发跳水", "熟悉水性与水中呼吸", "长距离耐力游", "转身技术"], [1]),
        new(K2, S, "蛙泳常见错误“剪式腿”的主要原因是：", ["两腿动作不对称", "呼吸过早", "手臂划水过宽", "滑行时间过长"], [0]),
        new(K2, M, "分解教学法用于游泳教学时，通常包括：", ["陆上模仿练习", "扶池边腿部练习", "持板配合呼吸练习", "直接完整长距离游"], [0, 1, 2]),
        new(K2, M, "纠正学员技术错误时，指导员应当：", ["找准产生错误的主要原因", "一次集中纠正一个主要错误", "采用示范与对比讲解", "当众批评以示警示"], [0, 1, 2]),
        new(K2, T, "自由泳打腿应以髋关节发力，带动大腿、小腿和脚做鞭状动作。", [], [0]),
        new(K2, T, "蛙泳完整配合中，手臂动作与腿部动作应同时开始、同时结束。", [], [1]),
        new(K2, T, "对初学者进行教学时，应遵循由易到难、循序渐进的原则。", [], [0]),

        new(K3, S, "溺水者在水中挣扎时的典型表现是：", ["大声呼救并挥手", "头部后仰、口鼻时出时没，难以呼救", "平静仰卧水面", "自行游向岸边"], [1]),
        new(K3, S, "成人心肺复苏胸外按压的频率应为每分钟：", ["60–80 次", "80–100 次", "100–120 次", "140–160 次"], [2]),
        new(K3, S, "救护者进行水中救护前，首先应当：", ["立即跳水", "观察判断并尽量采用岸上救护", "脱去所有衣物", "等待他人先下水"], [1]),
        new(K3, S, "成人胸外按压的深度一般为：", ["2–3 厘米", "5–6 厘米", "8–10 厘米", "越深越好"], [1]),
        new(K3, M, "岸上救护可以使用的方法有：", ["递竿", "抛救生圈", "抛绳", "拉手臂后直接跳入拖带"], [0, 1, 2]),
        new(K3, M, "发现有人溺水后，正确的做法包括：", ["大声呼救并报告救生员", "拨打急救电话", "使用救生器材施救", "不会游泳也立即跳水救人"], [0, 1, 2]),
        new(K3, T, "对溺水后无呼吸的伤员，应在保证安全的前提下尽早实施心肺复苏。", [], [0]),
        new(K3, T, "为节省时间，救护者可以从正面直接抱住挣扎中的溺水者。", [], [1]),
        new(K3, T, "游泳场所应配备救生圈、救生杆等救生器材。", [], [0]),

        new(K4, S, "游泳池开放期间，救生员应当：", ["集中在休息室值班", "在救生岗位上持续观察水面", "同时兼任收银工作", "只在有人呼救时到场"], [1]),
        new(K4, S, "游泳场所发生雷电天气时，室外泳池应当：", ["继续开放", "立即组织人员离开水面", "只允许会游泳的人继续", "关闭照明后继续开放"], [1]),
        new(K4, S, "游泳池水质检测中，反映消毒效果的常用指标是：", ["游离性余氯", "水温", "水深", "池壁颜色"], [0]),
        new(K4, S, "深水区与浅水区之间应当设置：", ["明显的分隔标志", "广告牌", "跳台", "无需设置"], [0]),
        new(K4, M, "游泳场所的安全管理制度通常包括：", ["救生员值守制度", "水质检测制度", "突发事件应急预案", "允许酒后入水"], [0, 1, 2]),
        new(K4, M, "游泳场所入口处应公示的内容有：", ["开放时间", "入场须知", "水质检测结果", "救生员个人住址"], [0, 1, 2]),
        new(K4, T, "游泳场所可以在无救生员值守的情况下对外开放。", [], [1]),
        new(K4, T, "游泳场所发生突发事件时，应按照应急预案组织疏散和救护。", [], [0]),
        new(K4, T, "浸脚消毒池的作用是减少泳客带入泳池的污染。", [], [0]),
    ];
}
