using TrainEval.Web.Platform.Archive;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Archive;

/// <summary>
/// Who sees which part of an archive: a learner sees all of their own; staff with <see cref="Permissions.Archive.Read"/>
/// see the records of their institutions only, and only learners who have any record there (BAT scoping); regulators
/// (<see cref="Permissions.Supervision.ViewAllInstitutions"/>) see every institution. ID numbers are revealed only to
/// holders of <see cref="Permissions.Accounts.RevealSensitive"/> who ask for it, and the reveal is audited.
/// </summary>
public sealed class ArchiveAccess(CurrentUser me, TimeProvider clock)
{
    public bool SeesAllInstitutions => me.Has(Permissions.Supervision.ViewAllInstitutions);

    public bool MayReveal => me.Has(Permissions.Accounts.RevealSensitive);

    public ArchiveRequest Own(DateTime nowUtc) => new(me.RequiredUserId, null, false, nowUtc, ForLearner: true);

    public ArchiveRequest Staff(Guid learnerId, bool reveal, DateTime nowUtc)
        => new(learnerId, SeesAllInstitutions ? null : [.. me.TenantIds], reveal && MayReveal, nowUtc);

    public DateTime Now() => clock.GetUtcNow().UtcDateTime;

    /// <summary>What the export's manifest says about the scope.</summary>
    public static object ScopeOf(ArchiveRequest r) => r.InstitutionIds is null
        ? new { limited = false, institutionIds = Array.Empty<Guid>() }
        : new { limited = true, institutionIds = r.InstitutionIds.OrderBy(i => i).ToArray() };
}
