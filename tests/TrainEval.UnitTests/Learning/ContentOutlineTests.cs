using Microsoft.Extensions.Time.Testing;
using TrainEval.Web.Modules.Learning.Authoring;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Media;
using TrainEval.Web.Platform.Crypto;

namespace TrainEval.UnitTests.Learning;

/// <summary>The learner's outline (LRN-01, LRN-02): order, lock reasons, counts, derived duration; prerequisite cycles; signed media URLs.</summary>
public sealed class ContentOutlineTests
{
    // 2026-12-01 10:00 Beijing.
    private static readonly DateTime Now = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly LearnerAccess Open = new(Guid.NewGuid(), true, true, Now.AddDays(300), Now.AddDays(300));

    private sealed class Fixture
    {
        public Course Course { get; } = Course.Create(Guid.NewGuid(), Guid.NewGuid(), "游泳", "", Now);
        public List<CourseSection> Sections { get; } = [];
        public List<CourseUnit> Units { get; } = [];
        public List<UnitPrerequisite> Requires { get; } = [];
        public Dictionary<Guid, DateTime> Done { get; } = [];

        public CourseSection Section(int order, string title)
        {
            var s = CourseSection.Create(Course.Id, order, title, "");
            Sections.Add(s);
            return s;
        }

        public CourseUnit Unit(CourseSection s, int order, UnitKind kind, string title, bool file = true, bool required = true)
        {
            var u = CourseUnit.Create(Course.Id, s.Id, order, kind, title, "", required, Guid.NewGuid(), Now);
            if (file && kind is UnitKind.Video) u.AttachFile("ab/abc", "abc", 100, "video/mp4", 600);
            if (file && kind is UnitKind.Document) { u.SetReadingMinutes(15); u.AttachFile("cd/cde", "cde", 100, "application/pdf", 900); }
            Units.Add(u);
            return u;
        }

        public CourseOutline Build(LearnerAccess? access = null, DateTime? now = null)
            => CourseOutlines.Build(Course, Sections, Units, Requires, Done, access ?? Open, now ?? Now);
    }

    [Fact]
    public void LRN_02_a_unit_is_locked_until_its_prerequisites_are_done_and_says_which()
    {
        var f = new Fixture();
        var s2 = f.Section(2, "安全");
        var s1 = f.Section(1, "概述");
        var intro = f.Unit(s1, 1, UnitKind.Video, "职业守则");
        var safety = f.Unit(s1, 2, UnitKind.Document, "安全知识");
        var rescue = f.Unit(s2, 1, UnitKind.Video, "岸上救护");
        f.Requires.Add(UnitPrerequisite.Create(rescue.Id, safety.Id));
        f.Requires.Add(UnitPrerequisite.Create(rescue.Id, intro.Id));

        var outline = f.Build();
        Assert.Equal(["概述", "安全"], outline.Sections.Select(s => s.Section.Title));
        Assert.Equal(UnitState.ToDo, outline.Find(intro.Id)!.State);
        var locked = outline.Find(rescue.Id)!;
        Assert.Equal("2.1", locked.Number);
        Assert.Equal(UnitState.Locked, locked.State);
        Assert.Equal("需先完成：1.1 职业守则、1.2 安全知识", locked.LockReason);

        f.Done[intro.Id] = Now;
        Assert.Equal("需先完成：1.2 安全知识", f.Build().Find(rescue.Id)!.LockReason);
        f.Done[safety.Id] = Now;
        outline = f.Build();
        Assert.Equal(UnitState.ToDo, outline.Find(rescue.Id)!.State);
        Assert.Equal(UnitState.Done, outline.Find(intro.Id)!.State);
        Assert.Equal((3, 2, 3, 2), (outline.TotalUnits, outline.CompletedUnits, outline.RequiredUnits, outline.CompletedRequiredUnits));
        Assert.Equal(66, outline.ProgressPercent);
    }

