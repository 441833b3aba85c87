using TrainEval.BrowserTests.Infrastructure;

namespace TrainEval.BrowserTests;

public sealed class StaffTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task BAT_10_training_admin_creates_staff_and_the_new_account_must_change_password()
    {
        Journey("create-staff-journey");
        var userName = "teacher." + NewPhone()[^4..];
        const string newPassword = "Teach2026new";

        await LoginAsync("train.admin");
        await WaitForPathAsync("/workbench");
        await Expect(ById("workbench-tiles")).ToBeVisibleAsync();
        await Expect(ById("tile-staff")).ToBeVisibleAsync();
        await ScreenshotAsync("workbench");

        await ById("tile-staff").ClickAsync();
        await WaitForPathAsync("/workbench/staff");
        await Expect(ById("staff-table")).ToBeVisibleAsync();
        await ById("staff-name").FillAsync("林教练");
        await ById("staff-username").FillAsync(userName);
        await ById("staff-id-number").FillAsync(NewIdNumber("440104", "19880606"));
        await ById("staff-phone").FillAsync(NewPhone());
        await ById("staff-role").SelectOptionAsync("training.teacher");
        await ById("staff-submit").ClickAsync();

        await Expect(ById("staff-created")).ToContainTextAsync(userName);
        await Expect(ById("staff-created")).ToContainTextAsync("授课教师");
        await Expect(ById("staff-table")).ToContainTextAsync("林教练");
        var initialPassword = (await ById("staff-initial-password").InnerTextAsync()).Trim();
        Assert.True(initialPassword.Length >= 8, $"initial password too short: '{initialPassword}'");
        await ScreenshotAsync("staff-created");

        await LogoutAsync();
        await LoginAsync(userName, initialPassword);
        await WaitForPathAsync("/Accounts/ChangePassword");
        await Expect(ById("must-change-password")).ToBeVisibleAsync();

        // Every other page sends the account back until the password is changed.
        await GotoAsync("/workbench");
        await WaitForPathAsync("/Accounts/ChangePassword");
        await ScreenshotAsync("must-change-password");

        await ById("cp-current").FillAsync(initialPassword);
        await ById("cp-new").FillAsync(newPassword);
        await ById("cp-confirm").FillAsync(newPassword);
        await ById("cp-submit").ClickAsync();
        await WaitForPathAsync("/workbench");
        await Expect(ById("flash")).ToContainTextAsync("密码已修改");
        await Expect(ById("workbench-who")).ToContainTextAsync("林教练");
        await ScreenshotAsync("workbench-after-change");
    }
}
