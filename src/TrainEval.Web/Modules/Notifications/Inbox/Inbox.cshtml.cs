using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Notifications.Inbox;

[Authorize]
public sealed class InboxModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public IReadOnlyList<InboxMessage> Messages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = me.RequiredUserId;
        Messages = await db.Set<InboxMessage>().Where(m => m.UserId == userId).OrderByDescending(m => m.CreatedAtUtc).Take(100).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var unread = Messages.Where(m => m.ReadAtUtc is null).ToList();
        foreach (var m in unread) m.MarkRead(now);
        if (unread.Count > 0) await db.SaveChangesAsync(ct);
    }
}
