using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Complaints.Summary;

/// <summary>Recurring issues for improvement, over a range of months (default: the last 6, China time).</summary>
[Authorize(Policy = Permissions.Complaints.View)]
public sealed class SummaryModel(ComplaintSummaryBuilder builder, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    public ComplaintSummary Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = WorkingCalendar.ChinaDate(now);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var to = Month(To) ?? thisMonth;
        var from = Month(From) ?? to.AddMonths(-5);
        if (from > to || from < to.AddMonths(-23)) from = to.AddMonths(-5);
        From = $"{from:yyyy-MM}";
        To = $"{to:yyyy-MM}";
        Data = await builder.BuildAsync(from, to, now, ct);
    }

    private static DateOnly? Month(string? s)
        => DateOnly.TryParseExact((s ?? "") + "-01", "yyyy-MM-dd", out var d) ? d : null;
}
