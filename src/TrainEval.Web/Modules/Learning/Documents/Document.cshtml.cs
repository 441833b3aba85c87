using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.Documents;

/// <summary>The document / image viewer (LRN-01): the file inline from a signed URL, and the "已读" button with its server-side wait.</summary>
[Authorize(Policy = Permissions.Learning.Learn)]
internal sealed class DocumentModel(DocumentReading reading) : PageModel
{
    public DocumentView View { get; private set; } = null!;
    public string Error { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid projectId, Guid unitId, CancellationToken ct)
    {
        var view = await reading.OpenAsync(projectId, unitId, ct);
        if (view is null) return NotFound();
        View = view;
        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(Guid projectId, Guid unitId, CancellationToken ct)
    {
        var outcome = await reading.MarkReadAsync(projectId, unitId, ct);
        if (outcome.Ok)
        {
            TempData["Flash"] = "已记录：本资料已读完。";
            return Redirect($"/my/courses/{projectId}");
        }
        if (outcome.Code == "learning.unit_not_found") return NotFound();
        var view = await reading.OpenAsync(projectId, unitId, ct);
        if (view is null) return NotFound();
        View = view;
        Error = outcome.Errors.Values.First();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
