using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Accounts.Public;

public sealed record LearnerProfile(Guid UserId, string RealName, IdDocumentType IdType, string IdNumberMasked, string PhoneMasked,
    string Region, string Employer, bool IsLearner);

public sealed record InstitutionInfo(Guid Id, InstitutionKind Kind, string Name, string Region);

/// <summary>
/// A learner as the annex-2 learning record lists them: real name, ID document type (Chinese name), ID number (masked
/// unless <see cref="Revealed"/>) and login account.
/// </summary>
public sealed record LearnerIdentity(Guid UserId, string RealName, string IdTypeName, string IdNumber, bool Revealed, string Account);

/// <summary>A staff member of an institution with their active roles there (tenant-wide grants).</summary>
public sealed record StaffMember(Guid UserId, string RealName, IReadOnlyList<string> Roles);

public sealed record AccountStatistics(int Learners, int LearnersRegisteredSince, IReadOnlyDictionary<Guid, int> ActiveStaffByInstitution);

/// <summary>What other modules may ask the accounts module.</summary>
public interface IAccountsApi
{
    Task<LearnerProfile?> GetProfileAsync(Guid userId, CancellationToken ct);
    /// <summary>Birth date derived from the verified ID number (null for documents without one).</summary>
    Task<DateOnly?> GetBirthDateAsync(Guid userId, CancellationToken ct);
    /// <summary>The user's e-mail address for notifications, if they gave one.</summary>
    Task<string?> GetEmailAsync(Guid userId, CancellationToken ct);
    /// <summary>A learner account whose real name and (mainland) ID number both match, looked up by blind index; null otherwise.</summary>
    Task<Guid?> FindLearnerAsync(string realName, string idNumber, CancellationToken ct);
    Task<InstitutionInfo?> GetInstitutionAsync(Guid id, CancellationToken ct);
    Task<IReadOnlyList<InstitutionInfo>> ListInstitutionsAsync(CancellationToken ct);
    Task<AccountStatistics> StatisticsAsync(DateTime sinceUtc, CancellationToken ct);
    /// <summary>
    /// Identities of these users for records and exports (missing ids are left out). ID numbers are masked unless
    /// <paramref name="reveal"/> is true: then they are decrypted and one <c>sensitive.revealed</c> audit entry (count,
    /// purpose, user ids) is staged in the caller's unit of work — the caller must check the permission and save.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, LearnerIdentity>> GetLearnerIdentitiesAsync(IReadOnlyCollection<Guid> ids, bool reveal, string purpose, CancellationToken ct);
    /// <summary>Learner accounts matching a staff search: real name containing the text, or exactly the login account, phone or ID number (at most <paramref name="max"/>).</summary>
    Task<IReadOnlyList<Guid>> FindLearnerIdsAsync(string nameOrAccount, int max, CancellationToken ct);
    /// <summary>People who hold tenant-wide roles in both institutions — a project linking them would break 考培分离 (BAT-10).</summary>
    /// <summary>Active staff of the institution (tenant-wide, unrevoked grants), by name — e.g. to assign a complaint.</summary>
    Task<IReadOnlyList<StaffMember>> ListStaffAsync(Guid institutionId, CancellationToken ct);
    Task<IReadOnlyList<Guid>> PeopleWithRolesInBothAsync(Guid trainingInstitutionId, Guid evaluationInstitutionId, CancellationToken ct);
    /// <summary>Staff holding a live role in the institution whose permissions include <paramref name="permission"/> — whom to tell about new work.</summary>
    Task<IReadOnlyList<Guid>> StaffWithPermissionAsync(Guid institutionId, string permission, CancellationToken ct);
    /// <summary>Platform-wide staff (roles that see all institutions, e.g. operators) whose permissions include <paramref name="permission"/>.</summary>
    Task<IReadOnlyList<Guid>> PlatformStaffWithPermissionAsync(string permission, CancellationToken ct);
}
