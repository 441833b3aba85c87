using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Complaints;
using TrainEval.Web.Modules.Notifications;
using TrainEval.Web.Platform.Archive;
using TrainEval.Web.Platform.Audit;
using static TrainEval.IntegrationTests.Complaints.ComplaintsKit;

namespace TrainEval.IntegrationTests.Complaints;

/// <summary>SUP-01: filing (learner and public), tracking, attachments, scope, handling, SLA, rating, reopen, summary and the archive part.</summary>
public sealed class ComplaintsTests(TestAppFixture f) : IClassFixture<TestAppFixture>
{
    private TestApp App => f.App;

    [Fact]
    public async Task SUP_01_learner_files_with_an_attachment_and_follows_it()
    {
        var (learner, learnerId) = await LearnerAsync(App, "1100");
        var form = await learner.GetStringAsync("/my/complaints/new");
        Assert.Contains("complaint-time-limits", form);
        Assert.Contains("5 个工作日", form);   // fees: published reply limit

        var id = await FileLearnerAsync(learner, Fields(category: "Fees", institution: await InstitutionIdAsync(App, TrainingInstitution)),
            ("receipt.png", EnrollmentFlow.Png()), ("refund.pdf", EnrollmentFlow.Pdf()));
        var c = await ComplaintAsync(App, id);
        Assert.Matches(@"^TS-2026-\d{6}$", c.Number);
        Assert.Equal(learnerId, c.ComplainantUserId);
        Assert.Equal(ComplaintState.Submitted, c.State);
        Assert.Equal(ComplaintChannel.Learner, c.Channel);
        Assert.Equal("", c.AccessCodeHash);
        // Filed Wed 2026-11-25 10:00 China: acknowledge by the end of Thu 26th, reply by the end of the 5th working day (Wed 2 Dec).
        Assert.Equal(new DateTime(2026, 11, 26, 16, 0, 0, DateTimeKind.Utc), c.AcknowledgeDueUtc);
        Assert.Equal(new DateTime(2026, 12, 2, 16, 0, 0, DateTimeKind.Utc), c.ReplyDueUtc);
        var files = await App.WithDbAsync(db => db.Set<ComplaintAttachment>().Where(a => a.ComplaintId == id).ToListAsync());
        Assert.Equal(2, files.Count);

        var page = await learner.GetStringAsync($"/my/complaints/{id}");
        Assert.Contains(c.Number, page);
        Assert.Contains("待受理", page);
        var list = await learner.GetStringAsync("/my/complaints");
        Assert.Contains(c.Number, list);
        var download = await learner.GetAsync($"/my/complaints/{id}/files/{files.Single(x => x.ContentType == "application/pdf").Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);

        var (other, _) = await LearnerAsync(App, "1101");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/my/complaints/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/my/complaints/{id}/files/{files[0].Id}")).StatusCode);
    }

    [Fact]
    public async Task SUP_01_public_files_without_login_and_tracks_with_number_and_code()
    {
        var anon = App.Browser();
        Assert.Contains("complaint-time-limits", await anon.GetStringAsync("/complaints"));
        var (number, code) = await FilePublicAsync(anon, Fields(category: "Certificate", subject: "证书姓名错误", name: "赵公众", phone: "139 1234 5678",
            email: "zhao@example.com", text: "证书上的姓名与身份证不一致，请更正并重新发放。"), ("id.png", EnrollmentFlow.Png()));
        Assert.Matches(@"^TS-2026-\d{6}$", number);
        Assert.Matches(@"^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$", code);
        Assert.Contains("complaint-filed-gone", await anon.GetStringAsync("/complaints/filed"));   // shown once

        var c = await App.WithDbAsync(db => db.Set<Complaint>().AsNoTracking().SingleAsync(x => x.Number == number));
        Assert.Null(c.ComplainantUserId);
        Assert.Equal("139****5678", c.PhoneMasked);
        Assert.DoesNotContain("13912345678", c.PhoneCipher);
        Assert.Equal("z***@example.com", c.EmailMasked);
        Assert.DoesNotContain(code.Replace("-", ""), c.AccessCodeHash, StringComparison.OrdinalIgnoreCase);
        Assert.Null(c.InstitutionId);   // no institution named: the platform operator handles it

        var tracked = await anon.PostFormAsync("/complaints/track", new Dictionary<string, string> { ["Number"] = number.ToLowerInvariant(), ["Code"] = code.Replace("-", "").ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.OK, tracked.StatusCode);
        var html = await tracked.Content.ReadAsStringAsync();
        Assert.Contains("证书姓名错误", html);
        Assert.Contains("139****5678", html);
        Assert.DoesNotContain("13912345678", html);

        var wrong = await anon.PostFormAsync("/complaints/track", new Dictionary<string, string> { ["Number"] = number, ["Code"] = "ABCDE-ABCDE-ABCDE-ABCDE" });
        var unknown = await anon.PostFormAsync("/complaints/track", new Dictionary<string, string> { ["Number"] = "TS-2026-999999", ["Code"] = code });
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var w = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("未找到匹配的投诉", w);
        Assert.Equal(Strip(w), Strip(await unknown.Content.ReadAsStringAsync()));   // no hint which part was wrong
        Assert.DoesNotContain("证书姓名错误", w);
    }

    private static string Strip(string html) => System.Text.RegularExpressions.Regex.Replace(html, "value=\"[^\"]*\"", "");

    [Fact]
    public async Task SUP_01_bad_attachments_and_bad_fields_are_refused_and_nothing_is_stored()
    {
        var anon = App.Browser();
        var before = await App.WithDbAsync(async db => (await db.Set<Complaint>().CountAsync(), await db.Set<ComplaintAttachment>().CountAsync()));
        var filesBefore = Directory.GetFiles(Path.Combine(App.Directory, "files"), "*", SearchOption.AllDirectories).Length;
        var fields = Fields(name: "钱公众", phone: "13912340001");

        var fake = await FileAsync(anon, "/complaints/new", fields, ("ok.png", EnrollmentFlow.Png()), ("fake.pdf", "not really a pdf, just text"u8.ToArray()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fake.StatusCode);
        Assert.Contains("无法识别的文件类型", await fake.Content.ReadAsStringAsync());

        var big = new byte[5 * 1024 * 1024 + 10];
        EnrollmentFlow.Pdf().CopyTo(big, 0);
        var tooBig = await FileAsync(anon, "/complaints/new", fields, ("big.pdf", big));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooBig.StatusCode);
        Assert.Contains("文件过大", await tooBig.Content.ReadAsStringAsync());

        var four = await FileAsync(anon, "/complaints/new", fields, ("1.png", EnrollmentFlow.Png()), ("2.png", EnrollmentFlow.Png()), ("3.png", EnrollmentFlow.Png()), ("4.png", EnrollmentFlow.Png()));
        Assert.Contains("附件最多 3 个", await four.Content.ReadAsStringAsync());

        var bad = await FileAsync(anon, "/complaints/new", new Dictionary<string, string> { ["Category"] = "Bogus", ["Subject"] = "<b>x</b>", ["Text"] = "短", ["Phone"] = "12345" });
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        foreach (var msg in new[] { "请选择投诉类别", "请填写您的姓名", "请填写 11 位中国大陆手机号码", "请写明投诉事项" }) Assert.Contains(msg, body);

        var after = await App.WithDbAsync(async db => (await db.Set<Complaint>().CountAsync(), await db.Set<ComplaintAttachment>().CountAsync()));
        Assert.Equal(before, after);
        Assert.Equal(filesBefore, Directory.GetFiles(Path.Combine(App.Directory, "files"), "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task SUP_01_only_the_institution_complained_about_handles_it_regulator_reads_operator_gets_the_rest()
    {
        var (learner, _) = await LearnerAsync(App, "1102");
        var id = await FileLearnerAsync(learner, Fields(category: "Learning", subject: "学时未记录", institution: await InstitutionIdAsync(App, TrainingInstitution)));
        var anon = App.Browser();
        var (platformNumber, _) = await FilePublicAsync(anon, Fields(category: "Other", subject: "平台页面打不开", name: "孙公众", phone: "13912340002"));
        var platformId = await App.WithDbAsync(db => db.Set<Complaint>().Where(c => c.Number == platformNumber).Select(c => c.Id).SingleAsync());

        var eval = await StaffAsync(App, "eval.admin");
        Assert.DoesNotContain(id.ToString(), await eval.GetStringAsync("/workbench/complaints?State="));
        Assert.Equal(HttpStatusCode.NotFound, (await eval.GetAsync($"/workbench/complaints/{id}")).StatusCode);
        var token = Forms.Token(await eval.GetStringAsync("/workbench/complaints"));
        var blind = await eval.PostAsync($"/workbench/complaints/{platformId}?handler=Acknowledge",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, blind.StatusCode);

        var train = await StaffAsync(App, "train.admin");
        var queue = await train.GetStringAsync("/workbench/complaints");
        Assert.Contains(id.ToString(), queue);
        Assert.DoesNotContain(platformId.ToString(), queue);

        var regulator = await StaffAsync(App, "regulator");
        var all = await regulator.GetStringAsync("/workbench/complaints?State=");
        Assert.Contains(id.ToString(), all);
        Assert.Contains(platformId.ToString(), all);
        Assert.Contains("complaint-read-only", await regulator.GetStringAsync($"/workbench/complaints/{id}"));
        var refused = await regulator.PostFormAsync($"/workbench/complaints/{id}", new Dictionary<string, string> { ["Outcome"] = "Upheld", ["Reply"] = "监管人员不应能答复此投诉内容" }, "Reply");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var op = await StaffAsync(App, "operator");
        var opQueue = await op.GetStringAsync("/workbench/complaints");
        Assert.Contains(platformId.ToString(), opQueue);
        Assert.DoesNotContain(id.ToString(), opQueue);
        EnrollmentFlow.Redirects(await ActAsync(op, platformId, "Acknowledge"));
        Assert.NotEqual(HttpStatusCode.OK, (await learner.GetAsync("/workbench/complaints")).StatusCode);
        Assert.Equal(ComplaintState.Submitted, (await ComplaintAsync(App, id)).State);
    }

    [Fact]
    public async Task SUP_01_assignment_notes_reply_notification_reopen_once_rating_once_and_close()
    {
        var (learner, learnerId) = await LearnerAsync(App, "1103");
        var id = await FileLearnerAsync(learner, Fields(category: "Score", subject: "理论成绩有误", institution: await InstitutionIdAsync(App, EvaluationInstitution),
            text: "理论考试成绩与本人估分相差较大，申请核查答卷和评分记录。"));
        var staff = await StaffAsync(App, "eval.admin");
        var detail = await staff.GetStringAsync($"/workbench/complaints/{id}");
        Assert.Contains("complaint-assignee-select", detail);

        EnrollmentFlow.Redirects(await ActAsync(staff, id, "Acknowledge", new() { ["Note"] = "已调取答卷" }));
        Assert.Equal(ComplaintState.InProgress, (await ComplaintAsync(App, id)).State);
        var inbox = await Messages(learnerId);
        Assert.Contains(inbox, m => m.Title.StartsWith("投诉已受理") && m.Body.Contains("前答复"));

        var assignee = await App.WithDbAsync(db => db.Set<TrainEval.Web.Platform.Auth.AppUser>().Where(u => u.UserName == "eval.admin").Select(u => u.Id).SingleAsync());
        EnrollmentFlow.Redirects(await ActAsync(staff, id, "Assign", new() { ["AssigneeId"] = assignee.ToString() }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(staff, id, "Assign", new() { ["AssigneeId"] = Guid.NewGuid().ToString() })).StatusCode);
        Assert.Equal(assignee, (await ComplaintAsync(App, id)).AssigneeId);
        EnrollmentFlow.Redirects(await ActAsync(staff, id, "Note", new() { ["Note"] = "内部：已联系考评员复核第12题" }));
        Assert.DoesNotContain("已联系考评员复核第12题", await learner.GetStringAsync($"/my/complaints/{id}"));
        Assert.Contains("已联系考评员复核第12题", await staff.GetStringAsync($"/workbench/complaints/{id}"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(staff, id, "Reply", new() { ["Outcome"] = "NotUpheld", ["Reply"] = "短" })).StatusCode);
        const string reply = "经复核答卷与评分记录，成绩计算无误，维持原成绩。";
        EnrollmentFlow.Redirects(await ActAsync(staff, id, "Reply", new() { ["Outcome"] = "NotUpheld", ["Reply"] = reply }));
        var replied = (await Messages(learnerId)).Single(m => m.Title.StartsWith("投诉已答复"));
        Assert.Contains(reply, replied.Body);
        Assert.Contains("经核查不属实", replied.Body);
        Assert.Equal($"/my/complaints/{id}", replied.Link);
        var page = await learner.GetStringAsync($"/my/complaints/{id}");
        Assert.Contains(reply, page);
        Assert.Contains("complaint-rate-form", page);
        Assert.Contains("complaint-reopen-form", page);
        Assert.Contains("complaint-close-wait", await staff.GetStringAsync($"/workbench/complaints/{id}"));   // cannot close before rating / window
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(staff, id, "Close")).StatusCode);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await learner.PostFormAsync($"/my/complaints/{id}", new Dictionary<string, string> { ["ReopenReason"] = "" }, "Reopen")).StatusCode);
        EnrollmentFlow.Redirects(await learner.PostFormAsync($"/my/complaints/{id}", new Dictionary<string, string> { ["ReopenReason"] = "第12题答案与教材一致，请再次核查" }, "Reopen"));
        var reopened = await ComplaintAsync(App, id);
        Assert.Equal(ComplaintState.InProgress, reopened.State);
        Assert.Equal(1, reopened.ReopenCount);
        EnrollmentFlow.Redirects(await ActAsync(staff, id, "Reply", new() { ["Outcome"] = "Upheld", ["Reply"] = "再次核查，第12题标准答案有误，已更正成绩并重新发布。" }));
        var second = await learner.PostFormAsync($"/my/complaints/{id}", new Dictionary<string, string> { ["ReopenReason"] = "还想再申请一次重新处理" }, "Reopen");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);   // only one reopen
        Assert.Contains("已申请过一次重新处理", await second.Content.ReadAsStringAsync());
        Assert.Equal(1, (await ComplaintAsync(App, id)).ReopenCount);

        EnrollmentFlow.Redirects(await learner.PostFormAsync($"/my/complaints/{id}", new Dictionary<string, string> { ["Rating"] = "4", ["RatingComment"] = "处理及时" }, "Rate"));
        var again = await learner.PostFormAsync($"/my/complaints/{id}", new Dictionary<string, string> { ["Rating"] = "1" }, "Rate");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("只能评价一次", await again.Content.ReadAsStringAsync());
        Assert.Equal(4, (await ComplaintAsync(App, id)).Rating);

        EnrollmentFlow.Redirects(await ActAsync(staff, id, "Close", new() { ["Note"] = "已更正成绩" }));
        var closed = await ComplaintAsync(App, id);
        Assert.Equal(ComplaintState.Closed, closed.State);
        var kinds = await App.WithDbAsync(db => db.Set<ComplaintEvent>().Where(e => e.ComplaintId == id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal(["filed", "acknowledged", "assigned", "note", "replied", "reopened", "replied", "rated", "closed"], kinds);
        var audited = await App.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.SubjectType == "complaint" && a.SubjectId == id.ToString()).Select(a => a.Action).ToListAsync());
        foreach (var a in new[] { "complaint.filed", "complaint.acknowledged", "complaint.assigned", "complaint.noted", "complaint.replied", "complaint.reopened", "complaint.rated", "complaint.closed" })
            Assert.Contains(a, audited);
    }

