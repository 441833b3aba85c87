using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Accounts.Institutions;

public sealed class CreateInstitutionInput
{
    public InstitutionKind Kind { get; set; } = InstitutionKind.Training;
    public string Name { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public string Address { get; set; } = "";
    public string LegalRepresentative { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public string Region { get; set; } = "";
}

/// <summary>The platform operator registers a tenant with its real-name data (PLT-01).</summary>
public sealed class CreateInstitutionHandler(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<Institution>> HandleAsync(CreateInstitutionInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        void Text(string key, string label, string? value, int max, bool required = true)
        {
            if (required && string.IsNullOrWhiteSpace(value)) errors[key] = $"请填写{label}。";
            else if (PersonalDataRules.TextError(label, value, max) is { } e) errors[key] = e;
        }
        if (!Enum.IsDefined(input.Kind)) errors[nameof(input.Kind)] = "请选择机构类型。";
        Text(nameof(input.Name), "机构名称", input.Name, 100);
        if (CreditCodeValidator.Error(input.CreditCode) is { } cc) errors[nameof(input.CreditCode)] = cc;
        Text(nameof(input.Address), "地址", input.Address, 200);
        if (PersonalDataRules.NameError(input.LegalRepresentative) is { } lr) errors[nameof(input.LegalRepresentative)] = "法定代表人：" + lr;
        if (PersonalDataRules.NameError(input.ContactName) is { } cn) errors[nameof(input.ContactName)] = "联系人：" + cn;
        Text(nameof(input.ContactPhone), "联系电话", input.ContactPhone, 30);
        Text(nameof(input.Region), "所在地区", input.Region, 100);
        if (errors.Count > 0) return Outcome<Institution>.Fail(errors);

        var code = CreditCodeValidator.Normalize(input.CreditCode);
        if (await db.Set<Institution>().AnyAsync(i => i.CreditCode == code, ct))
            return Outcome<Institution>.Fail(nameof(input.CreditCode), "该统一社会信用代码已登记。");

        var institution = Institution.Create(input.Kind, input.Name, code, input.Address, input.LegalRepresentative,
            input.ContactName, input.ContactPhone, input.Region, clock.GetUtcNow().UtcDateTime);
        db.Set<Institution>().Add(institution);
        audit.Record("institution.created", "institution", institution.Id.ToString(),
            new { institution.Kind, institution.Name, institution.CreditCode }, institution.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<Institution>.Success(institution);
    }
}
