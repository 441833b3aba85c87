using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Accounts.Staff;

public sealed class CreateStaffInput
{
    public string RealName { get; set; } = "";
    public IdDocumentType IdType { get; set; } = IdDocumentType.MainlandId;
    public string IdNumber { get; set; } = "";
    public string Phone { get; set; } = "";
    public string UserName { get; set; } = "";
    public string Role { get; set; } = "";
    public Guid? ProjectId { get; set; }
}

public sealed record StaffCreated(AppUser User, RoleGrant Grant, string? InitialPassword, bool ExistingAccount);

/// <summary>
/// An institution administrator adds a staff member by real name and ID number. A person who already has an
/// account (same ID number) gets the new role on that account — one person, one account — after the BAT-10 check.
/// New accounts get a one-time password that must be changed at first sign-in.
/// </summary>
public sealed class CreateStaffHandler(AppDbContext db, UserManager<AppUser> users, RealNameRegistry registry, GrantRoleHandler grants,
    TimeProvider clock)
{
    public async Task<Outcome<StaffCreated>> HandleAsync(Guid institutionId, CreateStaffInput input, CancellationToken ct)
    {
        var institution = await db.Set<Institution>().FirstOrDefaultAsync(i => i.Id == institutionId, ct);
        if (institution is null) return Outcome<StaffCreated>.Fail("", "机构不存在。");
        if (!grants.MayManage(institution)) return Outcome<StaffCreated>.Fail("", "无权管理该机构人员。", "forbidden");

        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string>();
        if (PersonalDataRules.NameError(input.RealName) is { } ne) errors[nameof(input.RealName)] = ne;
        var id = IdNumberValidator.Check(input.IdType, input.IdNumber, DateOnly.FromDateTime(now.AddHours(8)));
        if (!id.IsValid) errors[nameof(input.IdNumber)] = id.Error!;
        if (errors.Count > 0) return Outcome<StaffCreated>.Fail(errors);

        var existing = await registry.FindByIdNumberAsync(input.IdType, id.Normalized, ct);
        if (existing is not null)
        {
            if (existing.RealName != input.RealName.Trim())
                return Outcome<StaffCreated>.Fail(nameof(input.IdNumber), "该证件号码已登记账号，但姓名不一致，请核对。", AccountsErrors.DuplicateIdNumber);
            var staged = await grants.StageAsync(existing.Id, input.Role, institution, input.ProjectId, ct);
            if (!staged.Ok) return Outcome<StaffCreated>.Fail(staged.Errors, staged.Code!);
            await db.SaveChangesAsync(ct);
            return Outcome<StaffCreated>.Success(new StaffCreated(existing, staged.Value!, null, true));
        }

        if (PersonalDataRules.PhoneError(input.Phone) is { } pe) errors[nameof(input.Phone)] = pe;
        var userName = (input.UserName ?? "").Trim();
        // Names must start with a letter so they can never shadow a phone number or ID number at sign-in.
        if (userName.Length is < 3 or > 40 || !char.IsAsciiLetter(userName[0]) || userName.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
            errors[nameof(input.UserName)] = "登录账号名应为 3–40 位，以字母开头，只含字母、数字、点、下划线或短横线。";
        if (errors.Count > 0) return Outcome<StaffCreated>.Fail(errors);
        var phone = PersonalDataRules.NormalizePhone(input.Phone);
        if (await registry.FindByPhoneAsync(phone, ct) is not null)
            return Outcome<StaffCreated>.Fail(nameof(input.Phone), AccountsErrors.DuplicatePhoneMessage, AccountsErrors.DuplicatePhone);
        if (await users.FindByNameAsync(userName) is not null)
            return Outcome<StaffCreated>.Fail(nameof(input.UserName), "该登录账号名已被使用。");

        var user = new AppUser
        {
            Id = Guid.CreateVersion7(), UserName = userName, RealName = input.RealName.Trim(), Gender = id.Gender, BirthDate = id.BirthDate,
            CreatedAtUtc = now, LockoutEnabled = true, MustChangePassword = true,
        };
        registry.SetIdentity(user, input.IdType, id.Normalized);
        registry.SetPhone(user, phone);
        var grant = await grants.StageAsync(user.Id, input.Role, institution, input.ProjectId, ct);
        if (!grant.Ok) return Outcome<StaffCreated>.Fail(grant.Errors, grant.Code!);

        var password = InitialPassword();
        var created = await users.CreateAsync(user, password);   // saves the account, the grant and the audit entry together
        if (!created.Succeeded)
        {
            foreach (var e in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList()) e.State = EntityState.Detached;
            return Outcome<StaffCreated>.Fail("", string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        return Outcome<StaffCreated>.Success(new StaffCreated(user, grant.Value!, password, false));
    }

    public static string InitialPassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = i % 4 == 3 ? digits[RandomNumberGenerator.GetInt32(digits.Length)] : letters[RandomNumberGenerator.GetInt32(letters.Length)];
        return new string(chars);
    }
}
