using Microsoft.Playwright;
using TrainEval.BrowserTests.Infrastructure;

namespace TrainEval.BrowserTests;

/// <summary>A phone-sized screen (390×844, touch): pages fit without sideways scrolling.</summary>
public sealed class MobileTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    protected override BrowserNewContextOptions ContextOptions() => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
    };

    [Fact]
    public async Task UX_mobile_home_and_registration_fit_a_phone_screen()
    {
        Journey("mobile-journey");
        await GotoAsync("/");
        await Expect(ById("home-project").First).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync();
        await ScreenshotAsync("home");

        await GotoAsync("/Accounts/Register");
        await Expect(ById("register-form")).ToBeVisibleAsync();
        await Expect(ById("register-submit")).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync();
        await ScreenshotAsync("register");
    }

    private async Task AssertNoHorizontalScrollAsync()
    {
        var (scrollWidth, innerWidth) = (await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"),
            await Page.EvaluateAsync<int>("() => window.innerWidth"));
        Assert.True(scrollWidth <= innerWidth, $"{Page.Url}: page is {scrollWidth}px wide on a {innerWidth}px screen");
    }
}
