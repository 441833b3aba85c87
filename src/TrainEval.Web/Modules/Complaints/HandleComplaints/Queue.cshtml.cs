using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Complaints.HandleComplaints;

/// <summary>
/// The complaints queue (SUP-01): complaints in the user's scope with filters (state, category, overdue, mine, number)
/// and the time left until the next due step, computed from the server clock; overdue first, then by due time.
/// </summary>
[Authorize(Policy = Permissions.Complaints.View)]
public sealed class QueueModel(ComplaintScope scope, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string State { get; set; } = "open";
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<(Complaint Complaint, SlaStatus Sla)> Rows { get; private set; } = [];
    public bool SeesAll => scope.SeesAll;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var q = scope.Visible();
        if (State == "open") q = q.Where(c => c.State == ComplaintState.Submitted || c.State == ComplaintState.InProgress);
        else if (Enum.TryParse<ComplaintState>(State, out var s) && Enum.IsDefined(s) && !int.TryParse(State, out _)) q = q.Where(c => c.State == s);
        else State = "";
        if (Enum.TryParse<ComplaintCategory>(Category, out var cat) && Enum.IsDefined(cat) && !int.TryParse(Category, out _)) q = q.Where(c => c.Category == cat);
        else Category = null;
        if (Mine && me.UserId is { } uid) q = q.Where(c => c.AssigneeId == uid);
        var text = (Q ?? "").Trim().ToUpperInvariant();
        if (text.Length is > 0 and <= 20) q = q.Where(c => c.Number.Contains(text));
        var list = await q.OrderByDescending(c => c.FiledAtUtc).Take(500).ToListAsync(ct);
        var rows = list.Select(c => (c, ComplaintSla.Status(c, now)));
        if (Overdue) rows = rows.Where(r => r.Item2.Overdue);
        Rows = [.. rows.OrderByDescending(r => r.Item2.Overdue).ThenBy(r => r.Item2.DueUtc ?? DateTime.MaxValue).ThenByDescending(r => r.c.FiledAtUtc)];
    }
}
