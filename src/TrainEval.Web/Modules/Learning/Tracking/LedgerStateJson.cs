using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrainEval.Web.Modules.Learning.Ledger;

namespace TrainEval.Web.Modules.Learning.Tracking;

/// <summary>
/// Compact JSON for <see cref="LedgerState"/> (one row per learner). Explicit DTOs keep the stored shape stable when
/// the domain record changes, and handle the dictionary keys System.Text.Json cannot (DateOnly, DayUnit).
/// </summary>
public static class LedgerStateJson
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Write(LedgerState s) => JsonSerializer.Serialize(new Dto(
        s.ActiveSessionToken,
        s.LastAccepted is { } a ? new Hb(a.Sequence, a.ServerReceivedUtc, a.CourseUnitId, a.Position, a.Playing, a.Visible, a.Focused, a.PlaybackRate) : null,
        s.LatestServerUtc,
        s.Units.Select(u => new Unit(u.Key, u.Value.Segments.Select(x => new[] { x.Start, x.End }).ToList())).ToList(),
        s.InteractionCheckPassedUtc,
        s.PendingIdleGaps.Select(g => new[] { g.FromUtc, g.ToUtc }).ToList(),
        s.IdentityCheckPassedUtc,
        s.IdentityCheckFailed,
        s.CreditedPerDay.Select(d => new Day(d.Key, (long)d.Value.TotalMilliseconds)).ToList(),
        s.CreditedSinceIdentityCheck.Select(d => new DayUnitMs(d.Key.Day, d.Key.UnitId, (long)d.Value.TotalMilliseconds)).ToList()), Options);

    public static LedgerState Read(string json)
    {
        if (string.IsNullOrEmpty(json)) return LedgerState.Initial;
        var d = JsonSerializer.Deserialize<Dto>(json, Options) ?? throw new JsonException("Empty ledger state.");
        return new LedgerState
        {
            ActiveSessionToken = d.Token,
            LastAccepted = d.Last is { } h ? new AcceptedHeartbeat(h.Seq, Utc(h.At), h.Unit, h.Pos, h.Play, h.Vis, h.Foc, h.Rate) : null,
            LatestServerUtc = Utc(d.Latest),
            Units = d.Units.ToImmutableSortedDictionary(u => u.Id,
                u => new UnitProgress([.. u.Segments.Select(x => new WatchedSegment(x[0], x[1]))])),
            InteractionCheckPassedUtc = Utc(d.Interaction),
            PendingIdleGaps = [.. d.Gaps.Select(g => new IdleGap(Utc(g[0]), Utc(g[1])))],
            IdentityCheckPassedUtc = d.IdentityPassed is { } p ? Utc(p) : null,
            IdentityCheckFailed = d.IdentityFailed,
            CreditedPerDay = d.Days.ToImmutableSortedDictionary(x => x.D, x => TimeSpan.FromMilliseconds(x.Ms)),
            CreditedSinceIdentityCheck = d.SinceCheck.ToImmutableSortedDictionary(x => new DayUnit(x.Day, x.Unit), x => TimeSpan.FromMilliseconds(x.Ms)),
        };
    }

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private sealed record Dto(
        [property: JsonPropertyName("t")] string? Token,
        [property: JsonPropertyName("l")] Hb? Last,
        [property: JsonPropertyName("s")] DateTime Latest,
        [property: JsonPropertyName("u")] List<Unit> Units,
        [property: JsonPropertyName("i")] DateTime Interaction,
        [property: JsonPropertyName("g")] List<DateTime[]> Gaps,
        [property: JsonPropertyName("p")] DateTime? IdentityPassed,
        [property: JsonPropertyName("f")] bool IdentityFailed,
        [property: JsonPropertyName("d")] List<Day> Days,
        [property: JsonPropertyName("c")] List<DayUnitMs> SinceCheck);

    private sealed record Hb(long Seq, DateTime At, Guid Unit, double Pos, bool Play, bool Vis, bool Foc, double Rate);
    private sealed record Unit(Guid Id, List<double[]> Segments);
    private sealed record Day(DateOnly D, long Ms);
    private sealed record DayUnitMs(DateOnly Day, Guid Unit, long Ms);
}