    [Fact]
    public async Task SUP_01_summary_counts_categories_institutions_overdue_and_satisfaction()
    {
        var (learner, _) = await LearnerAsync(App, "1105");
        var train = await InstitutionIdAsync(App, TrainingInstitution);
        await FileLearnerAsync(learner, Fields(category: "Fees", subject: "收费问题一", institution: train));
        await FileLearnerAsync(learner, Fields(category: "Fees", subject: "收费问题二", institution: train));
        var regulator = await StaffAsync(App, "regulator");
        var html = await regulator.GetStringAsync("/workbench/complaints/summary");
        var all = await App.WithDbAsync(db => db.Set<Complaint>().AsNoTracking().ToListAsync());
        Assert.Contains($"data-testid=\"summary-total\">{all.Count}<", html);
        Assert.Contains($"data-label=\"收费\" data-total=\"{all.Count(c => c.Category == ComplaintCategory.Fees)}\"", html);
        var trainName = all.First(c => c.InstitutionId == train).InstitutionName;
        Assert.Contains($"data-label=\"{trainName}\" data-total=\"{all.Count(c => c.InstitutionId == train)}\"", html);
        Assert.Contains("summary-recurring-row", html);
        Assert.Contains("收费（", html);

        var trainAdmin = await StaffAsync(App, "train.admin");
        var own = await trainAdmin.GetStringAsync("/workbench/complaints/summary");
        Assert.Contains($"data-testid=\"summary-total\">{all.Count(c => c.InstitutionId == train)}<", own);
    }

