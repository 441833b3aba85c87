using System.Security.Cryptography;
using Microsoft.Playwright;
using TrainEval.Web.Modules.Accounts;

namespace TrainEval.BrowserTests.Infrastructure;

/// <summary>Base for one journey: a fresh browser context (no cookies shared between tests) and helpers.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    public const string DemoPassword = "Demo2026!";
    protected BrowserFixture Fixture { get; } = fixture;
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;
    private string journey = "journey";
    private int shot;

    /// <summary>Override for a different device (e.g. a phone).</summary>
    protected virtual BrowserNewContextOptions ContextOptions() => new()
    {
        ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
    };

    public Task InitializeAsync() => OpenContextAsync(Fixture.Browser);

    private async Task OpenContextAsync(IBrowser browser)
    {
        var options = ContextOptions();
        options.BaseURL = Fixture.BaseAddress.ToString();
        Context = await browser.NewContextAsync(options);
        Context.SetDefaultTimeout(30_000);   // generous: a loaded 2-core CI machine can be slow; these are waits, not assertions
        Context.SetDefaultNavigationTimeout(45_000);
        Assertions.SetDefaultExpectTimeout(20_000);
        Page = await Context.NewPageAsync();
    }

    private IBrowser? ownBrowser;

    /// <summary>
    /// Moves this test to a Chromium of its own, launched with <paramref name="extraArgs"/> (e.g. a fake camera): the
    /// default context is closed and a fresh one (same options) replaces <see cref="Context"/> and <see cref="Page"/>.
    /// The browser is closed with the test.
    /// </summary>
    protected async Task UseOwnBrowserAsync(params string[] extraArgs)
    {
        if (ownBrowser is not null) throw new InvalidOperationException("This test already has its own browser.");
        ownBrowser = await Fixture.LaunchAsync(extraArgs);
        await Context.CloseAsync();
        await OpenContextAsync(ownBrowser);
    }

    public async Task DisposeAsync()
    {
        await Context.CloseAsync();
        if (ownBrowser is not null) await ownBrowser.CloseAsync();
    }

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    protected ILocator ById(string testId) => Page.GetByTestId(testId);

    /// <summary>Screenshots are numbered per journey: &lt;journey&gt;-01-&lt;name&gt;.png.</summary>
    protected void Journey(string name)
    {
        journey = name;
        shot = 0;
        // Old pictures of this journey would mix with the new ones when a step fails earlier than last time.
        foreach (var old in Directory.EnumerateFiles(Fixture.ScreenshotDirectory, name + "-*.png")) File.Delete(old);
    }

    protected Task<string> ScreenshotAsync(string name) => ScreenshotAsync(Page, name);

    /// <summary>The same numbering for a page of a second context (e.g. a staff member acting in the same journey).</summary>
    protected async Task<string> ScreenshotAsync(IPage page, string name)
    {
        shot++;
        var path = Path.Combine(Fixture.ScreenshotDirectory, $"{journey}-{shot:D2}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    protected async Task GotoAsync(string path) => await Page.GotoAsync(path);

    /// <summary>Waits for the path (query ignored) to be the given one.</summary>
    protected async Task WaitForPathAsync(string path)
        => await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.Equals(path, StringComparison.OrdinalIgnoreCase));

    protected async Task LoginAsync(string identifier, string password = DemoPassword)
    {
        await GotoAsync("/Accounts/Login");
        await ById("login-identifier").FillAsync(identifier);
        await ById("login-password").FillAsync(password);
        await ById("login-submit").ClickAsync();
        await Page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/Accounts/Login", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Signs out with the "退出" button in the top bar (a form POST), as a user would.</summary>
    protected async Task LogoutAsync()
    {
        var response = await Page.RunAndWaitForResponseAsync(() => ById("nav-logout").ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath.Equals("/Accounts/Logout", StringComparison.OrdinalIgnoreCase));
        Assert.True(response.Status is >= 300 and < 400,
            $"POST /Accounts/Logout answered {response.Status}; expected a redirect to the home page (does the logout form carry an antiforgery token?)");
        await WaitForPathAsync("/");
        await Expect(ById("nav-login")).ToBeVisibleAsync();
    }

    /// <summary>Registers a new learner through the form (signed in afterwards, on "my learning").</summary>
    protected async Task RegisterLearnerAsync(string name, string phone, string password, string birth = "19930618")
    {
        await GotoAsync("/Accounts/Register");
        await ById("register-name").FillAsync(name);
        await ById("register-id-type").SelectOptionAsync("MainlandId");
        await ById("register-id-number").FillAsync(NewIdNumber("440106", birth));
        await ById("register-phone").FillAsync(phone);
        await ById("register-password").FillAsync(password);
        await ById("register-password2").FillAsync(password);
        await ById("register-accept").CheckAsync();
        await ById("register-submit").ClickAsync();
        await WaitForPathAsync("/my");
    }

    /// <summary>Digits as Chinese numerals, e.g. for a name unique in the run: "沈" + Han(phone[^4..]).</summary>
    protected static string Han(string digits) => new(digits.Select(c => "零一二三四五六七八九"[c - '0']).ToArray());

    /// <summary>A valid mainland ID number: region + birth date + random sequence + the right check digit.</summary>
    protected static string NewIdNumber(string region6 = "440106", string birth = "19900101")
    {
        var first17 = region6 + birth + RandomNumberGenerator.GetInt32(100, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return first17 + IdNumberValidator.CheckDigit(first17);
    }

    /// <summary>The same number with a wrong check digit.</summary>
    protected static string WithWrongCheckDigit(string id) => id[..17] + (id[17] == '0' ? '1' : '0');

    private static int phoneCounter = RandomNumberGenerator.GetInt32(0, 9_000);

    /// <summary>A phone number unique within the run (the demo accounts use 1380000xxxx).</summary>
    protected static string NewPhone()
        => "1390000" + (Interlocked.Increment(ref phoneCounter) % 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
}
