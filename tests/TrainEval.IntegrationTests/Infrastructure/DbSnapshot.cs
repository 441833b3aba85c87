using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Modules.Notifications;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.IntegrationTests.Infrastructure;

/// <summary>Row counts of the tables a refused request must not touch.</summary>
public sealed record DbSnapshot(int Users, int AuditEntries, int Grants, int Institutions, int Messages)
{
    public static Task<DbSnapshot> TakeAsync(TestApp app) => app.WithDbAsync(async db => new DbSnapshot(
        await db.Set<AppUser>().CountAsync(),
        await db.Set<AuditEntry>().CountAsync(),
        await db.Set<RoleGrant>().CountAsync(),
        await db.Set<Institution>().CountAsync(),
        await db.Set<InboxMessage>().CountAsync()));
}
