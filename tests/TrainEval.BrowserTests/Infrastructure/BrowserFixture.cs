using Microsoft.Playwright;

namespace TrainEval.BrowserTests.Infrastructure;

/// <summary>One server and one Chromium for the whole run; each test gets its own browser context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    public BrowserApp App { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string ScreenshotDirectory { get; } = ResolveScreenshotDirectory();

    public async Task InitializeAsync()
    {
        BaseAddress = App.Start();
        playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>
    /// Another Chromium with the same settings plus <paramref name="extraArgs"/> (e.g. a fake camera fed from a file:
    /// command-line switches, so one launch per camera file). The caller closes it.
    /// </summary>
    public Task<IBrowser> LaunchAsync(params string[] extraArgs) => playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("TRAINEVAL_CHROMIUM") is { Length: > 0 } exe ? exe : "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", .. extraArgs],
    });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }

    private static string ResolveScreenshotDirectory()
    {
        if (Environment.GetEnvironmentVariable("TRAINEVAL_SCREENSHOTS") is { Length: > 0 } dir) return Path.GetFullPath(dir);
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "TrainEval.slnx"))) return Path.Combine(d.FullName, "artifacts", "screenshots");
        }
        return Path.Combine(AppContext.BaseDirectory, "screenshots");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
