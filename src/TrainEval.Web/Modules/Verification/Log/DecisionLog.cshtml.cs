using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Verification.Log;

/// <summary>The identity decision log (IDV-04): queryable by date, outcome, context and learner; exportable as CSV.</summary>
[Authorize(Policy = Permissions.Identity.ViewLog)]
public sealed class DecisionLogModel(StaffScope scope, IAccountsApi accounts, AuditLog audit, Platform.Data.AppDbContext db) : PageModel
{
    public const int MaxExportRows = 100_000;
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? Context { get; set; }
    [BindProperty(SupportsGet = true)] public string? Learner { get; set; }
    public IReadOnlyList<DecisionRow> Rows { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = await FilterAsync(ct);
        if (q is null) return;
        Rows = await scope.RowsAsync(await q.OrderByDescending(d => d.AtUtc).Take(300).ToListAsync(ct), "idv.log", ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var q = await FilterAsync(ct);
        if (q is null) { Response.StatusCode = 400; return Page(); }
        var decisions = await q.OrderBy(d => d.AtUtc).Take(MaxExportRows + 1).ToListAsync(ct);
        if (decisions.Count > MaxExportRows) { Error = $"超过 {MaxExportRows} 条，请缩小日期范围后再导出。"; Response.StatusCode = 400; return Page(); }
        var rows = await scope.RowsAsync(decisions, "idv.export", ct);
        var csv = new StringBuilder("\uFEFF");
        csv.AppendLine("时间,姓名,证件号码,账号,场景,方式,结果,原因,相似度,相似度阈值,活体分值,活体阈值,动作,动作完成,模型版本,图像记录,设备,IP,核验人,人工复核");
        foreach (var r in rows)
        {
            var d = r.Decision;
            string[] cells =
            [
                d.AtUtc.AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.Learner?.RealName ?? "", r.Learner?.IdNumber ?? "",
                r.Learner?.Account ?? "", ReasonLabels.Context(d.Context), d.Method == CheckMethod.Face ? "人脸+活体" : "人工", ReasonLabels.Outcome(d.Outcome),
                ReasonLabels.Label(d.Reason), Num(d.Similarity), Num(d.MatchThreshold), Num(d.Liveness), Num(d.LivenessThreshold), Challenges.Label(d.Challenge),
                d.Method == CheckMethod.Face ? (d.ChallengeMet ? "是" : "否") : "", d.ModelVersion, d.FrameCount > 0 ? $"加密保存 {d.FrameCount} 张" : "",
                d.Device, d.Ip, d.DecidedByName, r.Review is { } rv ? $"{Verdict(rv.Verdict)}（{rv.ReviewerName}：{rv.Reason}）" : d.Review == ReviewState.Queued ? "待复核：" + d.ReviewFlag : "",
            ];
            csv.AppendLine(string.Join(",", cells.Select(Cell)));
        }
        audit.Record("idv.log.exported", "idv-decisions", "", new { rows = rows.Count, From, To, Outcome, Context, Learner });
        await db.SaveChangesAsync(ct);
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "identity-decisions.csv");
    }

    public static string Verdict(ReviewVerdict v) => v switch
    {
        ReviewVerdict.Upheld => "维持原结果",
        ReviewVerdict.OverturnedToPass => "改判通过",
        _ => "改判不通过",
    };

    private static string Num(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "";

    /// <summary>CSV cell: quoted, and formula-looking text neutralised (a leading = + - @ gets an apostrophe).</summary>
    private static string Cell(string v)
    {
        if (v.Length > 0 && "=+-@\t\r".Contains(v[0]) && !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) v = "'" + v;
        return "\"" + v.Replace("\"", "\"\"") + "\"";
    }

    private async Task<IQueryable<IdentityDecision>?> FilterAsync(CancellationToken ct)
    {
        var q = scope.Decisions();
        if (!string.IsNullOrWhiteSpace(From))
        {
            if (!DateOnly.TryParse(From, CultureInfo.InvariantCulture, out var f)) { Error = "开始日期格式应为 yyyy-MM-dd。"; return null; }
            var fromUtc = f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            q = q.Where(d => d.AtUtc >= fromUtc);
        }
        if (!string.IsNullOrWhiteSpace(To))
        {
            if (!DateOnly.TryParse(To, CultureInfo.InvariantCulture, out var t)) { Error = "结束日期格式应为 yyyy-MM-dd。"; return null; }
            var toUtc = t.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            q = q.Where(d => d.AtUtc < toUtc);
        }
        if (Enum.TryParse<CheckOutcome>(Outcome, true, out var o) && Enum.IsDefined(o)) q = q.Where(d => d.Outcome == o);
        if (Enum.TryParse<CheckContext>(Context, true, out var c) && Enum.IsDefined(c)) q = q.Where(d => d.Context == c);
        if (!string.IsNullOrWhiteSpace(Learner))
        {
            var ids = await accounts.FindLearnerIdsAsync(Learner, 200, ct);
            q = q.Where(d => ids.Contains(d.LearnerId));
        }
        return q;
    }
}
