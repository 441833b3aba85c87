using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Accounts.Register;

public sealed class RegisterLearnerInput
{
    public string RealName { get; set; } = "";
    public IdDocumentType IdType { get; set; } = IdDocumentType.MainlandId;
    public string IdNumber { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
    public bool AcceptPrivacy { get; set; }
}

/// <summary>Learner self-registration with real name (ENR-01): validates at the edge, one person one account, one save.</summary>
public sealed class RegisterLearnerHandler(
    AppDbContext db, UserManager<AppUser> users, RealNameRegistry registry, AuditLog audit, INotificationsApi notifications, TimeProvider clock, ILogger<RegisterLearnerHandler> log)
{
    public async Task<Outcome<AppUser>> HandleAsync(RegisterLearnerInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string>();
        if (PersonalDataRules.NameError(input.RealName) is { } nameError) errors[nameof(input.RealName)] = nameError;
        var id = IdNumberValidator.Check(input.IdType, input.IdNumber, DateOnly.FromDateTime(now.AddHours(8)));
        if (!id.IsValid) errors[nameof(input.IdNumber)] = id.Error!;
        if (PersonalDataRules.PhoneError(input.Phone) is { } phoneError) errors[nameof(input.Phone)] = phoneError;
        if (input.Password != input.ConfirmPassword) errors[nameof(input.ConfirmPassword)] = "两次输入的密码不一致。";
        if (!input.AcceptPrivacy) errors[nameof(input.AcceptPrivacy)] = "请阅读并同意《个人信息处理规则》后再注册。";
        if (errors.Count > 0) return Outcome<AppUser>.Fail(errors);

        var phone = PersonalDataRules.NormalizePhone(input.Phone);
        if (await registry.FindByIdNumberAsync(input.IdType, id.Normalized, ct) is not null)
            return Outcome<AppUser>.Fail(nameof(input.IdNumber), AccountsErrors.DuplicateIdNumberMessage, AccountsErrors.DuplicateIdNumber);
        if (await registry.FindByPhoneAsync(phone, ct) is not null)
            return Outcome<AppUser>.Fail(nameof(input.Phone), AccountsErrors.DuplicatePhoneMessage, AccountsErrors.DuplicatePhone);

        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = "learner-" + Guid.NewGuid().ToString("N")[..12],
            RealName = input.RealName.Trim(),
            Gender = id.Gender,
            BirthDate = id.BirthDate,
            IsLearner = true,
            CreatedAtUtc = now,
            LockoutEnabled = true,
        };
        registry.SetIdentity(user, input.IdType, id.Normalized);
        registry.SetPhone(user, phone);

        foreach (var validator in users.PasswordValidators)
        {
            var r = await validator.ValidateAsync(users, user, input.Password);
            if (!r.Succeeded) errors[nameof(input.Password)] = string.Join(" ", r.Errors.Select(e => e.Description));
        }
        if (errors.Count > 0) return Outcome<AppUser>.Fail(errors);

        // The audit entry joins the save Identity performs, so the account and its record commit together.
        audit.RecordAs(user.Id, user.RealName, Roles.Learner, null, "account.registered", "user", user.Id.ToString(),
            new { idType = input.IdType.ToString(), idNumber = user.IdNumberMasked, phone = user.PhoneMasked });
        notifications.Stage(user.Id, "欢迎使用体育职业技能线上培训与评价平台",
            "您已完成实名注册。报名前请在“个人资料”中补充所在地区和工作/学习单位，然后选择培训项目，按“学习进程”中的提示逐步完成。", "/my");
        try
        {
            var created = await users.CreateAsync(user, input.Password);
            if (!created.Succeeded)
            {
                DetachPending();
                return Outcome<AppUser>.Fail("", string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        catch (DbUpdateException ex)
        {
            // A concurrent registration with the same ID number or phone lost the race on the unique index.
            log.LogInformation(ex, "Registration refused by a unique index");
            DetachPending();
            return Outcome<AppUser>.Fail(nameof(input.IdNumber), AccountsErrors.DuplicateIdNumberMessage, AccountsErrors.DuplicateIdNumber);
        }
        return Outcome<AppUser>.Success(user);
    }

    private void DetachPending()
    {
        foreach (var e in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList()) e.State = EntityState.Detached;
    }
}
