using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Learning.Completion;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.Records.MyRecords;

/// <summary>
/// LRN-06, LRN-07, SUP-03: the learner's own records of a course — effective time (total, today, this week), units done
/// and to do, practice, replays, anomaly flags, a 30-day trend, every learning session, and the printable record once the
/// completion rule is met.
/// </summary>
[Authorize(Policy = Permissions.Learning.Learn)]
public sealed class MyRecordsModel(LearnerRecords records, CompletionEvaluator completion, IEnrollmentApi enrollment, CurrentUser me,
    TimeProvider clock) : PageModel
{
    public Guid ProjectId { get; private set; }
    public string ProjectName { get; private set; } = "";
    public LearnerCourse Course { get; private set; } = null!;
    public RecordsOverview Overview { get; private set; } = null!;
    public CompletionResult? Completion { get; private set; }
    public TrendChart Chart { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        var course = await records.FindAsync(learnerId, projectId, ct);
        if (course is null) return NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        ProjectId = projectId;
        ProjectName = (await enrollment.GetProjectAsync(projectId, ct))?.Name ?? course.Course.Title;
        Course = course;
        Overview = await records.OverviewAsync(learnerId, course.Course, now, ct);
        Completion = await completion.EvaluateAsync(learnerId, course.Course.Id, ct);
        Chart = new TrendChart("my-trend", $"近 {LearnerRecords.TrendDays} 天每日有效学习时长", TrendGranularity.Day, Overview.Trend);
        return Page();
    }
}
