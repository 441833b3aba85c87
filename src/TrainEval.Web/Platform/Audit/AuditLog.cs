using System.Text.Json;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Platform.Audit;

/// <summary>
/// Handlers call <see cref="Record"/> before their single SaveChangesAsync: the entry joins the same
/// transaction as the change it describes and is chained when saved.
/// </summary>
public sealed class AuditLog(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public AuditEntry Record(string action, string subjectType, string subjectId, object? detail = null, Guid? tenantId = null)
        => RecordAs(user.UserId, user.DisplayName, user.PrimaryRole, tenantId ?? user.PrimaryTenantId, action, subjectType, subjectId, detail);

    /// <summary>Record on behalf of an explicit actor (system jobs, the seeder, a user who just signed in).</summary>
    public AuditEntry RecordAs(Guid? actorId, string actorName, string actorRole, Guid? tenantId,
        string action, string subjectType, string subjectId, object? detail = null)
    {
        var entry = AuditEntry.Create(clock.GetUtcNow().UtcDateTime, actorId, actorName, actorRole, tenantId,
            action, subjectType, subjectId, user.Ip, detail is null ? "" : JsonSerializer.Serialize(detail, Json));
        db.Set<AuditEntry>().Add(entry);
        return entry;
    }
}
