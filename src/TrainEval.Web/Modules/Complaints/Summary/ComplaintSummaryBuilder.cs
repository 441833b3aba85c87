using Microsoft.EntityFrameworkCore;

namespace TrainEval.Web.Modules.Complaints.Summary;

public sealed record CountRow(string Label, IReadOnlyList<int> PerMonth, int Total);

public sealed record RecurringIssue(string Institution, ComplaintCategory Category, int Count, int Upheld);

public sealed record ComplaintSummary(IReadOnlyList<string> Months, IReadOnlyList<CountRow> ByCategory, IReadOnlyList<CountRow> ByInstitution,
    int Total, int Open, int OverdueNow, int RepliedLate, int AcknowledgedLate, TimeSpan? AverageHandling, int Replied,
    double? AverageRating, int Rated, int Satisfied, int Reopened, IReadOnlyList<(ComplaintCategory Category, int Count)> TopCategories,
    IReadOnlyList<RecurringIssue> Recurring);

/// <summary>
/// Recurring issues for improvement (SUP-01, seed 000 §16 记录与改进): counts per category and per institution per month
/// (China time), handling time (filing → first reply), overdue and late counts, satisfaction and reopen rates, and the
/// institution × category pairs that keep coming back. A read-only projection over the complaints the user may see.
/// </summary>
public sealed class ComplaintSummaryBuilder(ComplaintScope scope)
{
    public const int RecurringThreshold = 2;

    public async Task<ComplaintSummary> BuildAsync(DateOnly fromMonth, DateOnly toMonth, DateTime nowUtc, CancellationToken ct)
    {
        var from = WorkingCalendar.StartOfChinaDayUtc(new DateOnly(fromMonth.Year, fromMonth.Month, 1));
        var to = WorkingCalendar.StartOfChinaDayUtc(new DateOnly(toMonth.Year, toMonth.Month, 1).AddMonths(1));
        var list = await scope.Visible().Where(c => c.FiledAtUtc >= from && c.FiledAtUtc < to).ToListAsync(ct);

        var months = new List<string>();
        for (var m = new DateOnly(fromMonth.Year, fromMonth.Month, 1); m <= toMonth; m = m.AddMonths(1)) months.Add($"{m:yyyy-MM}");
        string MonthOf(Complaint c) => $"{ComplaintSla.ToChina(c.FiledAtUtc):yyyy-MM}";
        CountRow Row(string label, IEnumerable<Complaint> items)
        {
            var byMonth = items.GroupBy(MonthOf).ToDictionary(g => g.Key, g => g.Count());
            var per = months.Select(m => byMonth.GetValueOrDefault(m)).ToList();
            return new CountRow(label, per, per.Sum());
        }

        var byCategory = Enum.GetValues<ComplaintCategory>().Select(cat => Row(ComplaintNames.Category(cat), list.Where(c => c.Category == cat))).ToList();
        var byInstitution = list.GroupBy(c => c.InstitutionName.Length > 0 ? c.InstitutionName : "平台（未指定机构）")
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => Row(g.Key, g)).ToList();
        var handled = list.Select(ComplaintSla.HandlingTime).Where(t => t is not null).Select(t => t!.Value).ToList();
        var rated = list.Where(c => c.Rating is not null).ToList();
        var top = list.GroupBy(c => c.Category).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key).Take(3).ToList();
        var recurring = list.GroupBy(c => (Institution: c.InstitutionName.Length > 0 ? c.InstitutionName : "平台（未指定机构）", c.Category))
            .Where(g => g.Count() >= RecurringThreshold)
            .Select(g => new RecurringIssue(g.Key.Institution, g.Key.Category, g.Count(), g.Count(c => c.Outcome is ComplaintOutcome.Upheld or ComplaintOutcome.PartlyUpheld)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Institution, StringComparer.Ordinal).ToList();

        return new ComplaintSummary(months, byCategory, byInstitution, list.Count, list.Count(c => c.IsOpen),
            list.Count(c => ComplaintSla.Status(c, nowUtc).Overdue), list.Count(c => c.RepliedLate), list.Count(c => c.AcknowledgedLate),
            handled.Count > 0 ? TimeSpan.FromTicks((long)handled.Average(t => t.Ticks)) : null, handled.Count,
            rated.Count > 0 ? rated.Average(c => c.Rating!.Value) : null, rated.Count, rated.Count(c => c.Rating >= 4),
            list.Count(c => c.ReopenCount > 0), top, recurring);
    }
}
