using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf.IO;
using TrainEval.IntegrationTests.Exams;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.IntegrationTests.Violations;
using TrainEval.Web.Modules.Certificates;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Notifications;
using TrainEval.Web.Platform.Archive;
using TrainEval.Web.Platform.Crypto;
using static TrainEval.IntegrationTests.Certificates.CertificateFlow;

namespace TrainEval.IntegrationTests.Certificates;

/// <summary>CRT-01/02, BAT-09 and VIO-01 (revocation): issuance behind the journey gate, numbers, corrections, revocation, verification, PDF.</summary>
public sealed class CertificateTests(CertificatesFixture f) : IClassFixture<CertificatesFixture>
{
    private TestApp App => f.App;

    private static string IdOf(string seq) => People.Id("440106", "19960505", seq);

    private Task<Project> ProjectAsync(Guid id) => App.WithDbAsync(db => db.Set<Project>().AsNoTracking().SingleAsync(p => p.Id == id));

    [Fact]
    public async Task CRT_01_not_eligible_is_refused_with_what_is_missing()
    {
        var c = await ExamFlow.ReadyLearnerAsync(App, "100");
        var staff = await f.StaffAsync();
        var list = await staff.GetStringAsync($"/workbench/certificates?ProjectId={c.ProjectId}");
        Assert.Contains($"data-learner=\"{c.LearnerId}\" data-eligible=\"false\"", list);

        var refused = await IssueAsync(staff, c.ProjectId, c.LearnerId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("尚不符合核发条件", html);
        Assert.Contains("考前身份核验", html);   // the first unfinished step, named
        Assert.False(await App.WithDbAsync(db => db.Set<Certificate>().AnyAsync(x => x.LearnerId == c.LearnerId)));
    }

    [Fact]
    public async Task CRT_01_eligible_learner_gets_a_certificate_whose_data_equals_identity_project_and_result()
    {
        var c = (await PassedAsync(f, "101"))[0];
        var journey = await c.Client.GetStringAsync($"/api/v1/journey/{c.ProjectId}");
        Assert.Contains("\"key\":\"certificate\",\"title\":\"证书\",\"state\":\"current\"", journey);
        var staff = await f.StaffAsync();
        Assert.Contains($"data-learner=\"{c.LearnerId}\" data-eligible=\"true\"", await staff.GetStringAsync($"/workbench/certificates?ProjectId={c.ProjectId}"));

        var cert = await IssuedAsync(App, staff, c);
        var project = await ProjectAsync(c.ProjectId);
        Assert.Equal(c.Name, cert.HolderName);
        Assert.Equal("居民身份证", cert.IdTypeName);
        Assert.Equal(Masking.IdNumber(IdOf("101")), cert.IdNumberMasked);
        using (var scope = App.Services.CreateScope())
            Assert.Equal(IdOf("101"), scope.ServiceProvider.GetRequiredService<FieldProtector>().Decrypt(cert.IdNumberCipher, Certificate.IdPurpose));
        Assert.Equal(project.Name, cert.ProjectName);
        Assert.Equal(project.Occupation, cert.Occupation);
        Assert.Equal(project.Level, cert.Level);
        Assert.Equal(project.EvaluationInstitutionId, cert.EvaluationInstitutionId);
        Assert.Equal("合格", cert.Result);
        Assert.StartsWith("理论知识 80/", cert.ResultDetail);
        Assert.Equal("示例体育职业技能评价中心", cert.InstitutionName);
        Assert.Matches(CertificateNumbers.NumberPattern(), cert.Number);
        Assert.StartsWith($"{CertificateNumbers.DefaultInstitutionCode(project.EvaluationInstitutionId)}-2026-{CertificateNumbers.OccupationCode(project.Code, project.Level)}-{project.Level}-",
            cert.Number);
        Assert.Equal(CertificateNumbers.CodeLength, cert.VerificationCode.Length);
        Assert.All(cert.VerificationCode, ch => Assert.Contains(ch, CertificateNumbers.Alphabet));

        Assert.True(await App.WithDbAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.UserId == c.LearnerId && m.Title == "证书已核发")));
        Assert.Contains("\"key\":\"certificate\",\"title\":\"证书\",\"state\":\"done\"", await c.Client.GetStringAsync($"/api/v1/journey/{c.ProjectId}"));
        var mine = await c.Client.GetStringAsync("/my/certificates");
        Assert.Contains(cert.Number, mine);

