using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Learning.Records.Export;

/// <summary>
/// One row of the annex-2 record (广东省 每次线上培训学习过程基本信息记录): one learning session. Columns and their order are
/// fixed by the annex; <see cref="Headers"/> is the single list both the CSV and the Excel file use.
/// </summary>
public sealed class AnnexRow
{
    public static readonly IReadOnlyList<string> Headers =
        ["姓名", "证件类型", "证件号码", "登录账户", "课程名称", "课程时长(min)", "学习时间记录", "有效学习时长(min)", "IP地址"];

    [ExcelColumn(Name = "姓名", Index = 0, Width = 12)] public string Name { get; init; } = "";
    [ExcelColumn(Name = "证件类型", Index = 1, Width = 14)] public string IdType { get; init; } = "";
    [ExcelColumn(Name = "证件号码", Index = 2, Width = 22)] public string IdNumber { get; init; } = "";
    [ExcelColumn(Name = "登录账户", Index = 3, Width = 22)] public string Account { get; init; } = "";
    [ExcelColumn(Name = "课程名称", Index = 4, Width = 36)] public string Course { get; init; } = "";
    [ExcelColumn(Name = "课程时长(min)", Index = 5, Width = 14)] public int CourseMinutes { get; init; }
    [ExcelColumn(Name = "学习时间记录", Index = 6, Width = 22)] public string LearnedAt { get; init; } = "";
    [ExcelColumn(Name = "有效学习时长(min)", Index = 7, Width = 18)] public long EffectiveMinutes { get; init; }
    [ExcelColumn(Name = "IP地址", Index = 8, Width = 18)] public string Ip { get; init; } = "";

    public IEnumerable<string> Cells() =>
    [
        Name, IdType, IdNumber, Account, Course, CourseMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture), LearnedAt,
        EffectiveMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture), Ip,
    ];
}

public enum ExportFormat { Csv, Xlsx }

/// <summary>A page of the staff preview (ID numbers always masked there).</summary>
public sealed record AnnexPage(IReadOnlyList<AnnexRow> Rows, int Total, int Page, int Pages);

/// <summary>An export that passed its checks and is audited: the rows to stream once, in time order.</summary>
public sealed record PreparedExport(int Count, bool Revealed, IAsyncEnumerable<AnnexRow> Rows);

/// <summary>
/// LRN-07 annex-2 exports for staff: learning sessions of the courses the user may see, filtered by Beijing dates,
/// project, institution and learner. Replays (回看) are not training and are left out. ID numbers are masked unless the
/// user holds <see cref="Permissions.Accounts.RevealSensitive"/> and asks; every export and every reveal is audited
/// before the first row leaves. Rows are streamed from the database, never collected in a list.
/// </summary>
public sealed class AnnexExport(AppDbContext db, RecordScopes scopes, IAccountsApi accounts, AuditLog audit, CurrentUser me, IOptions<RecordsOptions> options)
{
    /// <summary>Learner search results taken into a filter at most.</summary>
    public const int MaxLearnerMatches = 1000;
    public const string RevealPurpose = "学习过程记录导出（附件2）";

    public Task<StaffScope> ScopeAsync(CancellationToken ct) => scopes.LoadAsync(ct);

    public async Task<AnnexPage> PreviewAsync(StaffScope scope, RecordFilter filter, int page, CancellationToken ct)
    {
        var (query, courses) = await QueryAsync(scope, filter, ct);
        var total = await query.CountAsync(ct);
        var size = options.Value.PageSize;
        var pages = Math.Max(1, (total + size - 1) / size);
        page = Math.Clamp(page, 1, pages);
        var sessions = await query.OrderByDescending(s => s.StartedAtUtc).ThenBy(s => s.Id).Skip((page - 1) * size).Take(size)
            .Select(s => new SessionFacts(s.LearnerId, s.CourseId, s.StartedAtUtc, s.CreditedMs, s.Ip)).ToListAsync(ct);
        var identities = await accounts.GetLearnerIdentitiesAsync([.. sessions.Select(s => s.LearnerId).Distinct()], reveal: false, "", ct);
        return new AnnexPage([.. sessions.Select(s => Row(s, courses, identities))], total, page, pages);
    }

