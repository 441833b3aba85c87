using System.Globalization;

namespace TrainEval.Web.Modules.Learning.Records;

public enum TrendGranularity { Day, Week, Month }

/// <summary>One bar: a Beijing-day range and the effective milliseconds credited in it.</summary>
public sealed record TrendBucket(DateOnly From, DateOnly To, string Label, string LongLabel, long Ms)
{
    public double Minutes => Ms / 60_000.0;
}

/// <summary>
/// Buckets of effective time by Beijing calendar day, Monday-first week or calendar month (SUP-03 trends). Ledger rows
/// are already split at Beijing midnight and carry their Beijing day, so a day bucket is exact.
/// </summary>
public static class Trend
{
    /// <summary>At most this many bars in one chart.</summary>
    public const int MaxBuckets = 92;

    public static string Name(TrendGranularity g) => g switch { TrendGranularity.Week => "按周", TrendGranularity.Month => "按月", _ => "按日" };

    /// <summary>How many bars the range gives; callers refuse ranges above <see cref="MaxBuckets"/>.</summary>
    public static int Count(DateOnly from, DateOnly to, TrendGranularity g) => to < from ? 0 : g switch
    {
        TrendGranularity.Week => (RecordFormats.WeekStart(to).DayNumber - RecordFormats.WeekStart(from).DayNumber) / 7 + 1,
        TrendGranularity.Month => (to.Year - from.Year) * 12 + to.Month - from.Month + 1,
        _ => to.DayNumber - from.DayNumber + 1,
    };

    public static IReadOnlyList<TrendBucket> Build(IReadOnlyDictionary<DateOnly, long> msPerDay, DateOnly from, DateOnly to, TrendGranularity g)
    {
        var buckets = new List<TrendBucket>();
        var start = g switch
        {
            TrendGranularity.Week => RecordFormats.WeekStart(from),
            TrendGranularity.Month => new DateOnly(from.Year, from.Month, 1),
            _ => from,
        };
        while (start <= to)
        {
            var next = g switch
            {
                TrendGranularity.Week => start.AddDays(7),
                TrendGranularity.Month => start.AddMonths(1),
                _ => start.AddDays(1),
            };
            // The first and last buckets are clipped to the chosen range.
            var lo = start < from ? from : start;
            var hi = next.AddDays(-1) > to ? to : next.AddDays(-1);
            long ms = 0;
            for (var d = lo; d <= hi; d = d.AddDays(1)) ms += msPerDay.GetValueOrDefault(d);
            var (label, longLabel) = g switch
            {
                TrendGranularity.Week => (start.ToString("MM-dd", CultureInfo.InvariantCulture),
                    $"{lo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 至 {hi.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"),
                TrendGranularity.Month => (start.ToString("yyyy-MM", CultureInfo.InvariantCulture), start.ToString("yyyy 年 M 月", CultureInfo.InvariantCulture)),
                _ => (start.ToString("MM-dd", CultureInfo.InvariantCulture), start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            };
            buckets.Add(new TrendBucket(lo, hi, label, longLabel, ms));
            start = next;
        }
        return buckets;
    }
}

/// <summary>
/// Geometry of a server-rendered SVG bar chart (no script, no chart library); the partial <c>_TrendChart.cshtml</c> draws
/// it with Razor, so every text is encoded. Values are minutes.
/// </summary>
public sealed class TrendChart
{
    public const double Width = 760, Height = 260, Left = 56, Right = 12, Top = 16, Bottom = 44;

    public sealed record Bar(double X, double Y, double W, double H, string Label, string Tooltip, bool ShowLabel, long Ms);
    public sealed record Tick(double Y, string Label);

    public string Id { get; }
    public string Title { get; }
    public string XAxisLabel { get; }
    public string YAxisLabel { get; } = "有效学习时长（分钟）";
    public IReadOnlyList<Bar> Bars { get; }
    public IReadOnlyList<Tick> Ticks { get; }
    public string Summary { get; }
    public double PlotBottom => Height - Bottom;
    public double PlotRight => Width - Right;

    public TrendChart(string id, string title, TrendGranularity g, IReadOnlyList<TrendBucket> buckets)
    {
        Id = id;
        Title = title;
        XAxisLabel = g switch { TrendGranularity.Week => "周（起始日）", TrendGranularity.Month => "月份", _ => "日期" };
        var max = buckets.Count == 0 ? 0 : buckets.Max(b => b.Minutes);
        var step = NiceStep(max / 4);
        var top = Math.Max(step * 4, step);
        var plotH = Height - Top - Bottom;
        var plotW = Width - Left - Right;
        var slot = buckets.Count == 0 ? plotW : plotW / buckets.Count;
        var every = Math.Max(1, (int)Math.Ceiling(buckets.Count / 12.0)); // at most about 12 axis labels
        Bars = [.. buckets.Select((b, i) =>
        {
            var h = top <= 0 ? 0 : plotH * b.Minutes / top;
            var w = Math.Max(1, slot * 0.7);
            return new Bar(Left + i * slot + (slot - w) / 2, Top + plotH - h, w, h, b.Label,
                $"{b.LongLabel}：{RecordFormats.Minutes(b.Ms)} 分钟", i % every == 0, b.Ms);
        })];
        Ticks = [.. Enumerable.Range(0, 5).Select(k => new Tick(Top + plotH - plotH * k / 4.0,
            (top * k / 4).ToString("0.#", CultureInfo.InvariantCulture)))];
        var total = buckets.Sum(b => b.Ms);
        Summary = buckets.Count == 0 ? "所选时间段内没有数据。"
            : $"{Date(buckets[0].From)} 至 {Date(buckets[^1].To)}，共 {buckets.Count} 个时段，合计 {RecordFormats.Minutes(total)} 分钟，最高 {RecordFormats.Minutes(buckets.Max(b => b.Ms))} 分钟。";
    }

    /// <summary>A coordinate for SVG attributes (invariant culture).</summary>
    public static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>1, 2 or 5 × 10ⁿ at or above <paramref name="raw"/> (at least 1 minute).</summary>
    public static double NiceStep(double raw)
    {
        if (raw <= 1) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }
}
