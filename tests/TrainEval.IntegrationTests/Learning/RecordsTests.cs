using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PdfSharp.Pdf.IO;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Learning.Completion;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Ledger;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Crypto;
using static TrainEval.IntegrationTests.Learning.RecordsData;

namespace TrainEval.IntegrationTests.Learning;

/// <summary>Learning records, annex-2 exports, the printable record and statistics (LRN-06, LRN-07, SUP-03). Learners 700–749.</summary>
public sealed class RecordsTests : IClassFixture<TestAppFixture>
{
    private const string RecordsUrl = "/workbench/learning/records";
    private const string Header = "姓名,证件类型,证件号码,登录账户,课程名称,课程时长(min),学习时间记录,有效学习时长(min),IP地址";
    private static readonly TimeSpan M = TimeSpan.FromMinutes(1);
    private readonly TestApp app;
    public RecordsTests(TestAppFixture fixture) => app = fixture.App;

    private static DateTime Utc(int month, int day, int hour, int minute = 0, int second = 0) => new(2026, month, day, hour, minute, second, DateTimeKind.Utc);

    private async Task<HttpClient> StaffAsync(string login)
    {
        var c = app.Browser();
        EnrollmentFlow.Redirects(await c.LoginAsync(login));
        return c;
    }

    private Task<Guid> TrainingInstitutionAsync() => app.WithDbAsync(db =>
        db.Set<Web.Modules.Enrollment.Project>().Where(p => p.Code == EnrollmentFlow.Project).Select(p => p.TrainingInstitutionId).SingleAsync());

    private static Task<HttpResponseMessage> ExportAsync(HttpClient c, string handler, Dictionary<string, string> fields)
        => c.PostFormAsync(RecordsUrl, fields, handler);

