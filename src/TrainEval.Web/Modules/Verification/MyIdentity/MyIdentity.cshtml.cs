using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Verification.MyIdentity;

/// <summary>The learner's identity page: separate consent, the reference face, a trial check, the alternative path and own history.</summary>
[Authorize(Policy = Permissions.Learning.Learn)]
public sealed class MyIdentityModel(FaceIdentity identity, FaceService faces, AppDbContext db, CurrentUser me) : PageModel
{
    public IdentityStatus Status { get; private set; } = new(null, null, null);
    public IReadOnlyList<IdentityDecision> History { get; private set; } = [];
    public bool EngineAvailable => faces.IsAvailable;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    [BindProperty] public string ConsentVersion { get; set; } = "";
    [BindProperty] public IFormFile? Photo { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostConsentAsync(CancellationToken ct) => await DoneAsync(await identity.DecideConsentAsync(true, ConsentVersion, ct), "已记录您的同意，请建立人脸底照。", ct);

    public async Task<IActionResult> OnPostRefuseAsync(CancellationToken ct)
        => await DoneAsync(await identity.DecideConsentAsync(false, ConsentVersion, ct), "已记录您的选择：不使用人脸核验。请联系培训机构安排人工核验（现场或视频通话核对身份证件）。", ct);

    public async Task<IActionResult> OnPostFromEnrollmentAsync(CancellationToken ct)
        => await DoneAsync(await identity.CreateReferenceAsync(me.RequiredUserId, ReferenceSource.EnrollmentPhoto, null, ct), "已使用报名证件照建立人脸底照。", ct);

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        byte[]? bytes = null;
        if (Photo is { Length: > 0 and <= 8 * 1024 * 1024 })
        {
            bytes = new byte[Photo.Length];
            await using var s = Photo.OpenReadStream();
            await s.ReadExactlyAsync(bytes, ct);
        }
        else if (Photo is { Length: > 8 * 1024 * 1024 }) return await FailAsync(new Dictionary<string, string> { ["Photo"] = "照片过大：不能超过 4 MB。" }, ct);
        return await DoneAsync(await identity.CreateReferenceAsync(me.RequiredUserId, ReferenceSource.Upload, bytes, ct), "已使用上传的照片建立人脸底照。", ct);
    }

    private async Task<IActionResult> DoneAsync<T>(Platform.Web.Outcome<T> outcome, string flash, CancellationToken ct)
    {
        if (!outcome.Ok) return await FailAsync(outcome.Errors, ct);
        TempData["Flash"] = flash;
        return Redirect("/my/identity");
    }

    private async Task<IActionResult> FailAsync(IReadOnlyDictionary<string, string> errors, CancellationToken ct)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Status = await identity.StatusAsync(me.RequiredUserId, ct);
        History = await db.Set<IdentityDecision>().AsNoTracking().Where(d => d.LearnerId == me.RequiredUserId)
            .OrderByDescending(d => d.AtUtc).Take(30).ToListAsync(ct);
    }
}
