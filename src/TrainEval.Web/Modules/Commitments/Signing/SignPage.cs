using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Commitments.Signing;

/// <summary>The learner's signing page (both kinds): read → agree → code or face → signed.</summary>
public abstract class SignPage(SigningService signing, IOneTimeCodeSender codes, CurrentUser me) : PageModel
{
    public SignContext Context { get; private set; } = null!;
    public CommitmentSigning? Pending { get; private set; }
    public string CodeChannel => codes.ChannelDescription;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    [BindProperty(SupportsGet = true, Name = "signing")] public Guid? SigningId { get; set; }
    [BindProperty] public string Method { get; set; } = "otp";
    [BindProperty] public bool Agree { get; set; }
    [BindProperty] public string? OpLog { get; set; }
    [BindProperty] public string? Sha { get; set; }
    [BindProperty] public string? Code { get; set; }

    protected abstract Task<SignContext?> LoadContextAsync(Guid learnerId, CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        if (!await ShowAsync(ct, withPending: false)) return NotFound();
        var outcome = await signing.StartAsync(Context, Method, Agree, OpLog, Sha, me.Ip, me.UserAgent, ct);
        if (!outcome.Ok) return Refused(outcome.Errors);
        var (s, captureUrl) = outcome.Value;
        return Redirect(captureUrl ?? $"{Context.PageUrl}?signing={s.Id}");
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        if (!await ShowAsync(ct)) return NotFound();
        if (Pending is null) return Redirect(Context.PageUrl);   // signed meanwhile, or not this learner's signing: nothing to do
        var outcome = await signing.ResendAsync(Pending, ct);
        if (!outcome.Ok) return Refused(outcome.Errors);
        TempData["Flash"] = "验证码已重新发送。";
        return Redirect($"{Context.PageUrl}?signing={Pending.Id}");
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (!await ShowAsync(ct)) return NotFound();
        if (Pending is null) return Redirect(Context.PageUrl);   // a repeated confirmation after signing is a no-op
        var outcome = Pending.Method == SignMethod.Face ? await signing.ConfirmFaceAsync(Pending, ct) : await signing.ConfirmCodeAsync(Pending, Code, ct);
        if (!outcome.Ok) return Refused(outcome.Errors);
        TempData["Flash"] = $"{CommitmentScope.KindName(Context.Kind)}已签署。";
        return Redirect(Context.PageUrl);
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        if (!await ShowAsync(ct)) return NotFound();
        var outcome = await signing.StartIdentityCheckAsync(Context, ct);
        return outcome.Ok ? Redirect(outcome.Value!) : Refused(outcome.Errors);
    }

    private IActionResult Refused(IReadOnlyDictionary<string, string> errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> ShowAsync(CancellationToken ct, bool withPending = true)
    {
        var learnerId = me.RequiredUserId;
        var ctx = await LoadContextAsync(learnerId, ct);
        if (ctx is null) return false;
        Context = ctx;
        if (withPending && SigningId is { } id && await signing.FindSigningAsync(learnerId, id, ct) is { } s
            && s.Kind == ctx.Kind && s.ProjectId == ctx.ProjectId && s.SittingId == ctx.SittingId && ctx.State == SignState.Open)
            Pending = s;
        return true;
    }
}
