using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.Practice.ManageQuestions;

/// <summary>The courses of the user's training institutions, each with the size of its practice question bank.</summary>
[Authorize(Policy = Permissions.Learning.ManageCourses)]
public sealed class BanksModel(QuestionBankHandler handler) : PageModel
{
    public IReadOnlyList<CourseBankRow> Courses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Courses = await handler.ListCoursesAsync(ct);
}