        // One live certificate per learner and project.
        var again = await IssueAsync(staff, c.ProjectId, c.LearnerId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Single(await App.WithDbAsync(db => db.Set<Certificate>().Where(x => x.LearnerId == c.LearnerId).ToListAsync()));

        // The archive part: events, records (masked ID) and the PDF.
        using var archiveScope = App.Services.CreateScope();
        var contributor = archiveScope.ServiceProvider.GetServices<IArchiveContributor>().Single(x => x.Key == "certificates");
        Assert.Equal(90, contributor.Order);
        var section = await contributor.CollectAsync(new ArchiveRequest(c.LearnerId, null, false, App.Clock.GetUtcNow().UtcDateTime), default);
        Assert.Contains(section.Events, e => e.Title.Contains(cert.Number));
        Assert.Equal(cert.IdNumberMasked, section.Records.Single(r => r.Type == "certificate").Fields["idNumber"]);
        Assert.Equal("%PDF-"u8.ToArray(), (await section.Attachments.Single().ReadAsync(default))[..5]);
    }

    [Fact]
    public async Task CRT_01_batch_issue_gives_unique_consecutive_numbers()
    {
        var passed = await PassedAsync(f, "102", "103");
        var staff = await f.StaffAsync();
        var response = await staff.PostFormAsync($"/workbench/certificates?ProjectId={passed[0].ProjectId}",
            new Dictionary<string, string> { ["ProjectId"] = passed[0].ProjectId.ToString() }, "IssueAll");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var ids = passed.Select(p => p.LearnerId).ToList();
        var certs = await App.WithDbAsync(db => db.Set<Certificate>().AsNoTracking().Where(x => ids.Contains(x.LearnerId)).ToListAsync());
        Assert.Equal(2, certs.Count);
        // One transaction, one reservation: the batch (which may include other eligible learners of the project) is a consecutive run.
        var at = certs[0].IssuedAtUtc;
        Assert.All(certs, x => Assert.Equal(at, x.IssuedAtUtc));
        var batch = await App.WithDbAsync(db => db.Set<Certificate>().Where(x => x.IssuedAtUtc == at && x.ReplacesId == null).Select(x => x.Number).ToListAsync());
        var serials = batch.Select(n => int.Parse(n.Split('-')[^1])).Order().ToList();
        Assert.Equal(Enumerable.Range(serials[0], serials.Count), serials);
        var all = await App.WithDbAsync(db => db.Set<Certificate>().Select(x => x.Number).ToListAsync());
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.NotEqual(certs[0].VerificationCode, certs[1].VerificationCode);
    }

