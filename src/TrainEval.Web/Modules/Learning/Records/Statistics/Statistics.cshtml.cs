using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.Records.Statistics;

/// <summary>
/// SUP-03: learning statistics per course (enrolled, not started, in progress, completed, quit after / before start,
/// cumulative and average effective time, time in the chosen period), a day / week / month trend chart, and per learner.
/// </summary>
[Authorize(Policy = Permissions.Learning.ViewRecords)]
public sealed class StatisticsModel(LearningStatistics statistics, RecordScopes scopes, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? ProjectId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? InstitutionId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Learner { get; set; }
    [BindProperty(SupportsGet = true)] public TrendGranularity By { get; set; } = TrendGranularity.Day;
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNo { get; set; } = 1;

    public StaffScope Scope { get; private set; } = null!;
    public StatisticsReport? Report { get; private set; }
    public TrendChart? Chart { get; private set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Scope = await scopes.LoadAsync(ct);
        var today = RecordFormats.BeijingDay(now);
        if (string.IsNullOrWhiteSpace(To)) To = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (string.IsNullOrWhiteSpace(From))
            From = (By switch { TrendGranularity.Week => today.AddDays(-7 * 11), TrendGranularity.Month => today.AddMonths(-11), _ => today.AddDays(-29) })
                .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (filter, errors) = RecordFilter.Parse(From, To, ProjectId, InstitutionId, Learner);
        if (filter is { From: { } from, To: { } to } && Trend.Count(from, to, By) > Trend.MaxBuckets)
            errors = new Dictionary<string, string> { ["To"] = $"趋势图最多 {Trend.MaxBuckets} 个时段：请缩短时间范围，或改为按周、按月统计。" };
        Errors = errors;
        if (filter is null || errors.Count > 0) return;
        Report = await statistics.BuildAsync(Scope, filter, filter.From!.Value, filter.To!.Value, By, PageNo, now, ct);
        Chart = new TrendChart("stat-trend", $"有效学习时长趋势（{Trend.Name(By)}）", By, Report.Trend);
    }

    public string Query(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["From"] = From, ["To"] = To, ["ProjectId"] = ProjectId?.ToString(), ["InstitutionId"] = InstitutionId?.ToString(), ["Learner"] = Learner,
        ["By"] = By.ToString(), ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToString();
}
