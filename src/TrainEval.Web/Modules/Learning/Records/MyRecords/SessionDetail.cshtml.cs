using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.Records.MyRecords;

/// <summary>LRN-05, LRN-06: why each minute of one learning session counted or not — its ledger rows grouped by reason, and its events.</summary>
[Authorize(Policy = Permissions.Learning.Learn)]
public sealed class SessionDetailModel(LearnerRecords records, CurrentUser me) : PageModel
{
    public Guid ProjectId { get; private set; }
    public LearnerCourse Course { get; private set; } = null!;
    public SessionExplanation Explanation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid projectId, Guid sessionId, CancellationToken ct)
    {
        var course = await records.FindAsync(me.RequiredUserId, projectId, ct);
        if (course is null) return NotFound();
        var explanation = await records.ExplainAsync(me.RequiredUserId, course.Course.Id, sessionId, ct);
        if (explanation is null) return NotFound();
        ProjectId = projectId;
        Course = course;
        Explanation = explanation;
        return Page();
    }
}
