using TrainEval.BrowserTests.Infrastructure;

namespace TrainEval.BrowserTests;

/// <summary>Every back-office desk renders for its role (screenshots kept for review).</summary>
public sealed class BackOfficeTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData("train.admin", "/workbench/projects", "培训项目")]
    [InlineData("train.finance", "/workbench/finance", "财务工作台")]
    [InlineData("train.reviewer", "/workbench/anomalies", "课程开通异常")]
    [InlineData("promo.agent", "/workbench/promotion", "合作推广")]
    [InlineData("regulator", "/regulator", "监管总览")]
    public async Task Back_office_desk_renders_for_its_role(string login, string path, string heading)
    {
        Journey("back-office-" + login.Replace('.', '-'));
        await LoginAsync(login);
        await GotoAsync("/workbench");
        await ScreenshotAsync("workbench");
        await GotoAsync(path);
        await Expect(Page.Locator("h1")).ToContainTextAsync(heading);
        await ScreenshotAsync("desk");
    }

    [Fact]
    public async Task ENR_02_training_admin_opens_the_project_editor()
    {
        Journey("back-office-project-editor");
        await LoginAsync("train.admin");
        await GotoAsync("/workbench/projects");
        var link = Page.Locator("a[href^='/workbench/projects/']").First;
        await link.ClickAsync();
        await Expect(Page.Locator("h1")).ToBeVisibleAsync();
        await ScreenshotAsync("project-editor");
    }
}
