using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.BrowserTests.Infrastructure;
using TrainEval.FaceEngine.Testing;
using TrainEval.Web.Modules.Verification;
using Xunit.Abstractions;

namespace TrainEval.BrowserTests;

/// <summary>
/// IDV-01 / IDV-03 in a real browser: the capture page opens Chromium's fake camera (fed from a .y4m written here from a
/// public-domain photo with painted-shut eyes, so the face blinks), runs the blink challenge (BrowserApp sets
/// Verification:Challenges=blink), posts its frames, and shows the server's decision. A camera that cannot be opened
/// leads to the alternative path.
/// </summary>
public sealed class FaceVerificationTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture)
{
    /// <summary>
    /// One loop of the fake camera: eyes open 0.5 s, closed 0.5 s (Chromium repeats the file in real time at 15 fps).
    /// The page takes 2 frontal frames 0.2 s apart and, 0.6 s later, 6 frames ≈ 0.27 s apart (250 ms + encoding): the
    /// 6 spread over ≈ 1.35 s, longer than either state, and each state lasts longer than the spacing, so they see open
    /// and closed eyes whatever the loop's phase at the click, with room for a slow machine (spacing up to 0.5 s). A loop
    /// with a 1.6 s open stretch (open 1.0, closed 0.4, open 0.6, closed 0.4, open 0.6) can be missed by the challenge
    /// frames at some phases.
    /// </summary>
    private static readonly (bool Closed, double Seconds)[] BlinkLoop = [(false, 0.5), (true, 0.5)];

    private FaceService Faces => Fixture.App.Services.GetRequiredService<FaceService>();

