using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Platform.Archive;

namespace TrainEval.Web.Modules.Archive;

/// <summary>One section of a learner's archive as its contributor returned it.</summary>
public sealed record BuiltSection(string Key, string Title, int Order, ArchiveSection Content)
{
    public bool IsEmpty => Content.Records.Count == 0 && Content.Events.Count == 0 && Content.Attachments.Count == 0;
}

/// <summary>A line of the merged time line, with the section it came from.</summary>
public sealed record TimelineItem(ArchiveEvent Event, string SectionKey, string SectionTitle);

/// <summary>The whole archive of one learner as one request may see it (ARC-01).</summary>
public sealed record LearnerArchive(ArchiveRequest Request, LearnerIdentity Learner, IReadOnlyList<BuiltSection> Sections, IReadOnlyList<TimelineItem> Timeline)
{
    public int RecordCount => Sections.Sum(s => s.Content.Records.Count);
    public bool HasAnyRecord => Sections.Any(s => s.Content.Records.Count > 0);
}

/// <summary>
/// Asks every <see cref="IArchiveContributor"/> in <see cref="IArchiveContributor.Order"/> and merges their events into one
/// time line (by time; the learner-flow order breaks ties). Read only; the caller audits reads and reveals.
/// </summary>
public sealed class ArchiveBuilder(IEnumerable<IArchiveContributor> contributors, IAccountsApi accounts)
{
    public IReadOnlyList<IArchiveContributor> Contributors { get; } = [.. contributors.OrderBy(c => c.Order).ThenBy(c => c.Key, StringComparer.Ordinal)];

    /// <summary>Null when the user is not a learner account. With <see cref="ArchiveRequest.RevealSensitive"/> the accounts module stages a reveal audit entry.</summary>
    public async Task<LearnerArchive?> BuildAsync(ArchiveRequest request, CancellationToken ct)
    {
        var profile = await accounts.GetProfileAsync(request.LearnerId, ct);
        if (profile is null || !profile.IsLearner) return null;
        var identity = (await accounts.GetLearnerIdentitiesAsync([request.LearnerId], request.RevealSensitive, "archive", ct)).GetValueOrDefault(request.LearnerId)
                       ?? new LearnerIdentity(request.LearnerId, profile.RealName, "", profile.IdNumberMasked, false, "");
        var sections = new List<BuiltSection>();
        foreach (var c in Contributors)
            sections.Add(new(c.Key, c.Title, c.Order, await c.CollectAsync(request, ct)));
        var timeline = sections
            .SelectMany((s, i) => s.Content.Events.Select((e, j) => (Item: new TimelineItem(e, s.Key, s.Title), Section: i, Index: j)))
            .OrderBy(x => x.Item.Event.AtUtc).ThenBy(x => x.Section).ThenBy(x => x.Index)
            .Select(x => x.Item).ToList();
        return new(request, identity, sections, timeline);
    }
}
