using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Modules.Demo;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Learning;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Media;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.IntegrationTests.Learning;

/// <summary>Courses and content (LRN-01, LRN-02, PLT-02, PLT-03): authoring, the learner's outline, signed media, documents, live sessions.</summary>
public sealed partial class ContentTests : IClassFixture<TestAppFixture>
{
    private const string ProjectCode = DemoSeeder.ProjectCode;
    private readonly TestApp app;
    public ContentTests(TestAppFixture fixture) => app = fixture.App;

    private static readonly byte[] DemoVideo = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "DemoMedia", DemoSeeder.DemoCourse.MediaFile));

    // ---------- helpers ----------

    private async Task<HttpClient> StaffAsync(string login)
    {
        var c = app.Browser();
        EnrollmentFlow.Redirects(await c.LoginAsync(login));
        return c;
    }

    private Task<Course> DemoCourseAsync() => app.WithDbAsync(db => db.Set<Course>().AsNoTracking()
        .SingleAsync(c => db.Set<Project>().Any(p => p.Code == ProjectCode && p.Id == c.ProjectId)));

    private Task<CourseUnit> UnitAsync(string title) => app.WithDbAsync(db => db.Set<CourseUnit>().AsNoTracking().SingleAsync(u => u.Title == title));

    private Task<CourseUnit> UnitAsync(Guid id) => app.WithDbAsync(db => db.Set<CourseUnit>().AsNoTracking().SingleAsync(u => u.Id == id));

    /// <summary>A new project of the demo training institution with two modules (the demo project already has its course).</summary>
    private Task<Guid> NewProjectAsync(string code) => app.WithDbAsync(async db =>
    {
        var demo = await db.Set<Project>().AsNoTracking().SingleAsync(p => p.Code == ProjectCode);
        var p = TrainEval.Web.Modules.Enrollment.Project.Create(code, "社会体育指导员（跑步）四级 " + code, "社会体育指导员", "4-13-04-01", 4, "跑步爱好者", "跑步指导",
            demo.TrainingInstitutionId, demo.EvaluationInstitutionId, app.Clock.GetUtcNow().UtcDateTime);
        p.AddModule("跑步运动概述", "1.1 跑步运动发展；1.2 安全知识", 60);
        p.AddModule("跑步技术教学", "2.1 技术要领；2.2 常见错误纠正", 120);
        db.Add(p);
        await db.SaveChangesAsync();
        return p.Id;
    });

    private static async Task<HttpResponseMessage> UploadVideoAsync(HttpClient c, Guid courseId, Guid unitId, byte[] content, string fileName)
    {
        var page = await c.GetStringAsync($"/workbench/courses/{courseId}/units/{unitId}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Forms.Token(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("video/mp4") } }, "file", fileName },
        };
        return await c.PostAsync($"/workbench/courses/{courseId}/units/{unitId}/video", form);
    }

    private static async Task<Guid> AddUnitAsync(HttpClient c, Guid courseId, Dictionary<string, string> fields)
    {
        var response = await c.PostFormAsync($"/workbench/courses/{courseId}", fields, "AddUnit");
        EnrollmentFlow.Redirects(response);
        return Guid.Parse(UnitInUrl().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
    }

    private static Dictionary<string, string> UnitFields(Guid sectionId, string kind, string title, params (string, string)[] extra)
    {
        var d = new Dictionary<string, string>
        {
            ["Unit.Kind"] = kind, ["Unit.SectionId"] = sectionId.ToString(), ["Unit.Title"] = title, ["Unit.KnowledgePoint"] = "1.2 安全知识",
            ["Unit.Required"] = "true",
        };
        foreach (var (k, v) in extra) d[k] = v;
        return d;
    }

    private int StoredFiles() => Directory.Exists(Path.Combine(app.Directory, "files"))
        ? Directory.GetFiles(Path.Combine(app.Directory, "files"), "*", SearchOption.AllDirectories).Length
        : 0;

    private string MediaUrl(Guid unitId, Guid learnerId, double seconds, bool document = false)
    {
        var urls = app.Services.GetRequiredService<MediaUrls>();
        return document ? urls.ForDocument(unitId, learnerId, seconds) : urls.ForUnit(unitId, learnerId, seconds);
    }

    /// <summary>The &lt;li data-testid="unit"&gt; of a unit on the learner's course page.</summary>
    private static string UnitItem(string page, Guid unitId)
    {
        var m = Regex.Match(page, $"<li [^>]*data-unit-id=\"{unitId}\"[^>]*>.*?</li>", RegexOptions.Singleline);
        Assert.True(m.Success, $"unit {unitId} not on the page");
        return m.Value;
    }

    [GeneratedRegex("/units/([0-9a-f-]{36})")]
    private static partial Regex UnitInUrl();

    // ---------- LRN-01: authoring ----------

    [Fact]
    public async Task LRN_01_teacher_builds_a_course_with_each_unit_kind_and_the_duration_is_derived()
    {
        var projectId = await NewProjectAsync("TEST-RUN-601");
        var teacher = await StaffAsync("train.teacher");
        var list = await teacher.GetStringAsync("/workbench/courses");
        Assert.Contains("data-code=\"TEST-RUN-601\"", list);

        var created = await teacher.PostFormAsync("/workbench/courses", new Dictionary<string, string> { ["ProjectId"] = projectId.ToString() }, "Create");
        EnrollmentFlow.Redirects(created);
        var course = await app.WithDbAsync(db => db.Set<Course>().AsNoTracking().SingleAsync(c => c.ProjectId == projectId));
        Assert.Equal("社会体育指导员（跑步）四级 TEST-RUN-601", course.Title);                 // default title: the project name
        var sections = await app.WithDbAsync(db => db.Set<CourseSection>().AsNoTracking().Where(s => s.CourseId == course.Id).OrderBy(s => s.Order).ToListAsync());
        Assert.Equal(["跑步运动概述", "跑步技术教学"], sections.Select(s => s.Title));   // from the project's modules
        Assert.Equal("2.1 技术要领；2.2 常见错误纠正", sections[1].KnowledgePoints);
        var again = await teacher.PostFormAsync("/workbench/courses", new Dictionary<string, string> { ["ProjectId"] = projectId.ToString() }, "Create");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);                    // one course per project

        var url = $"/workbench/courses/{course.Id}";
        var video = await AddUnitAsync(teacher, course.Id, UnitFields(sections[0].Id, "Video", "跑步安全知识"));
        var document = await AddUnitAsync(teacher, course.Id, UnitFields(sections[0].Id, "Document", "跑步安全讲义", ("Unit.ReadingMinutes", "12")));
        var live = await AddUnitAsync(teacher, course.Id, UnitFields(sections[1].Id, "Live", "直播答疑",
            ("Unit.LiveStarts", "2026-12-20T19:30"), ("Unit.LiveMinutes", "45"), ("Unit.LiveUrl", "https://live.example.com/rooms/run")));
        var test = await AddUnitAsync(teacher, course.Id, UnitFields(sections[1].Id, "SelfTest", "阶段自测",
            ("Unit.QuestionCount", "10"), ("Unit.PassPercent", "60"), ("Unit.TimeLimitMinutes", "20")));

        var badLive = await teacher.PostFormAsync(url, UnitFields(sections[1].Id, "Live", "不安全的直播",
            ("Unit.LiveStarts", "2026-12-20T19:30"), ("Unit.LiveMinutes", "45"), ("Unit.LiveUrl", "http://live.example.com/rooms/run")), "AddUnit");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badLive.StatusCode);
        Assert.Contains("https://", await badLive.Content.ReadAsStringAsync());

        EnrollmentFlow.Redirects(await UploadVideoAsync(teacher, course.Id, video, DemoVideo, "第一课.mp4"));
        var v = await UnitAsync(video);
        Assert.Equal("video/mp4", v.ContentType);
        Assert.Equal(DemoVideo.Length, v.FileSize);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(DemoVideo)), v.FileSha256);
        Assert.InRange(v.DurationSeconds, 179.5, 180.5);
        Assert.True(v.IsPlayable);

        var unitPage = await teacher.GetStringAsync($"{url}/units/{document}");
        using (var form = new MultipartFormDataContent
               {
                   { new StringContent(Forms.Token(unitPage)), "__RequestVerificationToken" },
                   { new ByteArrayContent(EnrollmentFlow.Pdf()), "Upload", "讲义.pdf" },
               })
            EnrollmentFlow.Redirects(await teacher.PostAsync($"{url}/units/{document}?handler=Document", form));
        var d = await UnitAsync(document);
        Assert.Equal(("application/pdf", 720.0), (d.ContentType, d.DurationSeconds));

        var l = await UnitAsync(live);
        Assert.Equal(new DateTime(2026, 12, 20, 11, 30, 0, DateTimeKind.Utc), l.LiveStartsAtUtc);   // Beijing input, stored UTC
        Assert.Equal(2700.0, l.DurationSeconds);
        var t = await UnitAsync(test);
        Assert.Equal((10, 60, 1200.0), (t.SelfTestQuestionCount, t.SelfTestPassPercent, t.DurationSeconds));

        // 3 (video) + 12 (reading) + 45 (live) + 20 (self-test) minutes.
        var page = await teacher.GetStringAsync(url);
        Assert.Contains("课程总时长 80 分钟", page);
        Assert.Contains("80 分钟", await teacher.GetStringAsync("/workbench/courses"));

        // Reorder and archive; the archived unit no longer counts.
        EnrollmentFlow.Redirects(await teacher.PostFormAsync(url, new Dictionary<string, string> { ["ItemId"] = document.ToString(), ["Direction"] = "-1" }, "MoveUnit"));
        Assert.Equal((1, 2), ((await UnitAsync(document)).Order, (await UnitAsync(video)).Order));
        EnrollmentFlow.Redirects(await teacher.PostFormAsync($"{url}/units/{test}", new Dictionary<string, string>(), "Archive"));
        Assert.NotNull((await UnitAsync(test)).ArchivedAtUtc);
        Assert.Contains("课程总时长 60 分钟", await teacher.GetStringAsync(url));
        var audit = await app.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.SubjectId == course.Id.ToString()).Select(a => a.Action).ToListAsync());
        foreach (var action in new[] { "course.created", "course.unit_added", "course.unit_video_attached", "course.unit_document_attached", "course.unit_moved", "course.unit_archived" })
            Assert.Contains(action, audit);
    }

    [Fact]
    public async Task LRN_01_a_non_mp4_renamed_to_mp4_is_refused_and_nothing_is_stored()
    {
        var teacher = await StaffAsync("train.teacher");
        var course = await DemoCourseAsync();
        var unit = await UnitAsync(DemoSeeder.DemoCourse.Video2);
        var filesBefore = StoredFiles();
        var auditBefore = await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync());

        var fakes = new (byte[] Bytes, string Code)[]
        {
            ("这是一个改了扩展名的文本文件，不是视频。"u8.ToArray(), "video.not_mp4"),
            (EnrollmentFlow.Pdf(), "video.not_mp4"),
            (DemoVideo[..(DemoVideo.Length / 2)], "video.truncated"),                // cut in half: mdat runs past the end
            ([], "video.empty"),
        };
        foreach (var (bytes, code) in fakes)
        {
            var response = await UploadVideoAsync(teacher, course.Id, unit.Id, bytes, "lesson.mp4");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains($"uploadError={code}", response.Headers.Location!.OriginalString);
            var shown = await teacher.GetStringAsync(response.Headers.Location.OriginalString);
            Assert.Contains("form-errors", shown);
        }
        var explained = await teacher.GetStringAsync($"/workbench/courses/{course.Id}/units/{unit.Id}?uploadError=video.not_mp4");
        Assert.Contains("仅修改扩展名无效", explained);

        var after = await UnitAsync(unit.Id);
        Assert.Equal((unit.FileKey, unit.FileSha256, unit.DurationSeconds), (after.FileKey, after.FileSha256, after.DurationSeconds));
        Assert.Equal(filesBefore, StoredFiles());
        Assert.Equal(auditBefore, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync()));

        // Without the antiforgery token nothing is read at all.
        using var noToken = new MultipartFormDataContent { { new ByteArrayContent(DemoVideo), "file", "lesson.mp4" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await teacher.PostAsync($"/workbench/courses/{course.Id}/units/{unit.Id}/video", noToken)).StatusCode);
    }

    [Fact]
    public async Task LRN_01_the_video_size_limit_is_configurable_and_validated_at_start()
    {
        using var small = new TestApp();
        small.Settings["Modules:Learning:Content:MaxVideoBytes"] = (1L << 20).ToString();   // 1 MiB
        var teacher = small.Browser();
        EnrollmentFlow.Redirects(await teacher.LoginAsync("train.teacher"));
        var unit = await small.WithDbAsync(db => db.Set<CourseUnit>().AsNoTracking().SingleAsync(u => u.Title == DemoSeeder.DemoCourse.Video3));
        var padded = DemoVideo.Concat(new byte[600_000]).ToArray();                              // 1.4 MiB
        var refused = await UploadVideoAsync(teacher, unit.CourseId, unit.Id, padded, "big.mp4");
        Assert.Contains("uploadError=video.too_large", refused.Headers.Location!.OriginalString);
        Assert.Contains("不能超过 1 MB", await teacher.GetStringAsync(refused.Headers.Location.OriginalString));
        EnrollmentFlow.Redirects(await UploadVideoAsync(teacher, unit.CourseId, unit.Id, DemoVideo, "ok.mp4"));

        using var invalid = new TestApp(seed: false);
        invalid.Settings["Modules:Learning:Content:MaxVideoBytes"] = "10";
        var e = Assert.ThrowsAny<Exception>(() => invalid.Server);
        Assert.Contains("MaxVideoBytes", e.ToString());
    }

    [Fact]
    public async Task LRN_01_rules_are_validated_and_changes_audited_old_to_new()
    {
        var admin = await StaffAsync("train.admin");
        var course = await DemoCourseAsync();
        var url = $"/workbench/courses/{course.Id}";
        Dictionary<string, string> Rules(string cap) => new()
        {
            ["Rules.DailyCapMinutes"] = cap, ["Rules.InteractionIntervalMinutes"] = "10", ["Rules.IdentityChecksPerVideo"] = "2",
            ["Rules.RequiredMinutes"] = "540", ["Rules.RequireAllUnits"] = "true", ["Rules.PracticeMinAnswered"] = "50",
            ["Rules.PracticeMinAccuracyPercent"] = "60", ["Rules.RequireSelfTestsPassed"] = "true",
        };
        var bad = await admin.PostFormAsync(url, Rules("10"), "Rules");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("每日有效学时上限须在 45～720 分钟之间", await bad.Content.ReadAsStringAsync());
        var letters = await admin.PostFormAsync(url, Rules("abc"), "Rules");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, letters.StatusCode);
        Assert.Equal(CourseRules.Default.DailyCapMinutes, (await DemoCourseAsync()).DailyCapMinutes);

        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, Rules("270"), "Rules"));
        var saved = await DemoCourseAsync();
        Assert.Equal((270, 2, 540, 50), (saved.DailyCapMinutes, saved.IdentityChecksPerVideo, saved.RequiredMinutes, saved.PracticeMinAnswered));
        var entry = await app.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.Action == "course.rules_changed").OrderBy(a => a.Id).LastAsync());
        Assert.Contains("\"DailyCapMinutes\":360", entry.Detail);
        Assert.Contains("\"DailyCapMinutes\":270", entry.Detail);

        EnrollmentFlow.Redirects(await admin.PostFormAsync(url, new Dictionary<string, string> { ["Info.Title"] = "游泳四级 线上课程", ["Info.Summary"] = "按职业标准编排。" }, "Info"));
        Assert.Equal("游泳四级 线上课程", (await DemoCourseAsync()).Title);
        var markup = await admin.PostFormAsync(url, new Dictionary<string, string> { ["Info.Title"] = "<script>x</script>", ["Info.Summary"] = "" }, "Info");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, markup.StatusCode);
    }

    [Fact]
    public async Task LRN_02_prerequisites_refuse_cycles_and_self_references()
    {
        var teacher = await StaffAsync("train.teacher");
        var course = await DemoCourseAsync();
        var v1 = await UnitAsync(DemoSeeder.DemoCourse.Video1);
        var v2 = await UnitAsync(DemoSeeder.DemoCourse.Video2);   // seeded: requires v1
        var v3 = await UnitAsync(DemoSeeder.DemoCourse.Video3);   // seeded: requires v2
        async Task<HttpResponseMessage> Set(Guid unit, params Guid[] requires)
        {
            var url = $"/workbench/courses/{course.Id}/units/{unit}";
            var page = await teacher.GetStringAsync(url);
            var content = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Forms.Token(page)) };
            content.AddRange(requires.Select(r => new KeyValuePair<string, string>("Requires", r.ToString())));
            return await teacher.PostAsync(url + "?handler=Prerequisites", new FormUrlEncodedContent(content));
        }
        var cycle = await Set(v1.Id, v3.Id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, cycle.StatusCode);
        Assert.Contains("前置任务不能形成循环", await cycle.Content.ReadAsStringAsync());
        var self = await Set(v1.Id, v1.Id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, self.StatusCode);
        Assert.Contains("不能以自身作为前置任务", await self.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Set<UnitPrerequisite>().AnyAsync(p => p.UnitId == v1.Id)));

        var doc = await UnitAsync(DemoSeeder.DemoCourse.Document1);
        EnrollmentFlow.Redirects(await Set(v3.Id, v2.Id, doc.Id));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<UnitPrerequisite>().CountAsync(p => p.UnitId == v3.Id)));
        EnrollmentFlow.Redirects(await Set(v3.Id, v2.Id));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<UnitPrerequisite>().CountAsync(p => p.UnitId == v3.Id)));
    }

    [Fact]
    public async Task LRN_01_staff_of_another_institution_and_other_roles_cannot_edit_the_course()
    {
        var course = await DemoCourseAsync();
        var video = await UnitAsync(DemoSeeder.DemoCourse.Video4);
        var url = $"/workbench/courses/{course.Id}";
        foreach (var login in new[] { "learner1", "eval.admin", "train.reviewer" })
        {
            var c = await StaffAsync(login);
            var r = await c.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Contains("/Accounts/AccessDenied", r.Headers.Location!.OriginalString);
        }

        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var other = Institution.Create(InstitutionKind.Training, "示例第三体育培训学校", "52440106MJL00999X", "广州市黄埔区 3 号",
                "钟南", "钟北", "020-88882222", "广东省广州市", now);
            db.Add(other);
            var user = await db.Set<AppUser>().Where(u => u.UserName == "learner2").Select(u => u.Id).SingleAsync();
            db.Add(RoleGrant.Create(user, Roles.Teacher, other.Id, null, null, now));
            return await db.SaveChangesAsync();
        });
        var outsider = await StaffAsync("learner2");
        Assert.DoesNotContain($"data-code=\"{ProjectCode}\"", await outsider.GetStringAsync("/workbench/courses"));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"{url}/units/{video.Id}")).StatusCode);
        var auditBefore = await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync());
        var token = Forms.Token(await outsider.GetStringAsync("/workbench/courses"));
        var rename = await outsider.PostAsync(url + "?handler=Info", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__RequestVerificationToken"] = token, ["Info.Title"] = "被篡改的课程", ["Info.Summary"] = "" }));
        Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);
        var archive = await outsider.PostAsync($"{url}/units/{video.Id}?handler=Archive", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, archive.StatusCode);
        using (var form = new MultipartFormDataContent
               {
                   { new StringContent(token), "__RequestVerificationToken" },
                   { new ByteArrayContent(DemoVideo), "file", "x.mp4" },
               })
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"{url}/units/{video.Id}/video", form)).StatusCode);
        var demoProject = await app.WithDbAsync(db => db.Set<Project>().Where(p => p.Code == ProjectCode).Select(p => p.Id).SingleAsync());
        var create = await outsider.PostAsync("/workbench/courses?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__RequestVerificationToken"] = token, ["ProjectId"] = demoProject.ToString() }));
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);

        Assert.NotEqual("被篡改的课程", (await DemoCourseAsync()).Title);
        Assert.Null((await UnitAsync(video.Id)).ArchivedAtUtc);
        Assert.Equal(auditBefore, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync()));
    }

    // ---------- LRN-02: the learner's outline ----------

    [Fact]
    public async Task LRN_02_locked_unit_says_why_and_opens_after_the_prerequisite_is_done()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "600");
        var v1 = await UnitAsync(DemoSeeder.DemoCourse.Video1);
        var v2 = await UnitAsync(DemoSeeder.DemoCourse.Video2);
        var liveUnit = await UnitAsync(DemoSeeder.DemoCourse.Live);
        var url = $"/my/courses/{learner.ProjectId}";

        var page = await learner.Client.GetStringAsync(url);
        Assert.Contains("data-testid=\"course-progress\"", page);
        Assert.Contains("已完成 0 / 8 个必修单元", page);
        var first = UnitItem(page, v1.Id);
        Assert.Contains("data-state=\"todo\"", first);
        Assert.Contains($"href=\"/my/learn/{v1.Id}\"", first);
        var locked = UnitItem(page, v2.Id);
        Assert.Contains("data-state=\"locked\"", locked);
        Assert.Contains("需先完成：1.1 社会体育指导员职业守则", locked);
        Assert.DoesNotContain("href=", locked);                                            // locked units are not links
        Assert.Contains("直播尚未开始（", UnitItem(page, liveUnit.Id));
        foreach (var text in new[] { "第 3 章", "水上安全与救护", "溺水识别；岸上与水中救护；心肺复苏", "课程总时长 147 分钟", "020-80000002" })
            Assert.Contains(text, page);

        LearnerUnit? catalogView;
        using (var scope = app.Services.CreateScope())
            catalogView = await scope.ServiceProvider.GetRequiredService<CourseCatalog>().GetUnitForLearnerAsync(learner.LearnerId, v2.Id, CancellationToken.None);
        Assert.Equal((UnitState.Locked, true, "2.1"), (catalogView!.State, catalogView.ActivationOpen, catalogView.Number));

        await app.WithDbAsync(db =>
        {
            db.Add(UnitCompletion.Create(learner.LearnerId, v1.CourseId, v1.Id, "watched", "test", app.Clock.GetUtcNow().UtcDateTime));
            return db.SaveChangesAsync();
        });
        page = await learner.Client.GetStringAsync(url);
        Assert.Contains("data-state=\"done\"", UnitItem(page, v1.Id));
        var opened = UnitItem(page, v2.Id);
        Assert.Contains("data-state=\"todo\"", opened);
        Assert.Contains($"href=\"/my/learn/{v2.Id}\"", opened);
        Assert.Contains("已完成 1 / 8 个必修单元", page);

        // Closing the course locks what is not done and says so.
        await app.WithDbAsync(db => db.Set<CourseActivation>().Where(a => a.EnrollmentId == learner.EnrollmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ClosedAtUtc, app.Clock.GetUtcNow().UtcDateTime).SetProperty(a => a.CloseReason, "已退费")));
        page = await learner.Client.GetStringAsync(url);
        Assert.Contains("课程访问已关闭", UnitItem(page, v2.Id));
        Assert.Contains("data-state=\"done\"", UnitItem(page, v1.Id));
    }

    // ---------- signed media URLs ----------

    [Fact]
    public async Task LRN_01_media_url_streams_to_its_learner_with_range_requests()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "601");
        var v1 = await UnitAsync(DemoSeeder.DemoCourse.Video1);
        var url = MediaUrl(v1.Id, learner.LearnerId, v1.DurationSeconds);

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(0, 99);
        var partial = await learner.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal($"bytes 0-99/{DemoVideo.Length}", partial.Content.Headers.ContentRange!.ToString());
        Assert.Equal("video/mp4", partial.Content.Headers.ContentType!.MediaType);
        Assert.Equal(DemoVideo[..100], await partial.Content.ReadAsByteArrayAsync());
        Assert.Contains("no-store", partial.Headers.CacheControl!.ToString());
        Assert.Contains("private", partial.Headers.CacheControl!.ToString());

        var tail = new HttpRequestMessage(HttpMethod.Get, url);
        tail.Headers.Range = new RangeHeaderValue(DemoVideo.Length - 10, null);
        Assert.Equal(DemoVideo[^10..], await (await learner.Client.SendAsync(tail)).Content.ReadAsByteArrayAsync());

        var head = await learner.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(DemoVideo.Length, head.Content.Headers.ContentLength);
        Assert.Equal("bytes", string.Join("", head.Headers.AcceptRanges));
        var whole = await learner.Client.GetAsync(url);
        Assert.Equal(DemoVideo, await whole.Content.ReadAsByteArrayAsync());

        // The document URL serves the handout inline, as a PDF.
        var doc = await UnitAsync(DemoSeeder.DemoCourse.Document1);
        var pdf = await learner.Client.GetAsync(MediaUrl(doc.Id, learner.LearnerId, doc.DurationSeconds, document: true));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..5]));
        Assert.Equal("SAMEORIGIN", string.Join("", pdf.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task LRN_01_media_url_is_refused_when_tampered_expired_for_another_learner_locked_or_closed()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "602");
        var other = await LearningFlow.ActivatedLearnerAsync(app, "603");
        var v1 = await UnitAsync(DemoSeeder.DemoCourse.Video1);
        var v2 = await UnitAsync(DemoSeeder.DemoCourse.Video2);
        var url = MediaUrl(v1.Id, learner.LearnerId, v1.DurationSeconds);
        async Task Refused(HttpClient c, string u, string reason)
        {
            var r = await c.GetAsync(u);
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
            var body = await r.Content.ReadAsStringAsync();
            Assert.Contains(reason, body);
            Assert.True(body.Length < 200, "a refusal is a short reason, never the file");
        }

        Assert.Equal(HttpStatusCode.OK, (await learner.Client.GetAsync(url)).StatusCode);
        var sig = Regex.Match(url, "sig=([^&]+)").Groups[1].Value;
        await Refused(learner.Client, url.Replace(sig, (sig[0] == 'A' ? "B" : "A") + sig[1..]), "签名无效");
        await Refused(learner.Client, url.Replace($"l={learner.LearnerId}", $"l={other.LearnerId}"), "签名无效");
        await Refused(learner.Client, Regex.Replace(url, @"exp=\d+", m => "exp=" + (long.Parse(m.Value[4..]) + 86400)), "签名无效");
        await Refused(other.Client, url, "其他学员");                                          // a shared link is useless to another learner
        await Refused(app.Browser(), url, "请先登录");
        await Refused(learner.Client, MediaUrl(v2.Id, learner.LearnerId, v2.DurationSeconds), "需先完成：1.1");   // locked unit

        app.Clock.Advance(TimeSpan.FromMinutes(31));                                            // 3-minute video: valid 30 minutes
        await Refused(learner.Client, url, "已过期");
        var fresh = MediaUrl(v1.Id, learner.LearnerId, v1.DurationSeconds);
        Assert.Equal(HttpStatusCode.OK, (await learner.Client.GetAsync(fresh)).StatusCode);

        await app.WithDbAsync(db => db.Set<CourseActivation>().Where(a => a.EnrollmentId == learner.EnrollmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ClosedAtUtc, app.Clock.GetUtcNow().UtcDateTime).SetProperty(a => a.CloseReason, "已退费")));
        await Refused(learner.Client, fresh, "课程访问已关闭");
    }

    // ---------- documents and live sessions ----------

    [Fact]
    public async Task LRN_01_a_document_is_marked_read_only_after_the_recorded_reading_wait()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "604");
        var doc = await UnitAsync(DemoSeeder.DemoCourse.Document1);
        var url = $"/my/courses/{learner.ProjectId}/documents/{doc.Id}";
        var page = await learner.Client.GetStringAsync(url);
        Assert.Matches($"<iframe src=\"/media/units/{doc.Id}/document\\?l={learner.LearnerId}&amp;exp=\\d+&amp;sig=", page);
        Assert.Contains("资料打开满 2 分钟后才能标记为已读", page);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<LearningEvent>().CountAsync(e => e.LearnerId == learner.LearnerId && e.Kind == "document.opened")));

        var early = await learner.Client.PostFormAsync(url, new Dictionary<string, string>(), "Read");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("还需约", await early.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Set<UnitCompletion>().AnyAsync(c => c.LearnerId == learner.LearnerId && c.UnitId == doc.Id)));

        app.Clock.Advance(TimeSpan.FromSeconds(121));
        EnrollmentFlow.Redirects(await learner.Client.PostFormAsync(url, new Dictionary<string, string>(), "Read"));
        var done = await app.WithDbAsync(db => db.Set<UnitCompletion>().AsNoTracking().SingleAsync(c => c.LearnerId == learner.LearnerId && c.UnitId == doc.Id));
        Assert.Equal("read", done.How);
        EnrollmentFlow.Redirects(await learner.Client.PostFormAsync(url, new Dictionary<string, string>(), "Read"));   // idempotent
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<UnitCompletion>().CountAsync(c => c.LearnerId == learner.LearnerId && c.UnitId == doc.Id)));
        Assert.Contains("data-state=\"done\"", UnitItem(await learner.Client.GetStringAsync($"/my/courses/{learner.ProjectId}"), doc.Id));
    }

    [Fact]
    public async Task LRN_01_joining_a_live_session_is_allowed_from_15_minutes_before_and_records_attendance()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "605");
        var course = await DemoCourseAsync();
        var start = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(30);
        var liveId = await app.WithDbAsync(async db =>
        {
            var section = await db.Set<CourseSection>().Where(s => s.CourseId == course.Id).OrderBy(s => s.Order).FirstAsync();
            var unit = CourseUnit.Create(course.Id, section.Id, 9, UnitKind.Live, "临时直播答疑", "", required: false, Guid.Empty, app.Clock.GetUtcNow().UtcDateTime);
            unit.ScheduleLive(start, 60, "https://live.example.com/rooms/extra");
            db.Add(unit);
            await db.SaveChangesAsync();
            return unit.Id;
        });
        var url = $"/my/courses/{learner.ProjectId}/live/{liveId}";
        Assert.Contains("直播尚未开始", await learner.Client.GetStringAsync(url));
        var early = await learner.Client.PostFormAsync(url, new Dictionary<string, string>(), "Join");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<LiveAttendance>().AnyAsync(a => a.UnitId == liveId)));

        app.Clock.Advance(TimeSpan.FromMinutes(16));                                        // 14 minutes before the start
        var joined = await learner.Client.PostFormAsync(url, new Dictionary<string, string>(), "Join");
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal("https://live.example.com/rooms/extra", joined.Headers.Location!.OriginalString);
        var attendance = await app.WithDbAsync(db => db.Set<LiveAttendance>().AsNoTracking().SingleAsync(a => a.UnitId == liveId));
        Assert.Equal((learner.LearnerId, app.Clock.GetUtcNow().UtcDateTime), (attendance.LearnerId, attendance.JoinedAtUtc));
        Assert.Equal("attended", await app.WithDbAsync(db => db.Set<UnitCompletion>().Where(c => c.UnitId == liveId).Select(c => c.How).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.Set<LearningEvent>().AnyAsync(e => e.UnitId == liveId && e.Kind == "live.joined")));

        app.Clock.Advance(TimeSpan.FromMinutes(80));                                        // after the end
        var late = await learner.Client.PostFormAsync(url, new Dictionary<string, string>(), "Join");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Contains("直播已结束", await late.Content.ReadAsStringAsync());

        // The teacher attaches the replay after the session; the live page then links to the player.
        var teacher = await StaffAsync("train.teacher");
        EnrollmentFlow.Redirects(await UploadVideoAsync(teacher, course.Id, liveId, DemoVideo, "回放.mp4"));
        Assert.True((await UnitAsync(liveId)).IsPlayable);
        Assert.Contains($"href=\"/my/learn/{liveId}\"", await learner.Client.GetStringAsync(url));
    }
}