    private static byte[] FaceImage(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Faces", name));

    /// <summary>Writes a fake-camera file of the photo blinking (into the app's temporary folder, removed with it).</summary>
    private async Task<string> BlinkingCameraAsync(string photo)
    {
        var open = FaceImage(photo);
        var analysis = (await Faces.AnalyzeAsync([open], CancellationToken.None))[0];
        var closed = FakeCameraImages.ClosedEyes(open, analysis.Primary!.Landmarks);
        var path = Path.Combine(Fixture.App.Directory, $"camera-{Path.GetFileNameWithoutExtension(photo)}.y4m");
        Y4mWriter.WriteFile(path, BlinkLoop.Select(s => (s.Closed ? closed : open, s.Seconds)), 640, 480, 15);
        return path;
    }

    /// <summary>A new learner on their own Chromium whose camera shows <paramref name="photo"/> blinking.</summary>
    private async Task NewLearnerWithCameraAsync(string photo)
    {
        var camera = await BlinkingCameraAsync(photo);
        await UseOwnBrowserAsync("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + camera);
        await Context.AddInitScriptAsync(RecordPostedFrames);
        await Context.GrantPermissionsAsync(["camera"], new() { Origin = Fixture.BaseAddress.GetLeftPart(UriPartial.Authority) });
        var phone = NewPhone();
        await RegisterLearnerAsync("岳" + Han(phone[^4..]), phone, "Face2026pass");
    }

    /// <summary>Consents on /my/identity and uploads the reference photo.</summary>
    private async Task EnrollReferenceAsync(string photo)
    {
        await GotoAsync("/my/identity");
        await Expect(ById("consent-state")).ToContainTextAsync("尚未选择");
        await ById("consent-grant").ClickAsync();
        await Expect(ById("reference-card")).ToBeVisibleAsync();
        await ById("reference-photo").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Faces", photo));
        await ById("reference-upload").ClickAsync();
        await Expect(ById("reference-state")).ToContainTextAsync("已建立");
        await Expect(ById("trial-check")).ToBeVisibleAsync();
    }

    /// <summary>"试一次人脸核验" on /my/identity: a form POST answered with a redirect to the capture page.</summary>
    private async Task StartTrialAsync()
    {
        var response = await Page.RunAndWaitForResponseAsync(() => ById("trial-check").ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath.Equals("/verify/start/trial", StringComparison.OrdinalIgnoreCase));
        Assert.True(response.Status is >= 300 and < 400,
            $"POST /verify/start/trial answered {response.Status}; expected a redirect to /verify/{{id}} (does the trial form on /my/identity carry an antiforgery token?)");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/verify/", StringComparison.Ordinal));
    }

    /// <summary>Starts a trial check and waits until the camera preview plays on the capture page.</summary>
    private async Task OpenTrialCaptureAsync()
    {
        await StartTrialAsync();
        var root = ById("face-capture");
        await Expect(root).ToHaveAttributeAsync("data-challenge", "blink");
        await Expect(ById("capture-challenge")).ToHaveTextAsync("眨眼");
        await Expect(ById("capture-start")).ToBeEnabledAsync();
        await Page.WaitForFunctionAsync("() => { const v = document.querySelector('[data-testid=capture-video]'); return v.videoWidth > 0 && v.currentTime > 0.3; }");
    }

    /// <summary>Keeps the frames the page hands to fetch() (Playwright does not expose multipart blob bodies).</summary>
    private const string RecordPostedFrames = """
        (() => {
          const fetch0 = window.fetch;
          window.__postedFrames = [];
          window.fetch = function (input, init) {
            if (init && init.body instanceof FormData) window.__postedFrames = init.body.getAll('frames');
            return fetch0.apply(this, arguments);
          };
        })();
        """;

    private const string ReadPostedFrames = """
        () => Promise.all(window.__postedFrames.map((b) => new Promise((resolve) => {
          const r = new FileReader(); r.onload = () => resolve(r.result.split(',')[1]); r.readAsDataURL(b);
        })))
        """;

    /// <summary>
    /// Clicks "开始核验", screenshots the challenge in progress, waits for the decision; returns the engine's eye reading
    /// of each frame the page posted (also written to the test output: the measurement behind <see cref="BlinkLoop"/>).
    /// </summary>
    private async Task<List<string>> CaptureAsync()
    {
        await ById("capture-start").ClickAsync();
        await Expect(ById("capture-instruction")).ToContainTextAsync("缓慢眨眼");
        await ScreenshotAsync("challenge");
        await Expect(ById("capture-result")).ToBeVisibleAsync();
        await Expect(ById("face-capture")).ToHaveAttributeAsync("data-outcome", new System.Text.RegularExpressions.Regex("^(pass|retry|fail)$"));

        var frames = (await Page.EvaluateAsync<string[]>(ReadPostedFrames)).Select(Convert.FromBase64String).ToList();
        var analyses = await Faces.AnalyzeAsync(frames, CancellationToken.None);
        var eyes = analyses.Select(a => a.Primary is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"{(p.LeftEyeOpen < 0.5f && p.RightEyeOpen < 0.5f ? "closed" : "open")} {p.LeftEyeOpen:0.00}/{p.RightEyeOpen:0.00}")
            : "no face").ToList();
        output.WriteLine($"{frames.Count} frames posted: " + string.Join(" · ", eyes));
        Assert.True(eyes.Any(e => e.StartsWith("closed", StringComparison.Ordinal)) && eyes.Any(e => e.StartsWith("open", StringComparison.Ordinal)),
            "The fake camera's blink was not caught by the posted frames: " + string.Join(" · ", eyes));
        return eyes;
    }

    [Fact]
    public async Task IDV_01_learner_enrolls_a_reference_and_passes_a_blink_check_through_the_camera()
    {
        Journey("face-pass");
        await NewLearnerWithCameraAsync("astronaut.png");
        await EnrollReferenceAsync("astronaut.png");
        await ScreenshotAsync("identity-reference-ready");
        await OpenTrialCaptureAsync();
        await ScreenshotAsync("camera-ready");

        var eyes = await CaptureAsync();
        await ScreenshotAsync("passed");
        Assert.True(eyes.Count == 8, $"The page posted {eyes.Count} frames.");
        await Expect(ById("capture-still")).ToBeVisibleAsync();   // the last picture stays, the camera is off
        await Expect(ById("capture-start")).ToBeHiddenAsync();
        await Expect(ById("face-capture")).ToHaveAttributeAsync("data-outcome", "pass");
        await Expect(ById("capture-result")).ToContainTextAsync("核验通过");
        await Expect(ById("capture-continue")).ToHaveAttributeAsync("href", "/my/identity");

        // The decision is in the learner's own record.
        await ById("capture-continue").ClickAsync();
        await WaitForPathAsync("/my/identity");
        await Expect(ById("my-decision").First).ToHaveAttributeAsync("data-outcome", "Pass");
    }

    [Fact]
    public async Task IDV_03_a_different_face_on_the_camera_fails_with_the_reason_shown()
    {
        Journey("face-mismatch");
        await NewLearnerWithCameraAsync("grace_hopper.jpg");
        await EnrollReferenceAsync("astronaut.png");
        await OpenTrialCaptureAsync();
        await ScreenshotAsync("camera-ready");

        await CaptureAsync();
        await ScreenshotAsync("failed");
        await Expect(ById("face-capture")).ToHaveAttributeAsync("data-outcome", "fail");
        await Expect(ById("capture-result")).ToContainTextAsync("与本人底照不一致");
        await Expect(ById("capture-continue")).ToHaveAttributeAsync("href", "/my/identity");
    }

    [Fact]
    public async Task IDV_03_camera_denied_offers_the_alternative_path()
    {
        Journey("face-camera-denied");
        // The shared Chromium: no fake camera and no camera permission for this context.
        var phone = NewPhone();
        await RegisterLearnerAsync("岳" + Han(phone[^4..]), phone, "Face2026pass");
        await EnrollReferenceAsync("astronaut.png");
        await StartTrialAsync();

        await Expect(ById("capture-instruction")).ToContainTextAsync("无法打开摄像头");
        await Expect(ById("capture-result")).ToContainTextAsync("无法使用摄像头");
        await Expect(ById("capture-start")).ToBeHiddenAsync();
        await Expect(ById("capture-camera-off")).ToBeVisibleAsync();
        await Expect(ById("capture-continue")).ToHaveAttributeAsync("href", "/my/identity");
        await ScreenshotAsync("camera-denied");
        await ById("capture-continue").ClickAsync();
        await WaitForPathAsync("/my/identity");
        await Expect(ById("alternative-card")).ToContainTextAsync("人工核验");
    }
}
