using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Accounts;

internal sealed class AccountsApi(AppDbContext db, RealNameRegistry registry) : IAccountsApi
{
    public Task<LearnerProfile?> GetProfileAsync(Guid userId, CancellationToken ct)
        => db.Set<AppUser>().AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new LearnerProfile(u.Id, u.RealName, u.IdType, u.IdNumberMasked, u.PhoneMasked, u.Region, u.Employer, u.IsLearner))
            .FirstOrDefaultAsync(ct);

    public async Task<Guid?> FindLearnerAsync(string realName, string idNumber, CancellationToken ct)
    {
        var user = await registry.FindByIdNumberAnyTypeAsync(IdNumberValidator.Normalize(idNumber), ct);
        return user is { IsLearner: true } && user.RealName == (realName ?? "").Trim() ? user.Id : null;
    }

    public Task<string?> GetEmailAsync(Guid userId, CancellationToken ct)
        => db.Set<AppUser>().AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);

    public Task<DateOnly?> GetBirthDateAsync(Guid userId, CancellationToken ct)
        => db.Set<AppUser>().AsNoTracking().Where(u => u.Id == userId).Select(u => u.BirthDate).FirstOrDefaultAsync(ct);

    public Task<InstitutionInfo?> GetInstitutionAsync(Guid id, CancellationToken ct)
        => db.Set<Institution>().AsNoTracking().Where(i => i.Id == id)
            .Select(i => new InstitutionInfo(i.Id, i.Kind, i.Name, i.Region)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<InstitutionInfo>> ListInstitutionsAsync(CancellationToken ct)
        => await db.Set<Institution>().AsNoTracking().OrderBy(i => i.Kind).ThenBy(i => i.Name)
            .Select(i => new InstitutionInfo(i.Id, i.Kind, i.Name, i.Region)).ToListAsync(ct);

    public async Task<AccountStatistics> StatisticsAsync(DateTime sinceUtc, CancellationToken ct)
    {
        var learners = await db.Set<AppUser>().CountAsync(u => u.IsLearner, ct);
        var recent = await db.Set<AppUser>().CountAsync(u => u.IsLearner && u.CreatedAtUtc >= sinceUtc, ct);
        var staff = await db.Set<RoleGrant>().Where(g => g.RevokedAtUtc == null)
            .GroupBy(g => g.InstitutionId).Select(g => new { g.Key, Count = g.Select(x => x.UserId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return new AccountStatistics(learners, recent, staff);
    }

    public async Task<IReadOnlyDictionary<Guid, LearnerIdentity>> GetLearnerIdentitiesAsync(IReadOnlyCollection<Guid> ids, bool reveal, string purpose,
        CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<Guid, LearnerIdentity>();
        var users = await db.Set<AppUser>().AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.RealName, u.IdType, u.IdNumberMasked, u.IdNumberCipher, u.UserName }).ToListAsync(ct);
        var full = reveal ? registry.RevealIdNumbers([.. users.Select(u => (u.Id, u.IdNumberCipher))], purpose) : null;
        return users.ToDictionary(u => u.Id, u => new LearnerIdentity(u.Id, u.RealName, IdNumberValidator.DisplayName(u.IdType),
            full?[u.Id] ?? u.IdNumberMasked, full is not null, u.UserName ?? ""));
    }

    public async Task<IReadOnlyList<Guid>> FindLearnerIdsAsync(string nameOrAccount, int max, CancellationToken ct)
    {
        var text = (nameOrAccount ?? "").Trim();
        if (text.Length == 0 || max <= 0) return [];
        var normalizedId = IdNumberValidator.Normalize(text);
        var idKeys = Enum.GetValues<IdDocumentType>().Select(t => registry.IdIndexOf(t, normalizedId)).ToList();
        var phoneKey = registry.PhoneIndexOf(PersonalDataRules.NormalizePhone(text));
        return await db.Set<AppUser>().AsNoTracking()
            .Where(u => u.IsLearner && (u.RealName.Contains(text) || u.UserName == text || u.PhoneIndex == phoneKey || idKeys.Contains(u.IdNumberIndex)))
            .OrderBy(u => u.RealName).ThenBy(u => u.Id).Select(u => u.Id).Take(max).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<StaffMember>> ListStaffAsync(Guid institutionId, CancellationToken ct)
    {
        var grants = await (from g in db.Set<RoleGrant>().AsNoTracking()
                            join u in db.Set<AppUser>().AsNoTracking() on g.UserId equals u.Id
                            where g.InstitutionId == institutionId && g.RevokedAtUtc == null && g.ProjectId == null
                            select new { g.UserId, u.RealName, g.Role }).ToListAsync(ct);
        return [.. grants.GroupBy(g => (g.UserId, g.RealName)).OrderBy(g => g.Key.RealName, StringComparer.Ordinal)
            .Select(g => new StaffMember(g.Key.UserId, g.Key.RealName, [.. g.Select(x => x.Role).Distinct()]))];
    }

    public async Task<IReadOnlyList<Guid>> PeopleWithRolesInBothAsync(Guid trainingInstitutionId, Guid evaluationInstitutionId, CancellationToken ct)
    {
        var grants = await db.Set<RoleGrant>().AsNoTracking()
            .Where(g => g.RevokedAtUtc == null && g.ProjectId == null
                        && (g.InstitutionId == trainingInstitutionId || g.InstitutionId == evaluationInstitutionId))
            .Select(g => new { g.UserId, g.Role, g.InstitutionId }).ToListAsync(ct);
        return grants.GroupBy(g => g.UserId)
            .Where(p => p.Any(g => g.InstitutionId == trainingInstitutionId && Roles.Side(g.Role) == RoleSide.Training)
                        && p.Any(g => g.InstitutionId == evaluationInstitutionId && Roles.Side(g.Role) == RoleSide.Evaluation))
            .Select(p => p.Key).ToList();
    }

    public async Task<IReadOnlyList<Guid>> StaffWithPermissionAsync(Guid institutionId, string permission, CancellationToken ct)
    {
        var roles = RolePermissions.RolesWithMapping.Where(r => RolePermissions.For(r).Contains(permission)).ToList();
        return await db.Set<RoleGrant>().AsNoTracking()
            .Where(g => g.RevokedAtUtc == null && g.InstitutionId == institutionId && roles.Contains(g.Role))
            .Select(g => g.UserId).Distinct().ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Guid>> PlatformStaffWithPermissionAsync(string permission, CancellationToken ct)
    {
        var roles = RolePermissions.RolesWithMapping
            .Where(r => RolePermissions.For(r).Contains(permission) && RolePermissions.For(r).Contains(Permissions.Supervision.ViewAllInstitutions)).ToList();
        return await db.Set<RoleGrant>().AsNoTracking()
            .Where(g => g.RevokedAtUtc == null && roles.Contains(g.Role))
            .Select(g => g.UserId).Distinct().ToListAsync(ct);
    }
}