    [Fact]
    public async Task CRT_01_correction_before_print_keeps_a_trace_and_the_number()
    {
        var c = (await PassedAsync(f, "104"))[0];
        var staff = await f.StaffAsync();
        var cert = await IssuedAsync(App, staff, c);

        var bad = await ActAsync(staff, cert.Id, "Correct", new() { ["Field"] = "HolderName", ["Value"] = "", ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("请填写更正原因", await bad.Content.ReadAsStringAsync());

        var ok = await ActAsync(staff, cert.Id, "Correct", new() { ["Field"] = "HolderName", ["Value"] = "学员壹零肆", ["Reason"] = "报名时姓名录入错误，学员提交身份证复印件" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var after = await CertificateAsync(App, cert.Id);
        Assert.Equal(cert.Number, after.Number);
        Assert.Equal("学员壹零肆", after.HolderName);
        Assert.Equal(1, after.Corrections);
        var trace = await App.WithDbAsync(db => db.Set<CertificateCorrection>().AsNoTracking().SingleAsync(x => x.CertificateId == cert.Id));
        Assert.Equal((c.Name, "学员壹零肆", "HolderName", "吴婷"), (trace.OldValue, trace.NewValue, trace.Field, trace.ByName));
        Assert.Contains("身份证复印件", trace.Reason);
        Assert.Null(trace.ReplacementId);

        var verify = await Anonymous(App).GetStringAsync($"/verify-certificate?Number={cert.Number}&Name=学员壹零肆");
        Assert.Contains("data-testid=\"verify-corrected\"", verify);
        Assert.Contains(Masking.Name("学员壹零肆"), verify);
    }

    [Fact]
    public async Task CRT_01_correction_after_print_issues_a_new_certificate_and_replaces_the_old()
    {
        var c = (await PassedAsync(f, "105"))[0];
        var staff = await f.StaffAsync();
        var cert = await IssuedAsync(App, staff, c);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(staff, cert.Id, "Print")).StatusCode);

        var moved = await ActAsync(staff, cert.Id, "Correct", new() { ["Field"] = "HolderName", ["Value"] = "学员壹零伍", ["Reason"] = "证书下发后发现姓名错误，错证寄回" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var newId = Guid.Parse(moved.Headers.Location!.OriginalString.Split('/')[^1]);
        Assert.NotEqual(cert.Id, newId);
        var old = await CertificateAsync(App, cert.Id);
        var fresh = await CertificateAsync(App, newId);
        Assert.Equal(CertificateStatus.Replaced, old.Status);
        Assert.Equal(newId, old.ReplacedById);
        Assert.Equal(c.Name, old.HolderName);   // the old record keeps what was printed
        Assert.Equal(CertificateStatus.Issued, fresh.Status);
        Assert.Equal(cert.Id, fresh.ReplacesId);
        Assert.Equal("学员壹零伍", fresh.HolderName);
        Assert.NotEqual(cert.Number, fresh.Number);
        Assert.Equal(cert.IdNumberCipher.Length > 0, fresh.IdNumberCipher.Length > 0);
        var kinds = await App.WithDbAsync(db => db.Set<CertificateEvent>().Where(e => e.CertificateId == cert.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal(["issued", "printed", "replaced"], kinds);
        Assert.Equal(newId, (await App.WithDbAsync(db => db.Set<CertificateCorrection>().AsNoTracking().SingleAsync(x => x.CertificateId == cert.Id))).ReplacementId);

        var verify = await Anonymous(App).GetStringAsync($"/verify-certificate/{old.VerificationCode}");
        Assert.Contains("data-status=\"replaced\"", verify);
        Assert.Contains($"href=\"/verify-certificate/{fresh.VerificationCode}\"", verify);
        Assert.Contains(fresh.Number, verify);
        // The replaced certificate cannot be acted on any more.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(staff, cert.Id, "Revoke", new() { ["Reason"] = "测试撤销原因" })).StatusCode);
    }

    [Fact]
    public async Task CRT_01_violation_confirmed_later_revokes_the_certificate_automatically()
    {
        var c = (await PassedAsync(f, "106"))[0];
        var staff = await f.StaffAsync();
        var cert = await IssuedAsync(App, staff, c);
        App.Clock.Advance(TimeSpan.FromMinutes(5));

        var proctor = await f.StaffAsync("eval.proctor");
        var learner = new EnrolledLearner(c.Client, c.LearnerId, Guid.Empty, c.ProjectId, cert.EvaluationInstitutionId);
        var violation = await ViolationsKit.RecordedAsync(proctor, ViolationsKit.Form(learner, "3-1", "经核查，该学员报名时提交的学历证明系伪造，发证学校出具书面说明。",
            ViolationsKit.ChinaNow(App, 60)), ("学校说明.pdf", EnrollmentFlow.Pdf()));
        EnrollmentFlow.Redirects(await ViolationsKit.DecideAsync(staff, violation, "Confirm", "学校书面说明属实"));

        await ExamFlow.RunJobAsync<RevokeOnViolationJob>(App);
        var revoked = await CertificateAsync(App, cert.Id);
        Assert.Equal(CertificateStatus.Revoked, revoked.Status);
        Assert.Equal(violation, revoked.RevokedByViolationId);
        Assert.Contains("3-1", revoked.RevokedReason);
        Assert.True(await App.WithDbAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.UserId == c.LearnerId && m.Title == "证书已撤销")));

        await ExamFlow.RunJobAsync<RevokeOnViolationJob>(App);   // idempotent
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<CertificateEvent>().CountAsync(e => e.CertificateId == cert.Id && e.Kind == "revoked")));
        var page = await Anonymous(App).GetStringAsync($"/verify-certificate/{cert.VerificationCode}");
        Assert.Contains("已撤销", page);
        Assert.Contains("3-1", page);
    }

    /// <summary>Two learners with issued certificates, shared by the read-only verification and PDF tests.</summary>
    private static readonly ConcurrentDictionary<TestApp, Lazy<Task<(Candidate C, Certificate Cert)[]>>> Shared = new();

    private Task<(Candidate C, Certificate Cert)[]> SharedAsync() => Shared.GetOrAdd(App, _ => new(async () =>
    {
        var passed = await PassedAsync(f, "107", "108");
        var staff = await f.StaffAsync();
        return [(passed[0], await IssuedAsync(App, staff, passed[0])), (passed[1], await IssuedAsync(App, staff, passed[1]))];
    })).Value;

    [Fact]
    public async Task CRT_02_public_verification_by_number_and_name_and_by_code()
    {
        var (c, cert) = (await SharedAsync())[0];
        var anonymous = Anonymous(App);

        var byNumber = await anonymous.GetAsync($"/verify-certificate?Number={cert.Number.ToLowerInvariant()}&Name={Uri.EscapeDataString(" " + c.Name + " ")}");
        Assert.Equal(HttpStatusCode.OK, byNumber.StatusCode);
        var html = await byNumber.Content.ReadAsStringAsync();
        Assert.Contains("data-status=\"issued\"", html);
        Assert.Contains(Masking.Name(c.Name), html);   // 学***七
        Assert.DoesNotContain(c.Name, html);
        Assert.DoesNotContain(cert.IdNumberMasked, html);
        Assert.Contains(cert.ProjectName, html);
        Assert.Contains(cert.LevelName, html);
        Assert.Contains("示例体育职业技能评价中心", html);
        Assert.Contains("2026-11-25", html);

        var byCode = await anonymous.GetStringAsync($"/verify-certificate/{cert.VerificationCode}");
        Assert.Contains($"证书编号 {cert.Number}", byCode);
        var grouped = await anonymous.GetStringAsync($"/verify-certificate?code={CertificateNumbers.Grouped(cert.VerificationCode).ToLowerInvariant()}");
        Assert.Contains("data-status=\"issued\"", grouped);
    }

    [Fact]
    public async Task CRT_02_wrong_name_or_number_gives_one_generic_not_found_and_bad_input_a_clear_error()
    {
        var (c, cert) = (await SharedAsync())[1];
        var anonymous = Anonymous(App);

        var wrongName = await anonymous.GetAsync($"/verify-certificate?Number={cert.Number}&Name=张三");
        var serial = int.Parse(cert.Number.Split('-')[^1]);
        var otherNumber = cert.Number[..cert.Number.LastIndexOf('-')] + "-" + (serial + 500).ToString("D6");
        var wrongNumber = await anonymous.GetAsync($"/verify-certificate?Number={otherNumber}&Name={Uri.EscapeDataString(c.Name)}");
        var unknownCode = await anonymous.GetAsync("/verify-certificate/ABCDEFGHJKLMNPQR");
        foreach (var r in new[] { wrongName, wrongNumber, unknownCode })
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var html = await r.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"verify-not-found\"", html);
            Assert.DoesNotContain("data-testid=\"verify-result\"", html);
        }
        static string Message(string html) => Regex.Match(html, "data-testid=\"verify-not-found\">([^<]*)<").Groups[1].Value;
        Assert.Equal(Message(await wrongName.Content.ReadAsStringAsync()), Message(await wrongNumber.Content.ReadAsStringAsync()));

        var badNumber = await anonymous.GetAsync("/verify-certificate?Number=123&Name=张三");
        Assert.Equal(HttpStatusCode.BadRequest, badNumber.StatusCode);
        Assert.Contains("证书编号格式不正确", await badNumber.Content.ReadAsStringAsync());
        var badCode = await anonymous.GetAsync("/verify-certificate/0000-<script>");
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        var badHtml = await badCode.Content.ReadAsStringAsync();
        Assert.Contains("查验码应为 16 位", badHtml);
        Assert.DoesNotContain("<script>", badHtml);
    }

