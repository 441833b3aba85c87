using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Complaints.HandleComplaints;

/// <summary>A complaint as staff see it: every event (internal notes included), the attachments and who may be assigned.</summary>
public sealed record StaffCase(Complaint Complaint, IReadOnlyList<ComplaintEvent> Events, IReadOnlyList<ComplaintAttachment> Attachments, bool CanHandle,
    IReadOnlyList<StaffMember> Assignable, LearnerProfile? Learner);

/// <summary>
/// Staff handling (SUP-01): acknowledge (受理), assign, append internal notes, reply with an outcome (notifies a learner
/// complainant through the message centre and e-mail), and close once the complainant rated or the reopen window passed.
/// Each action appends an event and an audit entry in one transaction; the complaint's state is a concurrency token.
/// </summary>
public sealed class HandleComplaintHandler(AppDbContext db, ComplaintScope scope, IAccountsApi accounts, INotificationsApi notifications,
    FieldProtector protector, AuditLog audit, CurrentUser me, TimeProvider clock, IOptions<ComplaintsOptions> options)
{
    public async Task<StaffCase?> CaseAsync(Guid id, CancellationToken ct)
    {
        var c = await scope.Visible().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var events = await db.Set<ComplaintEvent>().AsNoTracking().Where(e => e.ComplaintId == id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(ct);
        var attachments = await db.Set<ComplaintAttachment>().AsNoTracking().Where(a => a.ComplaintId == id).OrderBy(a => a.UploadedAtUtc).ToListAsync(ct);
        var canHandle = scope.CanHandle(c);
        var assignable = canHandle ? await AssignableAsync(c, ct) : [];
        var learner = c.ComplainantUserId is { } uid ? await accounts.GetProfileAsync(uid, ct) : null;
        return new StaffCase(c, events, attachments, canHandle, assignable, learner);
    }

    /// <summary>Staff of the handling institution who may handle complaints (the operator's staff for platform complaints).</summary>
    private async Task<IReadOnlyList<StaffMember>> AssignableAsync(Complaint c, CancellationToken ct)
    {
        var (institutions, permission) = c.InstitutionId is { } i
            ? ((IReadOnlyList<Guid>)[i], Permissions.Complaints.Handle)
            : ([.. (await accounts.ListInstitutionsAsync(ct)).Where(x => x.Kind == InstitutionKind.Operator).Select(x => x.Id)], Permissions.Complaints.HandlePlatform);
        var list = new List<StaffMember>();
        foreach (var inst in institutions)
            foreach (var s in await accounts.ListStaffAsync(inst, ct))
                if (s.Roles.Any(r => RolePermissions.For(r).Contains(permission)) && list.All(x => x.UserId != s.UserId)) list.Add(s);
        return list;
    }

    public Task<Outcome<Complaint>> AcknowledgeAsync(Guid id, string? note, CancellationToken ct) => ActAsync(id, (c, now) =>
    {
        var (text, e) = ComplaintText.Multiline("受理说明", note, 500);
        if (e is not null) return Task.FromResult<(string, string)?>(("Note", e));
        if (!c.Acknowledge(now)) return Task.FromResult<(string, string)?>(("", "该投诉已受理。"));
        AppendAcknowledged(c, text, now);
        return Task.FromResult<(string, string)?>(null);
    }, ct);

    public Task<Outcome<Complaint>> AssignAsync(Guid id, Guid? assigneeId, CancellationToken ct) => ActAsync(id, async (c, now) =>
    {
        if (!c.IsOpen) return ("", "已答复或已办结的投诉不能再指定处理人。");
        var member = assigneeId is { } aid ? (await AssignableAsync(c, ct)).FirstOrDefault(s => s.UserId == aid) : null;
        if (member is null) return ("AssigneeId", "请从本机构可处理投诉的工作人员中选择处理人。");
        if (c.State == ComplaintState.Submitted && c.Acknowledge(now)) AppendAcknowledged(c, "", now);
        c.Assign(member.UserId, member.RealName);
        Append(c, ComplaintEventKinds.Assigned, now, $"处理人：{member.RealName}", visible: false);
        audit.Record("complaint.assigned", "complaint", c.Id.ToString(), new { c.Number, assignee = member.UserId }, c.InstitutionId);
        return null;
    }, ct);

    public Task<Outcome<Complaint>> NoteAsync(Guid id, string? note, CancellationToken ct) => ActAsync(id, (c, now) =>
    {
        var (text, e) = ComplaintText.Multiline("处理记录", note, 2000);
        if (text.Length < 2) return Task.FromResult<(string, string)?>(("Note", "请填写处理记录（核查经过、联系情况等）。"));
        if (e is not null) return Task.FromResult<(string, string)?>(("Note", e));
        Append(c, ComplaintEventKinds.Note, now, text, visible: false);
        audit.Record("complaint.noted", "complaint", c.Id.ToString(), new { c.Number, note = text }, c.InstitutionId);
        return Task.FromResult<(string, string)?>(null);
    }, ct);

    public Task<Outcome<Complaint>> ReplyAsync(Guid id, string? outcome, string? reply, CancellationToken ct) => ActAsync(id, (c, now) =>
    {
        if (!c.IsOpen) return Task.FromResult<(string, string)?>(("", "该投诉已答复，如投诉人申请重新处理，可再次答复。"));
        if (!Enum.TryParse<ComplaintOutcome>(outcome, out var result) || !Enum.IsDefined(result) || int.TryParse(outcome, out _))
            return Task.FromResult<(string, string)?>(("Outcome", "请选择处理结论。"));
        var (text, e) = ComplaintText.Multiline("答复内容", reply, 2000);
        if (text.Length < 10) return Task.FromResult<(string, string)?>(("Reply", "请向投诉人说明处理结论和主要理由（不少于 10 字）。"));
        if (e is not null) return Task.FromResult<(string, string)?>(("Reply", e));
        if (c.State == ComplaintState.Submitted && c.Acknowledge(now)) AppendAcknowledged(c, "", now);
        c.Answer(result, text, now);
        Append(c, ComplaintEventKinds.Replied, now, $"{ComplaintNames.Outcome(result)}。{text}", visible: true);
        if (c.ComplainantUserId is { } learner)
            notifications.Stage(learner, $"投诉已答复：{c.Number}",
                $"您于 {ComplaintSla.ToChina(c.FiledAtUtc):yyyy-MM-dd} 提交的投诉“{c.Subject}”已答复。处理结论：{ComplaintNames.Outcome(result)}。答复：{text}" +
                $" 如不满意，可在 {options.Value.ReopenWindowDays} 日内申请重新处理一次；也可对本次处理进行评价。", $"/my/complaints/{c.Id}");
        audit.Record("complaint.replied", "complaint", c.Id.ToString(), new { c.Number, outcome = result.ToString(), reply = text, late = c.RepliedLate }, c.InstitutionId);
        return Task.FromResult<(string, string)?>(null);
    }, ct);

    public Task<Outcome<Complaint>> CloseAsync(Guid id, string? note, CancellationToken ct) => ActAsync(id, (c, now) =>
    {
        var window = options.Value.ReopenWindowDays;
        if (!c.CanClose(now, window))
            return Task.FromResult<(string, string)?>(("", c.State == ComplaintState.Replied
                ? $"投诉人尚未评价，且答复后 {window} 日的重新处理申请期未满，暂不能办结。" : "只有已答复的投诉可以办结。"));
        var (text, e) = ComplaintText.Multiline("办结说明", note, 500);
        if (e is not null) return Task.FromResult<(string, string)?>(("Note", e));
        c.Close(now);
        Append(c, ComplaintEventKinds.Closed, now, text.Length > 0 ? text : "处理完毕，予以办结。", visible: true);
        if (c.ComplainantUserId is { } learner)
            notifications.Stage(learner, $"投诉已办结：{c.Number}", $"您的投诉“{c.Subject}”已办结。{text}", $"/my/complaints/{c.Id}");
        audit.Record("complaint.closed", "complaint", c.Id.ToString(), new { c.Number, note = text }, c.InstitutionId);
        return Task.FromResult<(string, string)?>(null);
    }, ct);

    /// <summary>The complainant's full phone and e-mail for a call-back: handlers only, every read audited.</summary>
    public async Task<(string Phone, string Email)?> RevealContactAsync(Guid id, CancellationToken ct)
    {
        var c = await scope.Visible().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !scope.CanHandle(c)) return null;
        var phone = c.PhoneCipher.Length > 0 ? protector.Decrypt(c.PhoneCipher, FileComplaint.FileComplaintHandler.PhonePurpose) : "";
        var email = c.EmailCipher.Length > 0 ? protector.Decrypt(c.EmailCipher, FileComplaint.FileComplaintHandler.EmailPurpose) : "";
        audit.Record("sensitive.read", "complaint", c.Id.ToString(), new { c.Number, fields = "phone,email", reason = "complaint call-back" }, c.InstitutionId);
        await db.SaveChangesAsync(ct);
        return (phone, email);
    }

    private void AppendAcknowledged(Complaint c, string note, DateTime now)
    {
        Append(c, ComplaintEventKinds.Acknowledged, now,
            $"已受理，将在 {ComplaintSla.ToChina(c.ReplyDueUtc):yyyy-MM-dd HH:mm} 前答复。" + (note.Length > 0 ? note : ""), visible: true);
        if (c.ComplainantUserId is { } learner)
            notifications.Stage(learner, $"投诉已受理：{c.Number}",
                $"您的投诉“{c.Subject}”已受理，将在 {ComplaintSla.ToChina(c.ReplyDueUtc):yyyy-MM-dd HH:mm}（北京时间）前答复。", $"/my/complaints/{c.Id}");
        audit.Record("complaint.acknowledged", "complaint", c.Id.ToString(), new { c.Number, late = c.AcknowledgedLate, note }, c.InstitutionId);
    }

    private void Append(Complaint c, string kind, DateTime now, string text, bool visible)
        => db.Set<ComplaintEvent>().Add(ComplaintEvent.Create(c.Id, kind, now, me.RequiredUserId, me.DisplayName, text, visible));

    /// <summary>Loads a complaint the user may handle, applies the action (null = done, else field and message) and saves once.</summary>
    private async Task<Outcome<Complaint>> ActAsync(Guid id, Func<Complaint, DateTime, Task<(string Field, string Message)?>> action, CancellationToken ct)
    {
        var visible = await scope.Visible().AnyAsync(x => x.Id == id, ct);
        var c = visible ? await db.Set<Complaint>().FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        if (c is null) return Outcome<Complaint>.Fail("", "投诉不存在或不属于本机构。", ComplaintErrors.NotFound);
        if (!scope.CanHandle(c)) return Outcome<Complaint>.Fail("", "您只能查看该投诉，不能处理（由被投诉机构或平台运营方处理）。", ComplaintErrors.OutOfScope);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await action(c, now) is { } problem) return Outcome<Complaint>.Fail(problem.Field, problem.Message, ComplaintErrors.WrongState);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<Complaint>.Fail("", "投诉状态已被他人更新，请刷新后重试。", ComplaintErrors.WrongState); }
        return Outcome<Complaint>.Success(c);
    }
}
