using static TrainEval.IntegrationTests.Exams.ExamFlow;
using TrainEval.Web.Platform.Archive;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.IntegrationTests.Archive;

public sealed partial class ArchiveTests(ArchiveFixture f) : IClassFixture<ArchiveFixture>
{
    private static readonly string[] SectionOrder = ["enrollment", "payments", "learning", "commitments", "verification", "exams", "violations"];
    private TestApp App => f.App;

    private static async Task<byte[]> ExportAsync(HttpClient client, string url, bool reveal = false)
    {
        var fields = new Dictionary<string, string>();
        if (reveal) fields["reveal"] = "true";
        var response = await client.PostFormAsync(url, fields, "Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<HttpClient> StaffAsync(string login)
    {
        var c = App.Browser();
        await c.LoginAsync(login);
        return c;
    }

    private static Dictionary<string, int> SectionCounts(string html)
        => SectionRow().Matches(html).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));

    private static JsonElement Manifest(Dictionary<string, byte[]> files) => JsonDocument.Parse(files["manifest.json"]).RootElement;

    private static async Task<(HttpStatusCode Status, string Html)> VerifyAsync(HttpClient staff, byte[] zip, string name = "archive.zip")
    {
        var page = await staff.GetStringAsync("/archive/verify");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Forms.Token(page)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "Upload", name);
        var response = await staff.PostAsync("/archive/verify", form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static List<(string Status, string Path)> Problems(string html)
        => [.. VerifyItem().Matches(html).Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value))).Where(x => x.Item1 != "Ok")];

    [Fact]
    public async Task ARC_01_learner_sees_every_section_of_their_history_in_order()
    {
        var h = await f.HistoryAsync();
        var html = await h.Learner.Client.GetStringAsync("/my/archive");
        var counts = SectionCounts(html);
        Assert.Equal(SectionOrder, counts.Keys.Where(SectionOrder.Contains).ToArray());
        foreach (var key in new[] { "enrollment", "payments", "learning", "commitments", "exams" }) Assert.True(counts[key] > 0, key + " has records");
        // The time line runs in time order: enrollment first, then payment, review and learning, then commitments and the exam.
        var sections = TimelineSection().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal("enrollment", sections[0]);
        Assert.True(sections.IndexOf("exams") > sections.IndexOf("payments"));
        Assert.True(sections.IndexOf("exams") > sections.IndexOf("learning"));
        Assert.True(sections.LastIndexOf("exams") > sections.IndexOf("commitments"));
        foreach (var title in new[] { "提交报名", "审核通过", "支付成功", "课程开通", "签署学习承诺书", "签署考试承诺书", "交卷", "成绩发布" }) Assert.Contains(title, html);
        Assert.Contains("data-testid=\"archive-attachment\"", html);
        Assert.DoesNotContain(People.Id("440106", "1996050", "1050"), html);   // the ID number is masked
    }

    [Fact]
    public async Task ARC_01_staff_see_their_institutions_records_only_other_institutions_nothing_and_the_regulator_all()
    {
        var h = await f.HistoryAsync();
        var url = $"/workbench/archive/{h.Learner.LearnerId}";

        // BAT-10: the training institution sees enrollment, fees, learning and the learning commitment, not the exam.
        var training = SectionCounts(await (await StaffAsync("train.admin")).GetStringAsync(url));
        Assert.True(training["enrollment"] > 0 && training["payments"] > 0 && training["learning"] > 0 && training["commitments"] > 0);
        Assert.Equal(0, training["exams"]);
        // The evaluation institution sees the exam and its exam commitment, not the enrollment.
        var evaluation = SectionCounts(await (await f.Exams.StaffAsync()).GetStringAsync(url));
        Assert.True(evaluation["exams"] > 0 && evaluation["commitments"] > 0);
        Assert.Equal(0, evaluation["enrollment"]);
        Assert.True(training["commitments"] + evaluation["commitments"] <= SectionCounts(await h.Learner.Client.GetStringAsync("/my/archive"))["commitments"]);

        // An admin of another training institution: nothing, not even in the search.
        await App.WithDbAsync(async db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            var other = Institution.Create(InstitutionKind.Training, "示例第二体育培训学校", "52440106MJL00888X", "广州市黄埔区 2 号", "陈一", "陈二",
                "020-88883333", "广东省广州市", now);
            db.Add(other);
            var user = await db.Set<AppUser>().Where(u => u.UserName == "learner3").Select(u => u.Id).SingleAsync();
            db.Add(RoleGrant.Create(user, Roles.TrainingAdmin, other.Id, null, null, now));
            return await db.SaveChangesAsync();
        });
        var outsider = await StaffAsync("learner3");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        var token = Forms.Token(await outsider.GetStringAsync("/archive/verify"));
        var export = await outsider.PostAsync(url + "?handler=Export", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
        var search = await outsider.GetStringAsync("/workbench/archive?q=" + Uri.EscapeDataString(h.Learner.Name));
        Assert.Contains("archive-search-none", search);
        Assert.DoesNotContain(h.Learner.LearnerId.ToString(), search);

        // The training admin finds the learner by name; the regulator sees every section.
        Assert.Contains(h.Learner.LearnerId.ToString(), await (await StaffAsync("train.admin")).GetStringAsync("/workbench/archive?q=" + Uri.EscapeDataString(h.Learner.Name)));
        var regulator = await StaffAsync("regulator");
        Assert.Contains(h.Learner.LearnerId.ToString(), await regulator.GetStringAsync("/workbench/archive?q=" + Uri.EscapeDataString(h.Learner.Name)));
        var all = SectionCounts(await regulator.GetStringAsync(url));
        foreach (var key in new[] { "enrollment", "payments", "learning", "commitments", "exams" }) Assert.True(all[key] > 0, key);
        Assert.True(await App.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "archive.viewed" && a.SubjectId == h.Learner.LearnerId.ToString())));

        // Learners and staff without the permission have no access.
        var denied = await (await StaffAsync("train.teacher")).GetAsync(url);
        Assert.Contains("AccessDenied", denied.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ARC_01_export_zip_contains_records_attachments_and_manifest()
    {
        var h = await f.HistoryAsync();
        var files = Zips.Read(await ExportAsync(h.Learner.Client, "/my/archive"));

        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(files["summary.pdf"], 0, 4));
        foreach (var key in SectionOrder) Assert.True(files.ContainsKey($"records/{key}.json"), key);
        var enrollment = JsonDocument.Parse(files["records/enrollment.json"]).RootElement;
        Assert.Equal("报名与审核", enrollment.GetProperty("title").GetString());
        Assert.Contains(enrollment.GetProperty("records").EnumerateArray(), r => r.GetProperty("type").GetString() == "enrollment_application");
        var exams = JsonDocument.Parse(files["records/exams.json"]).RootElement.GetProperty("records").EnumerateArray().ToList();
        var attempt = Assert.Single(exams, r => r.GetProperty("type").GetString() == "exam_attempt");
        Assert.Equal(h.AttemptId.ToString(), attempt.GetProperty("id").GetString());
        Assert.Equal("Published", attempt.GetProperty("fields").GetProperty("ResultState").GetString());
        Assert.Contains(exams, r => r.GetProperty("type").GetString() == "exam_review");

        // Attachments: the three enrollment materials, the two signed commitments as PDFs.
        Assert.Equal(3, files.Keys.Count(k => k.StartsWith("attachments/enrollment/", StringComparison.Ordinal)));
        var pdfs = files.Where(p => p.Key.StartsWith("attachments/commitments/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, pdfs.Count);
        Assert.All(pdfs, p => Assert.StartsWith("%PDF", Encoding.ASCII.GetString(p.Value, 0, 4)));
        // Identity data: facts only, never templates, images or key material.
        var verification = Encoding.UTF8.GetString(files["records/verification.json"]);
        Assert.DoesNotContain("TemplateCipher", verification);
        Assert.DoesNotContain("WrappedKey", verification);

        // The manifest lists every other file with its SHA-256 and size, and is itself hashed and tied to the audit chain.
        var manifest = Manifest(files);
        var listed = manifest.GetProperty("files").EnumerateArray().ToDictionary(x => x.GetProperty("path").GetString()!, x => x);
        Assert.Equal(files.Keys.Where(k => k is not "manifest.json" and not "manifest.sha256").Order(), listed.Keys.Order());
        foreach (var (path, entry) in listed)
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(files[path])), entry.GetProperty("sha256").GetString());
            Assert.Equal(files[path].LongLength, entry.GetProperty("size").GetInt64());
        }
        Assert.Equal(h.Learner.LearnerId, manifest.GetProperty("learner").GetProperty("id").GetGuid());
        Assert.False(manifest.GetProperty("masking").GetProperty("revealed").GetBoolean());
        Assert.False(manifest.GetProperty("scope").GetProperty("limited").GetBoolean());
        var head = manifest.GetProperty("auditHead");
        var sha = Convert.ToHexStringLower(SHA256.HashData(files["manifest.json"]));
        Assert.Equal($"{sha}  manifest.json\n", Encoding.ASCII.GetString(files["manifest.sha256"]));
        var exported = await App.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().SingleAsync(a => a.Action == "archive.exported" && a.Detail.Contains(sha)));
        Assert.Equal(h.Learner.LearnerId.ToString(), exported.SubjectId);
        Assert.True(exported.Sequence > head.GetProperty("sequence").GetInt64());
        Assert.Equal(head.GetProperty("hash").GetString(),
            await App.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Sequence == head.GetProperty("sequence").GetInt64()).Select(a => a.Hash).SingleAsync()));
    }

    [Fact]
    public async Task PER_02_learners_own_archive_holds_back_scores_until_the_result_is_published()
    {
        var App = f.App;
        var c = await f.ReadyLearnerAsync(App, "1051");
        var staff = await f.Exams.StaffAsync();
        var sitting = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(20), duration: 30, windowMinutes: 40, minSubmit: 0);
        await AddAsync(staff, sitting, c);
        await PrepareAsync(staff, sitting);
        await VerifyAndSignAsync(f.Exams, c, sitting);
        App.Clock.Advance(TimeSpan.FromMinutes(21));
        var e = await EnterAsync(c, sitting);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(c.Client, e, e.Questions[0].Question, 1, [0])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(c.Client, e)).StatusCode);   // scored, not yet reviewed or published

        var files = Zips.Read(await ExportAsync(c.Client, "/my/archive"));
        var attempt = JsonDocument.Parse(files["records/exams.json"]).RootElement.GetProperty("records").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == "exam_attempt").GetProperty("fields");
        Assert.Equal("（成绩未发布）", attempt.GetProperty("Score").GetString());
        Assert.Equal("（成绩未发布）", attempt.GetProperty("Passed").GetString());

        // Staff see the stored score in the same record.
        using var scope = App.Services.CreateScope();
        var part = scope.ServiceProvider.GetServices<IArchiveContributor>().Single(x => x.Key == "exams");
        var section = await part.CollectAsync(new ArchiveRequest(c.LearnerId, null, false, App.Clock.GetUtcNow().UtcDateTime), default);
        Assert.IsType<decimal>(section.Records.Single(r => r.Type == "exam_attempt").Fields["Score"]);
    }

    [Fact]
    public async Task ARC_02_export_manifest_verifies_and_fails_after_a_byte_is_changed()
    {
        var h = await f.HistoryAsync();
        var zip = await ExportAsync(await StaffAsync("train.admin"), $"/workbench/archive/{h.Learner.LearnerId}");
        var checker = await StaffAsync("regulator");

        var (status, html) = await VerifyAsync(checker, zip);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"verify-ok\"", html);
        Assert.Empty(Problems(html));

        // One byte inside one file changed: that file is named.
        var files = Zips.Read(zip);
        var target = files.Keys.First(k => k.StartsWith("records/enrollment", StringComparison.Ordinal));
        var tampered = new Dictionary<string, byte[]>(files) { [target] = (byte[])files[target].Clone() };
        tampered[target][tampered[target].Length / 2] ^= 0x01;
        (status, html) = await VerifyAsync(checker, Zips.Write(tampered));
        Assert.Contains("data-testid=\"verify-failed\"", html);
        Assert.Equal([("Changed", target)], Problems(html));

        // A file removed: missing. A file added: extra.
        var attachment = files.Keys.First(k => k.StartsWith("attachments/", StringComparison.Ordinal));
        (_, html) = await VerifyAsync(checker, Zips.Write(files.Where(p => p.Key != attachment).Append(new("extra/note.txt", "x"u8.ToArray()))));
        Assert.Contains(("Missing", attachment), Problems(html));
        Assert.Contains(("Extra", "extra/note.txt"), Problems(html));

        // The manifest edited (and its checksum file recomputed to match): unknown to the audit chain.
        var manifest = Encoding.UTF8.GetString(files["manifest.json"]).Replace("\"revealed\": false", "\"revealed\": true");
        var edited = new Dictionary<string, byte[]>(files) { ["manifest.json"] = Encoding.UTF8.GetBytes(manifest) };
        edited["manifest.sha256"] = Encoding.ASCII.GetBytes($"{Convert.ToHexStringLower(SHA256.HashData(edited["manifest.json"]))}  manifest.json\n");
        (_, html) = await VerifyAsync(checker, Zips.Write(edited));
        Assert.Equal([("ManifestUnknown", "manifest.json")], Problems(html));

        // Not a ZIP at all: a clear error, nothing checked.
        (status, html) = await VerifyAsync(checker, EnrollmentFlow.Pdf(), "archive.zip");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("不是 ZIP", html);
        Assert.True(await App.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "archive.verified")));
    }

    [Fact]
    public async Task SEC_01_archive_export_masks_the_id_number_unless_the_exporter_may_reveal_it_and_audits_the_reveal()
    {
        var h = await f.HistoryAsync();
        var url = $"/workbench/archive/{h.Learner.LearnerId}";
        var full = People.Id("440106", "1996050", "1050");
        int Reveals() => App.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "sensitive.revealed")).GetAwaiter().GetResult();

        // The regulator has no reveal permission: asking for it changes nothing.
        var before = Reveals();
        var masked = Manifest(Zips.Read(await ExportAsync(await StaffAsync("regulator"), url, reveal: true)));
        Assert.NotEqual(full, masked.GetProperty("learner").GetProperty("idNumber").GetString());
        Assert.Contains("*", masked.GetProperty("learner").GetProperty("idNumber").GetString());
        Assert.False(masked.GetProperty("masking").GetProperty("revealed").GetBoolean());
        Assert.Equal(before, Reveals());

        // The training admin may reveal: without asking it stays masked; asking reveals it, and the reveal is audited.
        var admin = await StaffAsync("train.admin");
        Assert.DoesNotContain("archive-reveal\"", await (await StaffAsync("regulator")).GetStringAsync(url));
        Assert.Contains("archive-reveal\"", await admin.GetStringAsync(url));
        Assert.Contains("*", Manifest(Zips.Read(await ExportAsync(admin, url))).GetProperty("learner").GetProperty("idNumber").GetString());
        Assert.Equal(before, Reveals());
        var revealed = Zips.Read(await ExportAsync(admin, url, reveal: true));
        Assert.Equal(full, Manifest(revealed).GetProperty("learner").GetProperty("idNumber").GetString());
        Assert.True(Manifest(revealed).GetProperty("masking").GetProperty("revealed").GetBoolean());
        Assert.True(Reveals() > before);
        var sha = Convert.ToHexStringLower(SHA256.HashData(revealed["manifest.json"]));
        var entry = await App.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().SingleAsync(a => a.Action == "archive.exported" && a.Detail.Contains(sha)));
        Assert.Contains("\"revealed\":true", entry.Detail);
        Assert.DoesNotContain(full, entry.Detail);
    }

    [GeneratedRegex("data-testid=\"archive-section\" data-key=\"([a-z]+)\" data-records=\"(\\d+)\"")]
    private static partial Regex SectionRow();

    [GeneratedRegex("data-testid=\"archive-event\" data-section=\"([a-z]+)\"")]
    private static partial Regex TimelineSection();

    [GeneratedRegex("data-testid=\"verify-item\" data-status=\"([A-Za-z]+)\" data-path=\"([^\"]*)\"")]
    private static partial Regex VerifyItem();
}
