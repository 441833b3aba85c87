using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.IntegrationTests;

public sealed partial class AccountsAndRolesTests : IClassFixture<TestAppFixture>
{
    private readonly TestApp app;
    public AccountsAndRolesTests(TestAppFixture fixture) => app = fixture.App;

    private static Dictionary<string, string> Staff(string name, string id, string phone, string userName, string role) => new()
    {
        ["Input.RealName"] = name, ["Input.IdType"] = "MainlandId", ["Input.IdNumber"] = id, ["Input.Phone"] = phone,
        ["Input.UserName"] = userName, ["Input.Role"] = role, ["Input.ProjectId"] = "",
    };

    [Fact]
    public async Task BAT_10_a_training_teacher_cannot_be_made_examiner_for_the_same_project()
    {
        var client = app.Browser();
        await client.LoginAsync("eval.admin");
        var before = await DbSnapshot.TakeAsync(app);
        var grantsBefore = await app.WithDbAsync(db => db.Set<RoleGrant>().CountAsync());

        // 马骏 teaches at the training institution; the evaluation institution tries to add him as examiner by ID number.
        var response = await client.PostFormAsync("/workbench/staff", Staff("马骏", People.TeacherId, "13900009999", "ma.jun.exam", Roles.Examiner), handler: "Create");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("考培分离", html);
        Assert.Equal(grantsBefore, await app.WithDbAsync(db => db.Set<RoleGrant>().CountAsync()));
        Assert.Equal(before.Users, (await DbSnapshot.TakeAsync(app)).Users);
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "role.grant_refused")));
    }

    [Fact]
    public async Task BAT_10_evaluation_admin_creates_an_examiner_who_must_change_the_initial_password()
    {
        var admin = app.Browser();
        await admin.LoginAsync("eval.admin");
        var response = await admin.PostFormAsync("/workbench/staff", Staff("欧阳明", People.Id("440104", "19860606", "515"), "13900008888", "ouyang.ming", Roles.Examiner), handler: "Create");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var password = InitialPassword().Match(html).Groups[1].Value;
        Assert.Equal(12, password.Length);

        var staff = app.Browser();
        Assert.Equal("/start", (await staff.LoginAsync("ouyang.ming", password)).Headers.Location?.OriginalString);
        var gated = await staff.GetAsync("/workbench");
        Assert.Equal("/Accounts/ChangePassword", gated.Headers.Location?.OriginalString);
        var changed = await staff.PostFormAsync("/Accounts/ChangePassword", new Dictionary<string, string>
            { ["Current"] = password, ["New"] = "Examiner2026", ["Confirm"] = "Examiner2026" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var workbench = await staff.GetAsync("/workbench");
        Assert.Equal(HttpStatusCode.OK, workbench.StatusCode);
        Assert.Contains("考评员", await workbench.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BAT_10_training_admin_cannot_grant_evaluation_roles_or_manage_another_institution()
    {
        var admin = app.Browser();
        await admin.LoginAsync("train.admin");
        var response = await admin.PostFormAsync("/workbench/staff", Staff("陆游", People.Id("440104", "19900909", "717"), "13900007777", "lu.you", Roles.Proctor), handler: "Create");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("不能在培训机构中设置", await response.Content.ReadAsStringAsync());

        var evaluationId = await app.WithDbAsync(db => db.Set<Institution>().Where(i => i.Kind == InstitutionKind.Evaluation).Select(i => i.Id).FirstAsync());
        var other = await admin.GetAsync($"/workbench/staff?InstitutionId={evaluationId}");
        Assert.DoesNotContain("示例体育职业技能评价中心", await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Learners_cannot_open_back_office_pages()
    {
        var learner = app.Browser();
        await learner.LoginAsync("learner1");
        foreach (var url in new[] { "/workbench/staff", "/workbench/institutions", "/regulator" })
        {
            var response = await learner.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Accounts/AccessDenied", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task ENR_01_repeated_wrong_passwords_lock_the_account()
    {
        var id = People.Id("440104", "19920202", "626");
        await app.Browser().PostFormAsync("/Accounts/Register", People.Registration("卫青", id, "13900006666", "Right2026x"));
        var client = app.Browser();
        string html = "";
        for (var i = 0; i < 5; i++)
            html = await (await client.LoginAsync("13900006666", "wrong-password-1")).Content.ReadAsStringAsync();
        Assert.Contains("账号已临时锁定", html);
        html = await (await client.LoginAsync("13900006666", "Right2026x")).Content.ReadAsStringAsync();
        Assert.Contains("账号已临时锁定", html);   // even the right password is refused while locked
        var lockouts = await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "login.locked_out"));
        Assert.True(lockouts >= 1);
    }

    [Fact]
    public async Task PLT_01_operator_registers_an_institution_with_a_checked_credit_code()
    {
        var op = app.Browser();
        await op.LoginAsync("operator");
        var before = await DbSnapshot.TakeAsync(app);
        var fields = new Dictionary<string, string>
        {
            ["Input.Kind"] = "Training", ["Input.Name"] = "示例第二培训学校", ["Input.CreditCode"] = "52440106MJL00999X",
            ["Input.Address"] = "广州市黄埔区 1 号", ["Input.LegalRepresentative"] = "钟南", ["Input.ContactName"] = "钟北",
            ["Input.ContactPhone"] = "020-88888888", ["Input.Region"] = "广东省广州市",
        };
        var bad = await op.PostFormAsync("/workbench/institutions", fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("统一社会信用代码", await bad.Content.ReadAsStringAsync());
        Assert.Equal(before, await DbSnapshot.TakeAsync(app));

        fields["Input.CreditCode"] = "52440106MJL00999" + "0";
        fields["Input.CreditCode"] = fields["Input.CreditCode"][..17] + CreditCodeValidator.CheckChar(fields["Input.CreditCode"][..17]);
        var ok = await op.PostFormAsync("/workbench/institutions", fields);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(before.Institutions + 1, (await DbSnapshot.TakeAsync(app)).Institutions);
    }

    [Fact]
    public async Task Logout_from_the_page_header_signs_out()
    {
        var client = app.Browser();
        await client.LoginAsync("learner1");
        var my = await client.GetStringAsync("/my");   // the header's logout form carries its own token
        var response = await client.PostAsync("/Accounts/Logout", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = Forms.Token(my[my.IndexOf("action=\"/Accounts/Logout\"", StringComparison.Ordinal)..]) }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/my")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "logout")));
    }

    [GeneratedRegex("data-testid=\"staff-initial-password\">([^<]+)<")]
    private static partial Regex InitialPassword();
}
