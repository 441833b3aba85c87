using System.Net;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.IntegrationTests;

public sealed class RegistrationTests : IClassFixture<TestAppFixture>
{
    private readonly TestApp app;
    public RegistrationTests(TestAppFixture fixture) => app = fixture.App;

    [Fact]
    public async Task ENR_01_learner_registers_with_real_name_and_lands_on_my_projects()
    {
        var client = app.Browser();
        var response = await client.PostFormAsync("/Accounts/Register", People.Registration("赵一鸣", People.Id(seq: "111"), "13900000111"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/my", response.Headers.Location?.OriginalString);

        var my = await client.GetStringAsync("/my");
        Assert.Contains("赵一鸣", my);
        Assert.Contains("440***********", my);          // masked ID
        Assert.DoesNotContain(People.Id(seq: "111"), my); // never the full number

        var user = await app.WithDbAsync(db => db.Set<AppUser>().SingleAsync(u => u.RealName == "赵一鸣"));
        Assert.True(user.IsLearner);
        Assert.Equal(Gender.Male, user.Gender);
        Assert.Equal(new DateOnly(1998, 1, 1), user.BirthDate);
        var audited = await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "account.registered" && a.SubjectId == user.Id.ToString()));
        Assert.True(audited);
    }

    [Fact]
    public async Task ENR_01_second_account_with_the_same_id_number_is_refused_and_nothing_changes()
    {
        var id = People.Id(seq: "222");
        var first = await app.Browser().PostFormAsync("/Accounts/Register", People.Registration("钱二", id, "13900000222"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var before = await DbSnapshot.TakeAsync(app);

        var second = await app.Browser().PostFormAsync("/Accounts/Register", People.Registration("钱二", id.ToLowerInvariant(), "13900000223"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Contains("一人只能注册一个账号", await second.Content.ReadAsStringAsync());
        Assert.Equal(before, await DbSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task ENR_01_second_account_with_the_same_phone_is_refused()
    {
        await app.Browser().PostFormAsync("/Accounts/Register", People.Registration("孙三", People.Id(seq: "333"), "13900000333"));
        var before = await DbSnapshot.TakeAsync(app);
        var again = await app.Browser().PostFormAsync("/Accounts/Register", People.Registration("孙四", People.Id(seq: "334"), "139 0000 0333"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("该手机号码已被其他账号使用", await again.Content.ReadAsStringAsync());
        Assert.Equal(before, await DbSnapshot.TakeAsync(app));
    }

    [Theory]
    [InlineData("440106199801013210", "校验位不正确")]      // wrong check digit
    [InlineData("44010619980101321", "应为 18 位")]          // too short
    [InlineData("440106199802303214", "出生日期不存在")]      // 30 February
    [InlineData("440106209901013214", "出生日期晚于今天")]    // born in the future
    [InlineData("990106199801013214", "地区码不正确")]        // no such province
    public async Task ENR_01_invalid_id_numbers_get_a_clear_message_and_change_nothing(string idNumber, string message)
    {
        var before = await DbSnapshot.TakeAsync(app);
        var response = await app.Browser().PostFormAsync("/Accounts/Register", People.Registration("周五", idNumber, "13900000555"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await DbSnapshot.TakeAsync(app));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("张三李四王五赵六钱七孙八周九吴十郑十一王十二冯十三陈十四褚十五卫十六")]
    [InlineData("Robert'); DROP TABLE accounts_users;--")]
    public async Task ENR_01_script_bearing_or_overlong_names_are_refused_and_encoded(string name)
    {
        var before = await DbSnapshot.TakeAsync(app);
        var response = await app.Browser().PostFormAsync("/Accounts/Register", People.Registration(name, People.Id(seq: "666"), "13900000666"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("姓名", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Equal(before, await DbSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task Forged_form_post_without_antiforgery_token_is_rejected_and_changes_nothing()
    {
        var before = await DbSnapshot.TakeAsync(app);
        var client = app.Browser();
        var response = await client.PostAsync("/Accounts/Register", new FormUrlEncodedContent(People.Registration("吴六", People.Id(seq: "777"), "13900000777")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await DbSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task ENR_01_weak_password_and_missing_consent_are_refused()
    {
        var before = await DbSnapshot.TakeAsync(app);
        var fields = People.Registration("郑七", People.Id(seq: "888"), "13900000888", password: "12345678");
        fields["Input.AcceptPrivacy"] = "false";
        var response = await app.Browser().PostFormAsync("/Accounts/Register", fields);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("个人信息处理规则", html);
        Assert.Equal(before, await DbSnapshot.TakeAsync(app));

        fields["Input.AcceptPrivacy"] = "true";
        response = await app.Browser().PostFormAsync("/Accounts/Register", fields);
        Assert.Contains("密码需同时包含字母和数字", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await DbSnapshot.TakeAsync(app));
    }
}