    /// <summary>Checks the size and the reveal permission, audits the export (and the reveal), saves, and hands back the row stream.</summary>
    public async Task<(PreparedExport? Export, string? Error)> PrepareAsync(StaffScope scope, RecordFilter filter, ExportFormat format, bool reveal,
        CancellationToken ct)
    {
        if (reveal && !me.Has(Permissions.Accounts.RevealSensitive)) return (null, "您没有查看完整证件号码的权限，请取消勾选“显示完整证件号码”后再导出。");
        var (query, courses) = await QueryAsync(scope, filter, ct);
        var count = await query.CountAsync(ct);
        var max = options.Value.ExportMaxRows;
        if (count > max)
            return (null, $"符合条件的学习过程记录有 {count} 条，超过单次导出上限 {max} 条。请缩小时间范围，或按项目、机构、学员分别导出。");
        var learnerIds = await query.Select(s => s.LearnerId).Distinct().ToListAsync(ct);
        var identities = await accounts.GetLearnerIdentitiesAsync(learnerIds, reveal, RevealPurpose, ct);
        audit.Record("learning.records_exported", "learning_records", "annex-2",
            new { format = format.ToString().ToLowerInvariant(), filters = filter.Describe(), rows = count, learners = learnerIds.Count, masked = !reveal },
            filter.InstitutionId ?? me.PrimaryTenantId);
        await db.SaveChangesAsync(ct);
        return (new PreparedExport(count, reveal, Stream(query, courses, identities, ct)), null);
    }

    public static async Task WriteCsvAsync(Stream output, IAsyncEnumerable<AnnexRow> rows, CancellationToken ct)
    {
        await output.WriteAsync(CsvFormat.Utf8WithBom.GetPreamble(), ct);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(CsvFormat.Line(AnnexRow.Headers));
        await foreach (var row in rows.WithCancellation(ct)) await writer.WriteAsync(CsvFormat.Line(row.Cells()));
        await writer.FlushAsync(ct);
    }

    /// <summary>Writes the workbook (one sheet, header row, typed number columns) to a seekable stream.</summary>
    public static Task WriteXlsxAsync(Stream output, IAsyncEnumerable<AnnexRow> rows, CancellationToken ct)
        => output.SaveAsAsync(rows, printHeader: true, sheetName: "学习过程记录", excelType: ExcelType.XLSX, cancellationToken: ct);

    private sealed record SessionFacts(Guid LearnerId, Guid CourseId, DateTime StartedAtUtc, long CreditedMs, string Ip);

    private async IAsyncEnumerable<AnnexRow> Stream(IQueryable<LearningSession> query, IReadOnlyDictionary<Guid, ScopedCourse> courses,
        IReadOnlyDictionary<Guid, LearnerIdentity> identities, [EnumeratorCancellation] CancellationToken ct)
    {
        var rows = query.OrderBy(s => s.StartedAtUtc).ThenBy(s => s.Id)
            .Select(s => new SessionFacts(s.LearnerId, s.CourseId, s.StartedAtUtc, s.CreditedMs, s.Ip)).AsAsyncEnumerable();
        await foreach (var s in rows.WithCancellation(ct)) yield return Row(s, courses, identities);
    }

    private static AnnexRow Row(SessionFacts s, IReadOnlyDictionary<Guid, ScopedCourse> courses, IReadOnlyDictionary<Guid, LearnerIdentity> identities)
    {
        var course = courses.GetValueOrDefault(s.CourseId);
        var who = identities.GetValueOrDefault(s.LearnerId);
        return new AnnexRow
        {
            Name = who?.RealName ?? "", IdType = who?.IdTypeName ?? "", IdNumber = who?.IdNumber ?? "", Account = who?.Account ?? "",
            Course = course?.Course.Title ?? "", CourseMinutes = course?.Minutes ?? 0, LearnedAt = RecordFormats.AnnexTime(s.StartedAtUtc),
            EffectiveMinutes = RecordFormats.WholeMinutes(s.CreditedMs), Ip = s.Ip,
        };
    }

    /// <summary>Sessions of the visible courses matching the filter, not yet ordered.</summary>
    private async Task<(IQueryable<LearningSession> Query, IReadOnlyDictionary<Guid, ScopedCourse> Courses)> QueryAsync(StaffScope scope,
        RecordFilter filter, CancellationToken ct)
    {
        var courses = filter.Apply(scope).ToDictionary(c => c.Id);
        var ids = courses.Keys.ToList();
        var q = db.Set<LearningSession>().AsNoTracking().Where(s => ids.Contains(s.CourseId) && !s.IsReplay);
        if (filter.From is { } from)
        {
            var fromUtc = RecordFormats.BeijingMidnightUtc(from);
            q = q.Where(s => s.StartedAtUtc >= fromUtc);
        }
        if (filter.To is { } to)
        {
            var toUtc = RecordFormats.BeijingMidnightUtc(to.AddDays(1));
            q = q.Where(s => s.StartedAtUtc < toUtc);
        }
        if (filter.Learner.Length > 0)
        {
            var learners = await accounts.FindLearnerIdsAsync(filter.Learner, MaxLearnerMatches, ct);
            q = q.Where(s => learners.Contains(s.LearnerId));
        }
        return (q, courses);
    }
}