    /// <summary>The CSV's records (BOM checked and removed), header first.</summary>
    private static async Task<string[]> CsvAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text);
        return text[..^2].Split("\r\n");
    }

    private Task<List<AuditEntry>> AuditAsync(string action) => app.WithDbAsync(db =>
        db.Set<AuditEntry>().Where(a => a.Action == action).OrderByDescending(a => a.Id).ToListAsync());

    private static string Cell(string html, string rowMarker, string testId)
    {
        var at = html.IndexOf(rowMarker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"row {rowMarker} not found");
        var m = Regex.Match(html[at..], $"data-testid=\"{testId}\"[^>]*>([^<]*)<");
        Assert.True(m.Success, $"{testId} not found after {rowMarker}");
        return WebUtility.HtmlDecode(m.Groups[1].Value).Trim();
    }

    // ---------- LRN-06: the learner's own records ----------

    [Fact]
    public async Task LRN_06_learner_sees_own_sessions_with_explanation_rows_grouped_by_reason()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "701");
        var course = await DemoCourseAsync(app);
        var unit = (await UnitsAsync(app, course.Id))[0];
        var session = await SessionAsync(app, learner.LearnerId, course, unit.Id, Utc(11, 24, 1), [
            (LedgerReason.Baseline, TimeSpan.Zero), (LedgerReason.Credited, 5 * M), (LedgerReason.Hidden, M), (LedgerReason.Credited, 2 * M),
            (LedgerReason.Seek, TimeSpan.FromSeconds(30)), (LedgerReason.FaceCheckFailed, -M)], ip: "198.51.100.23");
        await SessionAsync(app, learner.LearnerId, course, unit.Id, Utc(11, 24, 6), [], replay: true);

        var page = await learner.Client.GetStringAsync($"/my/courses/{learner.ProjectId}/records");

        Assert.Equal(2, Regex.Count(page, "data-testid=\"records-session\""));
        Assert.Contains("2026-11-24 09:00:00", page);                  // course entry in Beijing time
        Assert.Contains("198.51.100.23", page);
        Assert.Contains("Windows 电脑 · Chrome 120", page);
        Assert.Contains("data-testid=\"records-replay\"", page);
        Assert.Contains("<div class=\"num\" data-testid=\"records-effective\">6 分 00 秒</div>", page);  // 5 + 2 − 1 (void)
        Assert.Contains("<div class=\"num\" data-testid=\"records-replays\">1 次</div>", page);
        Assert.Contains("data-label=\"11-24\" data-minutes=\"6\"", page);  // own trend, Beijing day
        Assert.Contains("data-testid=\"records-print-locked\"", page);    // rule not met yet
        Assert.Contains(unit.Title, page);

        var detail = await learner.Client.GetStringAsync($"/my/courses/{learner.ProjectId}/records/{session.Id}");
        Assert.Equal("7 分 00 秒", Cell(detail, "data-code=\"credited\"", "session-reason-duration"));
        Assert.Contains("计入有效学时", detail);
        Assert.Equal("1 分 00 秒", Cell(detail, "data-code=\"hidden\"", "session-reason-duration"));
        Assert.Contains("页面切出/失去焦点", detail);
        Assert.Equal("30 秒", Cell(detail, "data-code=\"seek\"", "session-reason-duration"));
        Assert.Contains("拖动进度", detail);
        Assert.Equal("-1 分 00 秒", Cell(detail, "data-code=\"face-check-failed\"", "session-reason-duration"));
        Assert.Contains("人脸核验未通过", detail);
        Assert.Contains("计时起点", detail);
        Assert.Equal(6, Regex.Count(detail, "data-testid=\"session-line\""));
        Assert.Contains("打开学习页面", detail);
        Assert.Equal("6 分 00 秒", Regex.Match(detail, "data-testid=\"session-credited\">([^<]*)<").Groups[1].Value);

        // Own data only: another learner of the same course gets nothing.
        var other = await LearningFlow.ActivatedLearnerAsync(app, "702");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/my/courses/{learner.ProjectId}/records/{session.Id}")).StatusCode);
        var otherPage = await other.Client.GetStringAsync($"/my/courses/{learner.ProjectId}/records");
        Assert.DoesNotContain("198.51.100.23", otherPage);
        Assert.Contains("data-testid=\"records-no-sessions\"", otherPage);
    }

    // ---------- LRN-07: the printable learning record ----------

    [Fact]
    public async Task LRN_07_learning_record_pdf_is_refused_until_the_completion_rule_is_met_then_served()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "703");
        var course = await DemoCourseAsync(app);
        var unit = (await UnitsAsync(app, course.Id))[0];
        await SessionAsync(app, learner.LearnerId, course, unit.Id, Utc(11, 24, 2), [(LedgerReason.Credited, 20 * M)]);
        var url = $"/my/courses/{learner.ProjectId}/records.pdf";

        var refused = await learner.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"records-pdf-refused\"", html);
        Assert.Contains("data-code=\"units\"", html);

        await CompleteAsync(app, learner.LearnerId, course, app.Clock.GetUtcNow().UtcDateTime);
        var records = await learner.Client.GetStringAsync($"/my/courses/{learner.ProjectId}/records");
        Assert.Contains("data-testid=\"records-print\"", records);

        var served = await learner.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/pdf", served.Content.Headers.ContentType?.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        Assert.True(bytes.Length > 10_000, $"{bytes.Length} bytes");
        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.Equal($"学习记录 {Name("703")} {course.Title}", pdf.Info.Title);
        var printed = (await AuditAsync("learning.record_printed")).First();
        Assert.Contains(learner.LearnerId.ToString(), printed.Detail);
    }

    // ---------- LRN-07: annex-2 export ----------

    [Fact]
    public async Task LRN_07_csv_and_excel_have_the_annex_headers_and_one_exact_row_per_session()
    {
        var client = await EnrollmentFlow.NewLearnerAsync(app, "704");
        var user = await UserAsync(app, Name("704"));
        var course = await DemoCourseAsync(app);
        var unit = (await UnitsAsync(app, course.Id))[0];
        // 15:20:36 Beijing; 25 min 50 s effective → 25 whole minutes.
        await SessionAsync(app, user.Id, course, unit.Id, Utc(11, 24, 7, 20, 36), [(LedgerReason.Credited, TimeSpan.FromSeconds(25 * 60 + 50)), (LedgerReason.Idle, 3 * M)],
            ip: "203.0.113.4");
        var courseMinutes = (int)Math.Round((await UnitsAsync(app, course.Id)).Where(u => u.Required).Sum(u => u.DurationSeconds) / 60, MidpointRounding.AwayFromZero);
        var masked = Masking.IdNumber(People.Id("440106", "19960505", "704"));
        var expected = $"{Name("704")},居民身份证,{masked},{user.UserName},{course.Title},{courseMinutes},\"2026-11-24, 15:20:36\",25,203.0.113.4";
        var admin = await StaffAsync("train.admin");
        var filter = new Dictionary<string, string> { ["Learner"] = Name("704") };

        var csv = await CsvAsync(await ExportAsync(admin, "Csv", filter));
        Assert.Equal([Header, expected], csv);

        var xlsx = await ExportAsync(admin, "Xlsx", filter);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(Header.Split(','), row.Keys);
        Assert.Equal(Name("704"), row["姓名"]);
        Assert.Equal("居民身份证", row["证件类型"]);
        Assert.Equal(masked, row["证件号码"]);
        Assert.Equal(user.UserName, row["登录账户"]);
        Assert.Equal(course.Title, row["课程名称"]);
        Assert.Equal(courseMinutes, Convert.ToInt32(row["课程时长(min)"]));
        Assert.Equal("2026-11-24, 15:20:36", row["学习时间记录"]);
        Assert.Equal(25, Convert.ToInt32(row["有效学习时长(min)"]));
        Assert.Equal("203.0.113.4", row["IP地址"]);

        // The preview shows the same row, masked.
        var preview = await admin.GetStringAsync($"{RecordsUrl}?Learner={Uri.EscapeDataString(Name("704"))}");
        Assert.Contains("2026-11-24, 15:20:36", preview);
        Assert.Contains(masked, preview);
    }

    [Fact]
    public async Task LRN_07_id_numbers_are_masked_by_default_and_revealed_only_with_the_permission_and_audited()
    {
        await EnrollmentFlow.NewLearnerAsync(app, "708");
        var user = await UserAsync(app, Name("708"));
        var course = await DemoCourseAsync(app);
        await SessionAsync(app, user.Id, course, (await UnitsAsync(app, course.Id))[0].Id, Utc(11, 24, 3), [(LedgerReason.Credited, 10 * M)]);
        var full = People.Id("440106", "19960505", "708");
        var masked = Masking.IdNumber(full);
        var filter = new Dictionary<string, string> { ["Learner"] = Name("708") };
        var admin = await StaffAsync("train.admin");

        var plain = await CsvAsync(await ExportAsync(admin, "Csv", filter));
        Assert.Contains(masked, plain[1]);
        Assert.DoesNotContain(full, plain[1]);
        var exported = (await AuditAsync("learning.records_exported")).First();
        Assert.Contains("\"masked\":true", exported.Detail);
        Assert.Contains("\"rows\":1", exported.Detail);
        Assert.Contains(Name("708"), exported.Detail);   // the filters are recorded

        var revealsBefore = (await AuditAsync("sensitive.revealed")).Count;
        var revealed = await CsvAsync(await ExportAsync(admin, "Csv", new(filter) { ["Reveal"] = "true" }));
        Assert.Contains(full, revealed[1]);
        var reveal = (await AuditAsync("sensitive.revealed")).First();
        Assert.Equal(revealsBefore + 1, (await AuditAsync("sensitive.revealed")).Count);
        Assert.Contains("\"count\":1", reveal.Detail);
        Assert.Contains("学习过程记录导出", reveal.Detail);
        Assert.Contains(user.Id.ToString(), reveal.Detail);
        Assert.Contains("\"masked\":false", (await AuditAsync("learning.records_exported")).First().Detail);

        // A teacher may export but not reveal: the request is refused and nothing is exported or revealed.
        var teacher = await StaffAsync("train.teacher");
        Assert.DoesNotContain("data-testid=\"records-reveal\"", await teacher.GetStringAsync(RecordsUrl));
        var exportsBefore = (await AuditAsync("learning.records_exported")).Count;
        var refused = await ExportAsync(teacher, "Csv", new(filter) { ["Reveal"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("没有查看完整证件号码的权限", await refused.Content.ReadAsStringAsync());
        Assert.Equal(exportsBefore, (await AuditAsync("learning.records_exported")).Count);
        Assert.Equal(revealsBefore + 1, (await AuditAsync("sensitive.revealed")).Count);
        var teacherCsv = await CsvAsync(await ExportAsync(teacher, "Csv", filter));
        Assert.Contains(masked, teacherCsv[1]);
    }

    [Fact]
    public async Task LRN_07_export_filters_by_beijing_dates_project_institution_and_learner()
    {
        await EnrollmentFlow.NewLearnerAsync(app, "706");
        var user = await UserAsync(app, Name("706"));
        var demo = await DemoCourseAsync(app);
        var institution = await TrainingInstitutionAsync();
        var other = await CourseAsync(app, institution, "筛选测试课程", CourseRules.Default, (UnitKind.Video, "视频", 600));
        var demoUnit = (await UnitsAsync(app, demo.Id))[0].Id;
        var otherUnit = (await UnitsAsync(app, other.Id))[0].Id;
        await SessionAsync(app, user.Id, demo, demoUnit, Utc(11, 23, 15, 59, 59), [(LedgerReason.Credited, M)], ip: "192.0.2.1");  // 11-23 23:59:59 Beijing
        await SessionAsync(app, user.Id, demo, demoUnit, Utc(11, 23, 16, 30), [(LedgerReason.Credited, M)], ip: "192.0.2.2");      // 11-24 00:30 Beijing
        await SessionAsync(app, user.Id, other, otherUnit, Utc(11, 24, 5), [(LedgerReason.Credited, M)], ip: "192.0.2.3");
        await SessionAsync(app, user.Id, demo, demoUnit, Utc(11, 24, 8), [], ip: "192.0.2.4", replay: true);                      // replays are not training
        var admin = await StaffAsync("train.admin");

        async Task<string[]> Ips(Dictionary<string, string> f)
            => [.. (await CsvAsync(await ExportAsync(admin, "Csv", f))).Skip(1).Select(l => l.Split(',')[^1]).Order()];

        var byName = new Dictionary<string, string> { ["Learner"] = Name("706") };
        Assert.Equal(["192.0.2.1", "192.0.2.2", "192.0.2.3"], await Ips(byName));
        Assert.Equal(["192.0.2.1", "192.0.2.2", "192.0.2.3"], await Ips(new() { ["Learner"] = user.UserName! }));
        Assert.Equal(["192.0.2.2", "192.0.2.3"], await Ips(new(byName) { ["From"] = "2026-11-24", ["To"] = "2026-11-24" }));
        Assert.Equal(["192.0.2.1"], await Ips(new(byName) { ["To"] = "2026-11-23" }));
        Assert.Equal(["192.0.2.3"], await Ips(new(byName) { ["ProjectId"] = other.ProjectId.ToString() }));
        Assert.Equal(["192.0.2.1", "192.0.2.2"], await Ips(new(byName) { ["ProjectId"] = demo.ProjectId.ToString() }));
        Assert.Equal(3, (await Ips(new(byName) { ["InstitutionId"] = institution.ToString() })).Length);
        Assert.Empty(await Ips(new(byName) { ["InstitutionId"] = Guid.NewGuid().ToString() }));

        // Bad dates change nothing and say why.
        var bad = await ExportAsync(admin, "Csv", new(byName) { ["From"] = "2026-11-25", ["To"] = "2026-11-24" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("结束日期不能早于开始日期", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LRN_07_formula_injection_is_neutralised_in_csv_and_excel_keeps_it_as_text()
    {
        await EnrollmentFlow.NewLearnerAsync(app, "707");
        var user = await UserAsync(app, Name("707"));
        var course = await DemoCourseAsync(app);
        const string evil = "=HYPERLINK(\"http://evil.example\",\"x\")";
        await SessionAsync(app, user.Id, course, (await UnitsAsync(app, course.Id))[0].Id, Utc(11, 24, 4), [(LedgerReason.Credited, M)], ip: evil);
        var admin = await StaffAsync("train.admin");
        var filter = new Dictionary<string, string> { ["Learner"] = Name("707") };

        var csv = await CsvAsync(await ExportAsync(admin, "Csv", filter));
        Assert.EndsWith(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", csv[1]);

        var bytes = await (await ExportAsync(admin, "Xlsx", filter)).Content.ReadAsByteArrayAsync();
        var row = Assert.Single(MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object>>());
        Assert.Equal(evil, row["IP地址"]);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(sheet.Open());
            Assert.DoesNotMatch("<(\\w+:)?f[ >]", await reader.ReadToEndAsync()); // no formula cell anywhere
        }
    }

    [Fact]
    public async Task LRN_07_staff_see_only_their_institutions_records_and_the_regulator_sees_all()
    {
        await EnrollmentFlow.NewLearnerAsync(app, "705");
        var user = await UserAsync(app, Name("705"));
        var elsewhere = await CourseAsync(app, Guid.NewGuid(), "外机构课程", CourseRules.Default, (UnitKind.Video, "视频", 600));
        await SessionAsync(app, user.Id, elsewhere, (await UnitsAsync(app, elsewhere.Id))[0].Id, Utc(11, 24, 5), [(LedgerReason.Credited, 2 * M)]);
        var filter = new Dictionary<string, string> { ["Learner"] = Name("705") };

        var admin = await StaffAsync("train.admin");
        Assert.Equal([Header], await CsvAsync(await ExportAsync(admin, "Csv", filter)));
        Assert.Equal([Header], await CsvAsync(await ExportAsync(admin, "Csv", new(filter) { ["ProjectId"] = elsewhere.ProjectId.ToString() })));
        Assert.DoesNotContain(elsewhere.ProjectId.ToString(), await admin.GetStringAsync($"/workbench/learning/statistics"));

        var regulator = await StaffAsync("regulator");
        var all = await CsvAsync(await ExportAsync(regulator, "Csv", filter));
        Assert.Equal(2, all.Length);
        Assert.Contains("外机构课程", all[1]);
        Assert.Contains(elsewhere.ProjectId.ToString(), await regulator.GetStringAsync($"/workbench/learning/statistics"));

        var evaluation = await StaffAsync("eval.admin");
        var denied = await evaluation.GetAsync(RecordsUrl);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("AccessDenied", denied.Headers.Location!.OriginalString);
        Assert.DoesNotContain("tile-learning-records", await evaluation.GetStringAsync("/workbench"));
        Assert.Contains("tile-learning-records", await admin.GetStringAsync("/workbench"));
    }

    [Fact]
    public async Task LRN_07_an_export_above_the_row_cap_is_refused_with_a_clear_message()
    {
        await EnrollmentFlow.NewLearnerAsync(app, "709");
        var user = await UserAsync(app, Name("709"));
        var course = await DemoCourseAsync(app);
        var unit = (await UnitsAsync(app, course.Id))[0].Id;
        await SessionAsync(app, user.Id, course, unit, Utc(11, 24, 1), [(LedgerReason.Credited, M)]);
        await SessionAsync(app, user.Id, course, unit, Utc(11, 24, 2), [(LedgerReason.Credited, M)]);
        using var capped = app.WithWebHostBuilder(b => b.UseSetting("Modules:Learning:Records:ExportMaxRows", "1"));
        var admin = capped.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        EnrollmentFlow.Redirects(await admin.LoginAsync("train.admin"));
        var exportsBefore = (await AuditAsync("learning.records_exported")).Count;

        var refused = await ExportAsync(admin, "Xlsx", new() { ["Learner"] = Name("709") });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("符合条件的学习过程记录有 2 条，超过单次导出上限 1 条", await refused.Content.ReadAsStringAsync());
        Assert.Equal(exportsBefore, (await AuditAsync("learning.records_exported")).Count);
    }

    // ---------- SUP-03: statistics ----------

    [Fact]
    public async Task SUP_03_statistics_count_learners_by_status_and_sum_time_in_beijing_day_buckets()
    {
        var institution = await TrainingInstitutionAsync();
        var rules = CourseRules.Default with { RequiredMinutes = 10 };
        var course = await CourseAsync(app, institution, "统计测试课程", rules, (UnitKind.Video, "统计视频", 600));
        var unit = (await UnitsAsync(app, course.Id))[0].Id;
        var ids = new Dictionary<string, Guid>();
        foreach (var seq in new[] { "720", "721", "722", "723", "724" })
        {
            await EnrollmentFlow.NewLearnerAsync(app, seq);
            ids[seq] = (await UserAsync(app, Name(seq))).Id;
        }
        // 720 completed: 8 min on 11-23 (23:52–24:00 Beijing) and 4 min on 11-24, unit done.
        await ActivationAsync(app, ids["720"], course.ProjectId, 30);
        await SessionAsync(app, ids["720"], course, unit, Utc(11, 23, 15, 52), [(LedgerReason.Credited, 8 * M), (LedgerReason.Credited, 4 * M)]);
        await CompleteAsync(app, ids["720"], course, Utc(11, 24, 1));
        // 721 in progress: 5 min on 11-24.
        await ActivationAsync(app, ids["721"], course.ProjectId, 30);
        await SessionAsync(app, ids["721"], course, unit, Utc(11, 24, 2), [(LedgerReason.Credited, 5 * M)]);
        // 722 not started: opened the page, nothing credited.
        await ActivationAsync(app, ids["722"], course.ProjectId, 30);
        await SessionAsync(app, ids["722"], course, unit, Utc(11, 24, 3), [(LedgerReason.Hidden, 3 * M)]);
        // 723 quit after start: 3 min on 11-20, then refunded.
        await ActivationAsync(app, ids["723"], course.ProjectId, 30, closeReason: "退费");
        await SessionAsync(app, ids["723"], course, unit, Utc(11, 20, 2), [(LedgerReason.Credited, 3 * M)]);
        // 724 quit before start: the validity ran out unused.
        await ActivationAsync(app, ids["724"], course.ProjectId, 0);

        var admin = await StaffAsync("train.admin");
        var url = $"/workbench/learning/statistics?ProjectId={course.ProjectId}&From=2026-11-20&To=2026-11-24&By=Day";
        var html = await admin.GetStringAsync(url);
        var row = $"data-project=\"{course.ProjectId}\"";
        Assert.Equal("5", Cell(html, row, "stat-enrolled"));
        Assert.Equal("1", Cell(html, row, "stat-completed"));
        Assert.Equal("1", Cell(html, row, "stat-in-progress"));
        Assert.Equal("1", Cell(html, row, "stat-not-started"));
        Assert.Equal("1", Cell(html, row, "stat-quit-after"));
        Assert.Equal("1", Cell(html, row, "stat-quit-before"));
        Assert.Equal("20", Cell(html, row, "stat-cumulative"));
        Assert.Equal("4", Cell(html, row, "stat-average"));
        Assert.Equal("20", Cell(html, row, "stat-period"));
        var bars = Regex.Matches(html, "data-label=\"([^\"]+)\" data-minutes=\"([^\"]+)\"").Select(m => $"{m.Groups[1].Value}={m.Groups[2].Value}");
        Assert.Equal(["11-20=3", "11-21=0", "11-22=0", "11-23=8", "11-24=9"], bars);
        Assert.Contains("<title id=\"stat-trend-title\">有效学习时长趋势（按日）</title>", html);

        var learner = $"data-learner=\"{ids["720"]}\"";
        Assert.Equal("已完成", Cell(html, learner, "stat-learner-status"));
        Assert.Equal("12", Cell(html, learner, "stat-learner-cumulative"));
        Assert.Equal("6", Cell(html, learner, "stat-learner-daily"));   // 12 min over 2 active days
        Assert.Equal("12", Cell(html, learner, "stat-learner-7d"));
        Assert.Equal("开始后退出", Cell(html, $"data-learner=\"{ids["723"]}\"", "stat-learner-status"));
        Assert.Equal("未开始即退出", Cell(html, $"data-learner=\"{ids["724"]}\"", "stat-learner-status"));

        var oneDay = await admin.GetStringAsync($"/workbench/learning/statistics?ProjectId={course.ProjectId}&From=2026-11-24&To=2026-11-24");
        Assert.Equal("9", Cell(oneDay, row, "stat-period"));
        Assert.Equal("20", Cell(oneDay, row, "stat-cumulative"));
        Assert.Equal("4", Cell(oneDay, learner, "stat-learner-period"));

        var weeks = await admin.GetStringAsync($"/workbench/learning/statistics?ProjectId={course.ProjectId}&From=2026-11-16&To=2026-11-24&By=Week");
        Assert.Equal(["11-16=3", "11-23=17"], Regex.Matches(weeks, "data-label=\"([^\"]+)\" data-minutes=\"([^\"]+)\"").Select(m => $"{m.Groups[1].Value}={m.Groups[2].Value}"));

        // The batch classification agrees with the completion evaluator the journey gates use.
        using var scope = app.Services.CreateScope();
        var evaluator = scope.ServiceProvider.GetRequiredService<CompletionEvaluator>();
        foreach (var (seq, id) in ids)
            Assert.Equal(seq == "720", (await evaluator.EvaluateAsync(id, course.Id, CancellationToken.None))!.Met);

        // Too many bars for one chart: a clear message, no report.
        var tooLong = await admin.GetStringAsync($"/workbench/learning/statistics?From=2026-01-01&To=2026-11-24&By=Day");
        Assert.Contains("趋势图最多 92 个时段", tooLong);
    }
}
