namespace TrainEval.Web.Modules.Accounts;

/// <summary>Expected failures of the accounts module. Codes appear in audit records.</summary>
public static class AccountsErrors
{
    public const string DuplicateIdNumber = "accounts.duplicate_id_number";
    public const string DuplicatePhone = "accounts.duplicate_phone";
    public const string RoleSeparationViolated = "accounts.role_separation";
    public const string RoleNotAllowedForInstitution = "accounts.role_not_allowed";

    public const string DuplicateIdNumberMessage = "该证件号码已注册过账号。按照实名制要求，一人只能注册一个账号；如忘记密码，请联系培训机构客服找回。";
    public const string DuplicatePhoneMessage = "该手机号码已被其他账号使用，请更换手机号码或联系客服。";
}
