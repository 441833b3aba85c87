using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainEval.Web.Modules.Violations.Public;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Violations;

/// <summary>
/// A ban from enrollment and exam booking that follows a confirmed violation (VIO-01 tier 2: rest of the year;
/// tier 3: two years). Written when a violation is confirmed (ConfirmViolation); enforced at enrollment and booking (VIO-02).
/// </summary>
public sealed class Ban
{
    public Guid Id { get; private set; }
    public Guid LearnerId { get; private set; }
    public int Tier { get; private set; }
    public DateTime StartsAtUtc { get; private set; }
    public DateTime EndsAtUtc { get; private set; }
    public string Reason { get; private set; } = "";
    public Guid ViolationId { get; private set; }
    public DateTime? LiftedAtUtc { get; private set; }
    public Guid? LiftedById { get; private set; }
    public string LiftedByName { get; private set; } = "";
    public string LiftReason { get; private set; } = "";

    private Ban() { }

    public static Ban Create(Guid learnerId, int tier, DateTime startsAtUtc, DateTime endsAtUtc, string reason, Guid violationId)
        => new() { Id = Guid.CreateVersion7(), LearnerId = learnerId, Tier = tier, StartsAtUtc = startsAtUtc, EndsAtUtc = endsAtUtc, Reason = reason, ViolationId = violationId };

    public bool IsActiveAt(DateTime atUtc) => LiftedAtUtc is null && StartsAtUtc <= atUtc && EndsAtUtc > atUtc;

    /// <summary>Early lifting by an evaluation-institution admin with a recorded reason (the window itself stays as imposed).</summary>
    public void Lift(Guid byId, string byName, string reason, DateTime nowUtc)
    {
        if (!IsActiveAt(nowUtc)) throw new InvalidOperationException("Only an active ban can be lifted.");
        LiftedAtUtc = nowUtc;
        LiftedById = byId;
        LiftedByName = byName;
        LiftReason = reason.Trim();
    }
}

internal sealed class BanConfiguration : IEntityTypeConfiguration<Ban>
{
    public void Configure(EntityTypeBuilder<Ban> b)
    {
        b.ToTable("violations_bans");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.LearnerId, x.EndsAtUtc });
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.LiftedByName).HasMaxLength(100);
        b.Property(x => x.LiftReason).HasMaxLength(500);
        b.HasIndex(x => x.ViolationId);
    }
}

internal sealed class BansApi(AppDbContext db) : IBansApi
{
    public Task<ActiveBan?> ActiveBanAsync(Guid learnerId, DateTime atUtc, CancellationToken ct)
        => db.Set<Ban>().AsNoTracking()
            .Where(b => b.LearnerId == learnerId && b.LiftedAtUtc == null && b.StartsAtUtc <= atUtc && b.EndsAtUtc > atUtc)
            .OrderByDescending(b => b.EndsAtUtc)
            .Select(b => new ActiveBan(b.Tier, b.EndsAtUtc, b.Reason))
            .FirstOrDefaultAsync(ct);
}