    [Fact]
    public async Task CRT_02_revoked_certificate_stays_verifiable_with_date_and_reason()
    {
        var c = (await PassedAsync(f, "109"))[0];
        var staff = await f.StaffAsync();
        var cert = await IssuedAsync(App, staff, c);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(staff, cert.Id, "Revoke", new() { ["Reason"] = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(staff, cert.Id, "Revoke", new() { ["Reason"] = "经查实报名材料系伪造，依规撤销" })).StatusCode);

        var html = await Anonymous(App).GetStringAsync($"/verify-certificate?Number={cert.Number}&Name={Uri.EscapeDataString(c.Name)}");
        Assert.Contains("data-status=\"revoked\"", html);
        Assert.Contains("已撤销", html);
        Assert.Contains("经查实报名材料系伪造，依规撤销", html);
        Assert.Contains("本证书已于 2026-11-25 撤销", html);
        Assert.Equal(HttpStatusCode.NotFound, (await c.Client.GetAsync($"/my/certificates/{cert.Id}/pdf")).StatusCode);
        Assert.Contains("已撤销", await c.Client.GetStringAsync("/my/certificates"));
        Assert.Contains("\"key\":\"certificate\",\"title\":\"证书\",\"state\":\"current\"", await c.Client.GetStringAsync($"/api/v1/journey/{c.ProjectId}"));
    }

