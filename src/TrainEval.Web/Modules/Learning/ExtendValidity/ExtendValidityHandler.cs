using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Learning.ExtendValidity;

public sealed record ActivationRow(CourseActivation Activation, string ProjectName, IReadOnlyList<ActivationExtension> Extensions);

/// <summary>
/// LRN-11: the learning validity is extended (never shortened here) with a recorded reason, by staff of the project's
/// training institution. The activation keeps the current end; an <see cref="ActivationExtension"/> row keeps the
/// previous and new ends, who and why; the learner is told.
/// </summary>
public sealed class ExtendValidityHandler(AppDbContext db, IEnrollmentApi enrollment, INotificationsApi notifications, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public const int MaxExtensionDays = 366;

    public async Task<IReadOnlyList<ActivationRow>> ListAsync(IReadOnlyCollection<Guid> learnerIds, CancellationToken ct)
    {
        var projects = await ProjectsAsync(ct);
        var projectIds = projects.Keys.ToList();
        var activations = await db.Set<CourseActivation>().AsNoTracking()
            .Where(a => learnerIds.Contains(a.LearnerId) && projectIds.Contains(a.ProjectId)).OrderByDescending(a => a.ActivatedAtUtc).ToListAsync(ct);
        var ids = activations.Select(a => a.Id).ToList();
        var extensions = (await db.Set<ActivationExtension>().AsNoTracking().Where(e => ids.Contains(e.ActivationId)).OrderBy(e => e.AtUtc).ToListAsync(ct))
            .ToLookup(e => e.ActivationId);
        return [.. activations.Select(a => new ActivationRow(a, projects[a.ProjectId], [.. extensions[a.Id]]))];
    }

    public async Task<Outcome<ActivationExtension>> ExtendAsync(Guid activationId, DateOnly newEndBeijing, string reason, CancellationToken ct)
    {
        reason = (reason ?? "").Trim();
        var activation = await db.Set<CourseActivation>().FirstOrDefaultAsync(a => a.Id == activationId, ct);
        var projects = await ProjectsAsync(ct);
        if (activation is null || !projects.ContainsKey(activation.ProjectId)) return Outcome<ActivationExtension>.Fail("", "未找到该学员的课程开通记录，或不属于本机构。");
        if (activation.ClosedAtUtc is not null) return Outcome<ActivationExtension>.Fail("", $"课程已关闭（{activation.CloseReason}），不能延期。");
        if (reason.Length is < 4 or > 500) return Outcome<ActivationExtension>.Fail("Reason", "请填写延期原因（4～500 字），例如机构或平台原因缩短了学习时间。");
        var now = clock.GetUtcNow().UtcDateTime;
        // The new end is the end of that Beijing day.
        var newEnd = DateTime.SpecifyKind(newEndBeijing.AddDays(1).ToDateTime(TimeOnly.MinValue) - TimeSpan.FromHours(8), DateTimeKind.Utc);
        if (newEnd <= activation.LearningValidUntilUtc) return Outcome<ActivationExtension>.Fail("NewEnd", "新的截止日期须晚于当前学习有效期。");
        if (newEnd > activation.LearningValidUntilUtc.AddDays(MaxExtensionDays) || newEnd <= now)
            return Outcome<ActivationExtension>.Fail("NewEnd", $"新的截止日期须在今天之后，且一次延期不超过 {MaxExtensionDays} 天。");

        var previous = activation.LearningValidUntilUtc;
        activation.ExtendLearning(newEnd);
        var extension = ActivationExtension.Create(activation.Id, previous, newEnd, reason, me.RequiredUserId, now);
        db.Set<ActivationExtension>().Add(extension);
        audit.Record("learning.validity.extended", "enrollment", activation.EnrollmentId.ToString(),
            new { activation = activation.Id, previous, newEnd, reason });
        notifications.Stage(activation.LearnerId, "学习有效期已延长",
            $"您的课程“{projects[activation.ProjectId]}”学习有效期已由 {previous.AddHours(8):yyyy-MM-dd} 延长至 {newEnd.AddHours(8).AddSeconds(-1):yyyy-MM-dd}。原因：{reason}",
            $"/my/courses/{activation.ProjectId}");
        await db.SaveChangesAsync(ct);
        return Outcome<ActivationExtension>.Success(extension);
    }

    private async Task<Dictionary<Guid, string>> ProjectsAsync(CancellationToken ct)
    {
        var result = new Dictionary<Guid, string>();
        foreach (var tenant in me.TenantIds)
            foreach (var p in await enrollment.ListProjectsOfInstitutionAsync(tenant, ct))
                if (p.TrainingInstitutionId == tenant) result[p.Id] = p.Name;
        return result;
    }
}