    [Fact]
    public void LRN_02_closed_or_missing_access_locks_everything_not_done()
    {
        var f = new Fixture();
        var s = f.Section(1, "概述");
        var a = f.Unit(s, 1, UnitKind.Video, "甲");
        var b = f.Unit(s, 2, UnitKind.Video, "乙");
        f.Done[a.Id] = Now;
        var closed = f.Build(new LearnerAccess(Guid.NewGuid(), false, false, Now.AddDays(-1), Now.AddDays(-1)));
        Assert.Equal(UnitState.Done, closed.Find(a.Id)!.State);
        Assert.Equal(CourseOutlines.AccessClosed, closed.Find(b.Id)!.LockReason);
        Assert.Equal(CourseOutlines.NoActivation, f.Build(LearnerAccess.None).Find(b.Id)!.LockReason);
    }

    [Fact]
    public void LRN_02_live_sessions_open_15_minutes_before_the_start_and_need_a_replay_afterwards()
    {
        var f = new Fixture();
        var s = f.Section(1, "直播");
        var live = f.Unit(s, 1, UnitKind.Live, "答疑");
        var start = new DateTime(2026, 12, 1, 11, 30, 0, DateTimeKind.Utc);   // 19:30 Beijing
        live.ScheduleLive(start, 90, "https://live.example.com/r/1");

        Assert.Equal("直播尚未开始（12月1日 19:30）", f.Build(now: start.AddMinutes(-16)).Find(live.Id)!.LockReason);
        Assert.Equal(UnitState.ToDo, f.Build(now: start.AddMinutes(-15)).Find(live.Id)!.State);
        Assert.Equal(UnitState.ToDo, f.Build(now: start.AddMinutes(90)).Find(live.Id)!.State);
        Assert.Equal(CourseOutlines.NoReplay, f.Build(now: start.AddMinutes(91)).Find(live.Id)!.LockReason);
        live.AttachFile("ef/efg", "efg", 100, "video/mp4", 5400);
        Assert.True(live.IsPlayable);
        Assert.Equal(UnitState.ToDo, f.Build(now: start.AddDays(2)).Find(live.Id)!.State);
    }

    [Fact]
    public void LRN_01_duration_is_the_sum_of_required_unarchived_units_and_archived_units_disappear()
    {
        var f = new Fixture();
        var s = f.Section(1, "概述");
        f.Unit(s, 1, UnitKind.Video, "视频");                         // 10 min
        f.Unit(s, 2, UnitKind.Document, "讲义");                      // 15 min
        var test = f.Unit(s, 3, UnitKind.SelfTest, "自测");
        test.SetSelfTest(10, 60, 20);                                    // 20 min
        f.Unit(s, 4, UnitKind.Video, "选修", required: false);         // not counted
        var gone = f.Unit(s, 5, UnitKind.Video, "旧视频");
        gone.Archive(Now);
        var requiresGone = f.Unit(s, 6, UnitKind.Video, "后续");       // 10 min; its archived prerequisite no longer binds
        f.Requires.Add(UnitPrerequisite.Create(requiresGone.Id, gone.Id));

        var outline = f.Build();
        Assert.Equal(55, outline.DurationMinutes);
        Assert.Equal(55, CourseOutlines.DurationMinutes(f.Units));
        Assert.DoesNotContain(outline.Units, u => u.Unit.Id == gone.Id);
        Assert.Equal(["1.1", "1.2", "1.3", "1.4", "1.5"], outline.Units.Select(u => u.Number));
        Assert.Equal(UnitState.ToDo, outline.Find(requiresGone.Id)!.State);
    }

    [Fact]
    public void LRN_02_a_video_or_document_without_its_file_is_locked()
    {
        var f = new Fixture();
        var s = f.Section(1, "概述");
        var video = f.Unit(s, 1, UnitKind.Video, "未上传", file: false);
        var doc = f.Unit(s, 2, UnitKind.Document, "未上传讲义", file: false);
        Assert.Equal(CourseOutlines.NoContent, f.Build().Find(video.Id)!.LockReason);
        Assert.Equal(CourseOutlines.NoContent, f.Build().Find(doc.Id)!.LockReason);
    }

