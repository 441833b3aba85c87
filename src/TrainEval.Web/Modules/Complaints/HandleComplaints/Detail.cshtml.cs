using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Complaints.HandleComplaints;

/// <summary>One complaint for staff: facts, attachments (audited downloads), the full event log, and the handling actions.</summary>
[Authorize(Policy = Permissions.Complaints.View)]
public sealed class DetailModel(HandleComplaintHandler handler, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ComplaintsOptions> options) : PageModel
{
    public StaffCase Case { get; private set; } = null!;
    public DateTime NowUtc { get; private set; }
    public int ReopenWindowDays => options.Value.ReopenWindowDays;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public (string Phone, string Email)? Revealed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcknowledgeAsync(Guid id, string? note, CancellationToken ct)
        => ActAsync(id, "已受理，已告知投诉人答复时限。", handler.AcknowledgeAsync(id, note, ct), ct);

    public Task<IActionResult> OnPostAssignAsync(Guid id, Guid? assigneeId, CancellationToken ct)
        => ActAsync(id, "已指定处理人。", handler.AssignAsync(id, assigneeId, ct), ct);

    public Task<IActionResult> OnPostNoteAsync(Guid id, string? note, CancellationToken ct)
        => ActAsync(id, "处理记录已追加。", handler.NoteAsync(id, note, ct), ct);

    public Task<IActionResult> OnPostReplyAsync(Guid id, string? outcome, string? reply, CancellationToken ct)
        => ActAsync(id, "答复已发送给投诉人。", handler.ReplyAsync(id, outcome, reply, ct), ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, string? note, CancellationToken ct)
        => ActAsync(id, "投诉已办结。", handler.CloseAsync(id, note, ct), ct);

    public async Task<IActionResult> OnPostRevealAsync(Guid id, CancellationToken ct)
    {
        Revealed = await handler.RevealContactAsync(id, ct);
        if (Revealed is null) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<IActionResult> ActAsync(Guid id, string done, Task<Outcome<Complaint>> action, CancellationToken ct)
    {
        var outcome = await action;
        if (outcome.Ok)
        {
            TempData["Flash"] = done;
            return Redirect($"/workbench/complaints/{id}");
        }
        if (outcome.Code == ComplaintErrors.NotFound) return NotFound();
        Errors = outcome.Errors;
        Response.StatusCode = outcome.Code == ComplaintErrors.OutOfScope ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        var c = await handler.CaseAsync(id, ct);
        if (c is null) return false;
        Case = c;
        return true;
    }
}
