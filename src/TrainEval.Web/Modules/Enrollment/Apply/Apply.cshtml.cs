using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Enrollment.Apply;

[Authorize(Policy = Permissions.Enrollment.Apply)]
[RequestSizeLimit(ApplyModel.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ApplyModel.MaxUploadBytes)]
public sealed class ApplyModel(EnrollHandler handler, IAccountsApi accounts, CurrentUser me) : PageModel
{
    public const long MaxUploadBytes = 12 * 1024 * 1024;

    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty] public bool ConditionsConfirmed { get; set; }
    [BindProperty] public string Region { get; set; } = "";
    [BindProperty] public string Employer { get; set; } = "";
    [BindProperty] public string Education { get; set; } = "";
    [BindProperty] public string MaterialKey { get; set; } = "";
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public bool Truthful { get; set; }
    [BindProperty] public bool RulesKnown { get; set; }

    public WizardState State { get; private set; } = null!;
    public LearnerProfile Profile { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostStartAsync(CancellationToken ct) => RunAsync(() => handler.StartAsync(Code, ct), ct);

    public Task<IActionResult> OnPostConditionsAsync(CancellationToken ct) => RunAsync(async () =>
        await handler.ConfirmConditionsAsync(Code, ConditionsConfirmed, (await accounts.GetBirthDateAsync(me.RequiredUserId, ct)), ct), ct);

    public Task<IActionResult> OnPostPersonalAsync(CancellationToken ct) => RunAsync(() => handler.ConfirmPersonalAsync(Code, Region, Employer, Education, ct), ct);

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Errors = new Dictionary<string, string> { ["File"] = "请选择要上传的文件。" };
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, ct);
        return await RunAsync(async () =>
        {
            var r = await handler.UploadAsync(Code, MaterialKey, Upload.FileName, buffer.ToArray(), ct);
            return r.Ok ? Platform.Web.Outcome<EnrollmentApplication>.Success(null!) : Platform.Web.Outcome<EnrollmentApplication>.Fail(r.Errors, r.Code!);
        }, ct);
    }

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) => RunAsync(async () =>
    {
        // A double-clicked submit finds the enrollment already submitted and lands on the same next page.
        var current = await handler.LoadAsync(Code, me.RequiredUserId, ct);
        if (current?.Application is { Status: not EnrollmentStatus.Draft } done) return Platform.Web.Outcome<EnrollmentApplication>.Success(done);
        var r = await handler.SubmitAsync(Code, Truthful, RulesKnown, ct);
        if (r.Ok) TempData["Flash"] = "报名已提交。请选择缴费项目并完成缴费，培训机构将在公示的时限内审核。";
        return r;
    }, ct, r => $"/my/enrollments/{r.Value!.Id}/order");

    public Task<IActionResult> OnPostResubmitAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var r = await handler.ResubmitAsync(Code, ct);
        if (r.Ok) TempData["Flash"] = "补正材料已提交，等待重新审核。";
        return r;
    }, ct);

    private async Task<IActionResult> RunAsync(Func<Task<Platform.Web.Outcome<EnrollmentApplication>>> action, CancellationToken ct,
        Func<Platform.Web.Outcome<EnrollmentApplication>, string>? next = null)
    {
        var outcome = await action();
        if (outcome.Ok) return Redirect(next?.Invoke(outcome) ?? $"/projects/{Uri.EscapeDataString(Code)}/apply");
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var state = await handler.LoadAsync(Code, me.RequiredUserId, ct);
        var profile = await accounts.GetProfileAsync(me.RequiredUserId, ct);
        if (state is null || profile is null) return false;
        State = state;
        Profile = profile;
        if (string.IsNullOrEmpty(Region)) Region = state.Application?.Region is { Length: > 0 } r ? r : profile.Region;
        if (string.IsNullOrEmpty(Employer)) Employer = state.Application?.Employer is { Length: > 0 } e ? e : profile.Employer;
        if (string.IsNullOrEmpty(Education)) Education = state.Application?.Education ?? "";
        return true;
    }

    public string? ErrorFor(string key) => Errors.TryGetValue(key, out var e) ? e : null;
}
