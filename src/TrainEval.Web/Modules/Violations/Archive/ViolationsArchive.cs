using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Archive;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Violations.Archive;

/// <summary>
/// ARC-01 / VIO-01: confirmed violations (the decision the learner is bound by; unconfirmed or dismissed allegations are
/// not part of the learner's archive) with their evidence listed, and every ban with an early lift. They belong to the
/// evaluation institution that recorded them.
/// </summary>
public sealed class ViolationsArchive(AppDbContext db) : IArchiveContributor
{
    public string Key => "violations";
    public string Title => "违纪处理与禁考";
    public int Order => 70;

    public async Task<ArchiveSection> CollectAsync(ArchiveRequest request, CancellationToken ct)
    {
        var list = await db.Set<Violation>().AsNoTracking()
            .Where(v => v.LearnerId == request.LearnerId && v.State == ViolationState.Confirmed).ToListAsync(ct);
        if (request.InstitutionIds is { } ids) list = [.. list.Where(v => ids.Contains(v.EvaluationInstitutionId))];
        if (list.Count == 0) return ArchiveSection.Empty;
        var violationIds = list.Select(v => v.Id).ToList();
        var evidence = (await db.Set<ViolationEvidence>().AsNoTracking().Where(e => violationIds.Contains(e.ViolationId)).ToListAsync(ct)).ToLookup(e => e.ViolationId);
        var bans = await db.Set<Ban>().AsNoTracking().Where(b => violationIds.Contains(b.ViolationId)).OrderBy(b => b.StartsAtUtc).ToListAsync(ct);

        var events = new List<ArchiveEvent>();
        var records = new List<ArchiveRecord>();
        foreach (var v in list.OrderBy(v => v.OccurredAtUtc))
        {
            var fields = ArchiveFields.Of(v);
            fields["TierName"] = ViolationCatalogue.TierName(v.Tier);
            fields["Evidence"] = evidence[v.Id].OrderBy(e => e.UploadedAtUtc).Select(e => (object?)ArchiveFields.Of(e, nameof(ViolationEvidence.FileKey))).ToList();
            records.Add(new("violation", v.Id.ToString(), fields));
            events.Add(new(v.DecidedAtUtc ?? v.RecordedAtUtc, $"违纪处理决定（{ViolationCatalogue.TierName(v.Tier)}）", v.Consequence, v.DecidedByName));
        }
        foreach (var b in bans)
        {
            records.Add(ArchiveFields.Record("violation_ban", b.Id, b));
            events.Add(new(b.StartsAtUtc, "禁考开始", $"至 {BanPeriods.LastDay(b.EndsAtUtc)}：{b.Reason}"));
            if (b.LiftedAtUtc is { } lifted) events.Add(new(lifted, "禁考提前解除", b.LiftReason, b.LiftedByName));
        }
        return new(events, records, []);
    }
}
