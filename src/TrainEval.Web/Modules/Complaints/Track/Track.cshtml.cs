using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TrainEval.Web.Platform;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Complaints.Track;

/// <summary>
/// Public progress check by number + access code (SUP-01). Unknown numbers and wrong codes get the same answer; every
/// POST counts against the complaints rate limit. After a match the page carries a short-lived protected ticket (30
/// minutes, not the code) so the complainant can rate the reply or ask once for it to be handled again.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PlatformServices.ComplaintsRateLimit)]
public sealed class TrackModel(ComplainantHandler handler, IDataProtectionProvider protection, TimeProvider clock) : PageModel
{
    public const string NotFoundMessage = "未找到匹配的投诉：请核对投诉编号和查询码（查询码区分于编号，共 20 位字母数字）。";
    private static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(30);

    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Ticket { get; set; }

    public ComplainantPanel? Panel { get; private set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public string? Done { get; private set; }

    private IDataProtector Protector => protection.CreateProtector("complaints.track.ticket");

    public void OnGet() => Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var c = await handler.FindPublicAsync(Number, Code, ct);
        if (c is null)
        {
            Errors = new Dictionary<string, string> { [""] = NotFoundMessage };
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        await ShowAsync(c.Id, new Dictionary<string, string>(), ct);
        return Page();
    }

    public Task<IActionResult> OnPostRateAsync(int? rating, string? ratingComment, CancellationToken ct)
        => ActAsync("感谢您的评价。", id => handler.RateAsync(id, rating, ratingComment, ct), ct);

    public Task<IActionResult> OnPostReopenAsync(string? reopenReason, CancellationToken ct)
        => ActAsync("已申请重新处理，受理机构将在新的时限内再次答复。", id => handler.ReopenAsync(id, reopenReason, ct), ct);

    private async Task<IActionResult> ActAsync(string done, Func<Guid, Task<Outcome<Complaint>>> act, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (ReadTicket() is not { } id)
        {
            Errors = new Dictionary<string, string> { [""] = "查询已过期，请重新输入投诉编号和查询码。" };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var outcome = await act(id);
        if (outcome.Ok) Done = done;
        else Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await ShowAsync(id, outcome.Errors, ct);
        return Page();
    }

    private async Task ShowAsync(Guid id, IReadOnlyDictionary<string, string> errors, CancellationToken ct)
    {
        var view = await handler.ViewAsync(id, ct);
        if (view is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        Ticket = Protector.Protect($"{id:N}|{now.Ticks.ToString(CultureInfo.InvariantCulture)}");
        Panel = new ComplainantPanel(view, now, handler.Options.ReopenWindowDays, Ticket, null, errors);
    }

    private Guid? ReadTicket()
    {
        try
        {
            var parts = Protector.Unprotect(Ticket ?? "").Split('|');
            if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var id) || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ticks)) return null;
            var age = clock.GetUtcNow().UtcDateTime - new DateTime(ticks, DateTimeKind.Utc);
            return age >= TimeSpan.Zero && age <= TicketLifetime ? id : null;
        }
        catch (CryptographicException) { return null; }
    }
}
