using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Complaints;

/// <summary>
/// Which complaints staff see and act on: those about their own institutions (<see cref="Permissions.Complaints.Handle"/>),
/// those naming no institution for the platform operator (<see cref="Permissions.Complaints.HandlePlatform"/>), and all
/// of them, read only, for regulators (<see cref="Permissions.Complaints.ViewAll"/>).
/// </summary>
public sealed class ComplaintScope(AppDbContext db, CurrentUser me)
{
    public bool SeesAll => me.Has(Permissions.Complaints.ViewAll);
    private bool Platform => me.Has(Permissions.Complaints.HandlePlatform);

    public IQueryable<Complaint> Visible()
    {
        var q = db.Set<Complaint>().AsNoTracking();
        if (SeesAll) return q;
        var tenants = me.TenantIds;
        var platform = Platform;
        return q.Where(c => (c.InstitutionId != null && tenants.Contains(c.InstitutionId.Value)) || (platform && c.InstitutionId == null));
    }

    public bool CanHandle(Complaint c)
        => c.InstitutionId is { } i ? me.Has(Permissions.Complaints.Handle) && me.TenantIds.Contains(i) : Platform;
}
