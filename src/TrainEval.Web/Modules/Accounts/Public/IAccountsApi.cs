using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Accounts.Public;

public sealed record LearnerProfile(Guid UserId, string RealName, IdDocumentType IdType, string IdNumberMasked, string PhoneMasked,
    string Region, string Employer, bool IsLearner);

public sealed record InstitutionInfo(Guid Id, InstitutionKind Kind, string Name, string Region);

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
    /// <summary>People who hold tenant-wide roles in both institutions — a project linking them would break 考培分离 (BAT-10).</summary>
    Task<IReadOnlyList<Guid>> PeopleWithRolesInBothAsync(Guid trainingInstitutionId, Guid evaluationInstitutionId, CancellationToken ct);
}