    [Fact]
    public void LRN_02_prerequisite_cycles_and_self_references_are_found()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid();
        Assert.Null(PrerequisiteGraph.FindCycle([(b, a), (c, b), (a, d)], a));
        Assert.Equal([a, b, c, a], PrerequisiteGraph.FindCycle([(b, c), (c, a), (a, b)], a));
        Assert.Equal([a, a], PrerequisiteGraph.FindCycle([(a, a)], a));
        // A long chain is walked without recursion.
        var chain = Enumerable.Range(0, 100_000).Select(_ => Guid.NewGuid()).ToList();
        var edges = chain.Zip(chain.Skip(1)).Select(p => (p.First, p.Second)).ToList();
        Assert.Null(PrerequisiteGraph.FindCycle(edges, chain[0]));
        edges.Add((chain[^1], chain[0]));
        Assert.Equal(100_001, PrerequisiteGraph.FindCycle(edges, chain[0])!.Count);
    }

    [Fact]
    public void LRN_01_live_links_must_be_https_without_credentials()
    {
        Assert.Null(CourseAuthoringHandler.LiveUrlError("https://live.example.com/room/1?t=abc"));
        Assert.Null(CourseAuthoringHandler.LiveUrlError("https://cdn.example.com/live/stream.m3u8"));
        foreach (var bad in new[] { "", "http://live.example.com/1", "javascript:alert(1)", "https://user:pw@live.example.com/", "https://a b.com/", "live.example.com", "https://x.com/\"><script>" })
            Assert.NotNull(CourseAuthoringHandler.LiveUrlError(bad));
    }

    [Fact]
    public void LRN_01_media_urls_are_bound_to_unit_learner_and_expiry()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        var urls = new MediaUrls(KeyRing.Random(), clock);
        Guid unit = Guid.NewGuid(), learner = Guid.NewGuid();
        var url = urls.ForUnit(unit, learner, 180);
        var q = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + url).Query);
        var exp = long.Parse(q["exp"]!, System.Globalization.CultureInfo.InvariantCulture);
        var sig = q["sig"]!;
        Assert.StartsWith($"/media/units/{unit}/video.mp4?l={learner}&exp=", url);
        Assert.Equal(clock.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds(), exp);                        // at least 30 minutes
        Assert.Equal(clock.GetUtcNow().AddHours(2).AddMinutes(15).ToUnixTimeSeconds(),
            long.Parse(System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + urls.ForUnit(unit, learner, 7200)).Query)["exp"]!,
                System.Globalization.CultureInfo.InvariantCulture));                                  // length + 15 minutes

        Assert.Equal(MediaUrlCheck.Valid, urls.Check(MediaUrls.VideoResource, unit, learner, exp, sig));
        Assert.Equal(MediaUrlCheck.BadSignature, urls.Check(MediaUrls.VideoResource, unit, Guid.NewGuid(), exp, sig));
        Assert.Equal(MediaUrlCheck.BadSignature, urls.Check(MediaUrls.VideoResource, Guid.NewGuid(), learner, exp, sig));
        Assert.Equal(MediaUrlCheck.BadSignature, urls.Check(MediaUrls.VideoResource, unit, learner, exp + 3600, sig));
        Assert.Equal(MediaUrlCheck.BadSignature, urls.Check(MediaUrls.DocumentResource, unit, learner, exp, sig));
        Assert.Equal(MediaUrlCheck.BadSignature, urls.Check(MediaUrls.VideoResource, unit, learner, exp, sig[..^1] + (sig[^1] == 'A' ? 'B' : 'A')));
        Assert.Equal(MediaUrlCheck.BadSignature, urls.Check(MediaUrls.VideoResource, unit, learner, exp, "not base64url!"));
        Assert.Equal(MediaUrlCheck.BadSignature, urls.Check(MediaUrls.VideoResource, unit, learner, exp, null));
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(MediaUrlCheck.Expired, urls.Check(MediaUrls.VideoResource, unit, learner, exp, sig));
        // Another node with another key ring cannot verify it.
        Assert.Equal(MediaUrlCheck.BadSignature, new MediaUrls(KeyRing.Random(), clock).Check(MediaUrls.VideoResource, unit, learner, exp, sig));
    }
}