    [Fact]
    public async Task CRT_02_pdf_is_a_real_landscape_pdf_with_the_qr_verification_url()
    {
        var shared = await SharedAsync();
        var (c, cert) = shared[0];
        Assert.Contains($"/my/certificates/{cert.Id}/pdf", await c.Client.GetStringAsync("/my/certificates"));

        var response = await c.Client.GetAsync($"/my/certificates/{cert.Id}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        Assert.InRange(bytes.Length, 10_000, 1_500_000);
        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.Equal(1, pdf.PageCount);
        Assert.True(pdf.Pages[0].Width.Point > pdf.Pages[0].Height.Point, "landscape");
        Assert.Equal($"职业技能等级证书 {cert.Number}", pdf.Info.Title);
        var url = $"http://localhost/verify-certificate/{cert.VerificationCode}";
        Assert.Contains(url, Encoding.Latin1.GetString(bytes));   // the QR's target, also a link annotation
        Assert.Contains(url, pdf.Info.Subject);
        // Someone else's certificate is not served.
        var other = shared[1].C;
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/my/certificates/{cert.Id}/pdf")).StatusCode);
    }

    private static void AccessDenied(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Contains("AccessDenied", r.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task BAT_09_only_the_evaluation_institution_issues_and_print_send_receipt_are_tracked()
    {
        var c = (await PassedAsync(f, "112"))[0];
        var staff = await f.StaffAsync();

        var training = await f.StaffAsync("train.admin");
        AccessDenied(await training.GetAsync("/workbench/certificates"));
        var proctor = await f.StaffAsync("eval.proctor");
        AccessDenied(await proctor.GetAsync("/workbench/certificates"));
        AccessDenied(await c.Client.GetAsync("/workbench/certificates"));
        var regulator = await f.StaffAsync("regulator");
        AccessDenied(await IssueAsync(regulator, c.ProjectId, c.LearnerId));
        Assert.False(await App.WithDbAsync(db => db.Set<Certificate>().AnyAsync(x => x.LearnerId == c.LearnerId)));

        var cert = await IssuedAsync(App, staff, c);
        Assert.Contains(cert.Number, await regulator.GetStringAsync("/workbench/certificates"));   // read-only view of all institutions
        var detail = await regulator.GetStringAsync($"/workbench/certificates/{cert.Id}");
        Assert.DoesNotContain("data-testid=\"certificate-revoke\"", detail);
        AccessDenied(await ActAsync(regulator, cert.Id, "Print"));
        Assert.Null((await CertificateAsync(App, cert.Id)).PrintedAtUtc);

        // Receipt only after delivery; sending only after printing; tracking numbers checked.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await c.Client.PostFormAsync("/my/certificates", new Dictionary<string, string>(), $"Receive&id={cert.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(staff, cert.Id, "Send", new() { ["Carrier"] = "EMS", ["TrackingNo"] = "1234567890" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(staff, cert.Id, "Print")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(staff, cert.Id, "Send", new() { ["Carrier"] = "EMS", ["TrackingNo"] = "12<>" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(staff, cert.Id, "Send", new() { ["Carrier"] = "EMS", ["TrackingNo"] = "EA123456789CN" })).StatusCode);
        Assert.Contains("data-testid=\"my-certificate-receive\"", await c.Client.GetStringAsync("/my/certificates"));
        Assert.Equal(HttpStatusCode.Redirect, (await c.Client.PostFormAsync("/my/certificates", new Dictionary<string, string>(), $"Receive&id={cert.Id}")).StatusCode);

        var events = await App.WithDbAsync(db => db.Set<CertificateEvent>().AsNoTracking().Where(e => e.CertificateId == cert.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["issued", "printed", "sent", "received"], events.Select(e => e.Kind));
        Assert.Equal(("EMS", "EA123456789CN"), (events[2].Carrier, events[2].TrackingNo));
        var tracked = await CertificateAsync(App, cert.Id);
        Assert.NotNull(tracked.PrintedAtUtc);
        Assert.Equal("sent", tracked.Delivery);
        Assert.NotNull(tracked.ReceivedAtUtc);
        Assert.Contains("学员签收", await staff.GetStringAsync($"/workbench/certificates/{cert.Id}"));
    }
}

/// <summary>CRT-02: the public verification page is rate-limited per address (own app with a low limit).</summary>
public sealed class CertificateRateLimitTests : IDisposable
{
    private readonly TestApp app;

    public CertificateRateLimitTests()
    {
        app = new TestApp(seed: false);
        app.Settings["Platform:RateLimits:CertificateVerifyPerMinute"] = "3";
    }

    [Fact]
    public async Task CRT_02_verification_guessing_is_rate_limited_with_429()
    {
        var client = app.Browser();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/verify-certificate/ABCDEFGHJKLMNP{(char)('2' + i)}A")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/verify-certificate/ABCDEFGHJKLMNPQR")).StatusCode);
    }

    public void Dispose() => app.Dispose();
}
