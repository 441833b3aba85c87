using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Complaints.FileComplaint;

/// <summary>The complaint form shared by the learner's and the public page: fields, choices, published time limits, errors.</summary>
public abstract class ComplaintFormPage(FileComplaintHandler handler) : PageModel
{
    public const long MaxRequestBytes = FileComplaintHandler.MaxFiles * (FileComplaintHandler.MaxFileKb * 1024L) + 1024 * 1024;

    [BindProperty] public string? Category { get; set; }
    [BindProperty] public Guid? InstitutionId { get; set; }
    [BindProperty] public Guid? ProjectId { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public List<IFormFile> Attachments { get; set; } = [];

    public abstract bool IsPublic { get; }
    public IReadOnlyList<Choice> Institutions { get; private set; } = [];
    public IReadOnlyList<ProjectSummary> Projects { get; private set; } = [];
    public ComplaintsOptions Limits => handler.Options;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    protected FileComplaintHandler Handler => handler;

    protected async Task LoadAsync(Guid? learnerId, CancellationToken ct)
    {
        Institutions = await handler.InstitutionsAsync(ct);
        Projects = await handler.ProjectsAsync(learnerId, ct);
    }

    protected async Task<Outcome<Filed>> SubmitAsync(bool asLearner, CancellationToken ct)
    {
        var uploads = new List<AttachmentUpload>();
        foreach (var f in Attachments.Where(f => f.Length > 0))
        {
            if (f.Length > FileComplaintHandler.MaxFileKb * 1024L)
            {
                uploads.Add(new AttachmentUpload(f.FileName, new byte[FileComplaintHandler.MaxFileKb * 1024 + 1]));   // refused by size, not read
                continue;
            }
            using var buffer = new MemoryStream();
            await f.CopyToAsync(buffer, ct);
            uploads.Add(new AttachmentUpload(f.FileName, buffer.ToArray()));
        }
        var outcome = await handler.FileAsync(new ComplaintInput(Category, InstitutionId, ProjectId, Subject, Text, Name, Phone, Email), uploads, asLearner, ct);
        if (!outcome.Ok)
        {
            Errors = outcome.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return outcome;
    }
}
