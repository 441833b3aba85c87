using System.Text.RegularExpressions;
using TrainEval.BrowserTests.Infrastructure;

namespace TrainEval.BrowserTests;

public sealed class LearnerJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string ProjectName = "社会体育指导员（游泳）四级";

    [Fact]
    public async Task ENR_01_learner_registers_logs_in_and_sees_the_journey()
    {
        Journey("register-learner-journey");
        var id = NewIdNumber(birth: "19920415");
        var phone = NewPhone();
        const string password = "Swim2026pass";

        // Home: the published project is listed, registration is offered.
        await GotoAsync("/");
        await Expect(ById("home-project").Filter(new() { HasText = ProjectName })).ToBeVisibleAsync();
        await ScreenshotAsync("home");

        await ById("nav-register").ClickAsync();
        await WaitForPathAsync("/Accounts/Register");

        // A wrong check digit is refused with a Chinese message next to the field.
        await FillRegistrationAsync("陈小泳", WithWrongCheckDigit(id), phone, password);
        await ById("register-submit").ClickAsync();
        await Expect(ById("error-id-number")).ToContainTextAsync("校验位不正确");
        await Expect(ById("form-errors")).ToBeVisibleAsync();
        await WaitForPathAsync("/Accounts/Register");
        await ScreenshotAsync("register-invalid-id");

        // Correct data: registered, signed in, sent to "my learning".
        await FillRegistrationAsync("陈小泳", id, phone, password);
        await ById("register-submit").ClickAsync();
        await WaitForPathAsync("/my");
        await Expect(ById("flash")).ToContainTextAsync("注册成功");
        await ScreenshotAsync("my-after-register");

        // Sign out, sign in again by phone number.
        await LogoutAsync();
        await LoginAsync(phone, password);
        await WaitForPathAsync("/my");

        // The project's journey: registered, enrolment is current and lists the missing profile items.
        var card = ById("project-card").Filter(new() { HasText = ProjectName });
        await card.GetByTestId("project-card-journey").ClickAsync();
        await Page.WaitForURLAsync(new Regex("/my/projects/[0-9a-fA-F-]{36}$"));
        var journeyUrl = Page.Url;
        await Expect(ById("journey-project")).ToHaveTextAsync(ProjectName);
        await Expect(ById("journey-step-register")).ToHaveAttributeAsync("data-state", "done");
        var enroll = ById("journey-step-enroll");
        await Expect(enroll).ToHaveAttributeAsync("data-state", "current");
        await Expect(enroll.GetByTestId("journey-current")).ToBeVisibleAsync();
        await Expect(enroll.GetByTestId("journey-missing")).ToContainTextAsync("所在地区");
        await Expect(enroll.GetByTestId("journey-missing")).ToContainTextAsync("工作单位或学习单位");
        await ScreenshotAsync("journey-profile-missing");

        // The step's action leads to the profile; fill region and employer.
        await enroll.GetByTestId("journey-action").ClickAsync();
        await WaitForPathAsync("/Accounts/Profile");
        await ById("profile-region").FillAsync("广东省广州市越秀区");
        await ById("profile-employer").FillAsync("广州市越秀区游泳协会");
        await ById("profile-save").ClickAsync();
        await Expect(ById("flash")).ToContainTextAsync("个人资料已保存");
        await Expect(ById("profile-region")).ToHaveValueAsync("广东省广州市越秀区");
        await ScreenshotAsync("profile-saved");

        // Back on the journey: the profile items are gone, enrolment itself is what remains.
        await Page.GotoAsync(journeyUrl);
        enroll = ById("journey-step-enroll");
        await Expect(enroll).ToHaveAttributeAsync("data-state", "current");
        var missing = enroll.GetByTestId("journey-missing");
        await Expect(missing).Not.ToContainTextAsync("所在地区");
        await Expect(missing).Not.ToContainTextAsync("完善个人资料");
        await Expect(missing).ToContainTextAsync("提交报名申请");
        await ScreenshotAsync("journey-profile-complete");
    }

    private async Task FillRegistrationAsync(string name, string idNumber, string phone, string password)
    {
        await ById("register-name").FillAsync(name);
        await ById("register-id-type").SelectOptionAsync("MainlandId");
        await ById("register-id-number").FillAsync(idNumber);
        await ById("register-phone").FillAsync(phone);
        await ById("register-password").FillAsync(password);
        await ById("register-password2").FillAsync(password);
        await ById("register-accept").CheckAsync();
    }
}