    [Fact]
    public async Task ARC_01_complaints_archive_part_lists_visible_events_masks_the_phone_and_carries_attachments()
    {
        var (learner, learnerId) = await LearnerAsync(App, "1106");
        var id = await FileLearnerAsync(learner, Fields(category: "PersonalData", subject: "个人信息被泄露", phone: "13912340003",
            institution: await InstitutionIdAsync(App, TrainingInstitution)), ("proof.png", EnrollmentFlow.Png()));
        var staff = await StaffAsync(App, "train.admin");
        EnrollmentFlow.Redirects(await ActAsync(staff, id, "Note", new() { ["Note"] = "内部备注不进入学员档案" }));

        using var scope = App.Services.CreateScope();
        var part = scope.ServiceProvider.GetServices<IArchiveContributor>().Single(c => c.Key == "complaints");
        Assert.Equal(95, part.Order);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var masked = await part.CollectAsync(new ArchiveRequest(learnerId, null, false, now), CancellationToken.None);
        var record = Assert.Single(masked.Records);
        Assert.Equal("139****0003", record.Fields["phone"]);
        Assert.DoesNotContain(masked.Events, e => (e.Detail ?? "").Contains("内部备注"));
        Assert.Contains(masked.Events, e => e.Title.Contains("提交投诉"));
        var file = Assert.Single(masked.Attachments);
        Assert.Equal(0x89, (await file.ReadAsync(CancellationToken.None))[0]);
        var revealed = await part.CollectAsync(new ArchiveRequest(learnerId, null, true, now), CancellationToken.None);
        Assert.Equal("13912340003", revealed.Records.Single().Fields["phone"]);
        var otherInstitution = await part.CollectAsync(new ArchiveRequest(learnerId, [await InstitutionIdAsync(App, EvaluationInstitution)], false, now), CancellationToken.None);
        Assert.Empty(otherInstitution.Records);
    }

    private Task<List<InboxMessage>> Messages(Guid userId) => App.WithDbAsync(db => db.Set<InboxMessage>().AsNoTracking().Where(m => m.UserId == userId).ToListAsync());
}
