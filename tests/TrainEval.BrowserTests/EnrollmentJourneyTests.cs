using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SkiaSharp;
using TrainEval.BrowserTests.Infrastructure;

namespace TrainEval.BrowserTests;

/// <summary>
/// Enrolment end to end in a real browser: the learner goes through the wizard, pays in the WeChat Pay sandbox, is asked
/// by the reviewer (a second browser) to resubmit a photo, resubmits, and after approval finds the course activated.
/// </summary>
public sealed partial class EnrollmentJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string ProjectCode = "SSI-SWIM-4";
    private const string ProjectName = "社会体育指导员（游泳）四级";
    private const string ApplyPath = "/projects/" + ProjectCode + "/apply";
    private const string ResubmitReason = "证件照背景不是白色或蓝色";

    [Fact]
    public async Task ENR_PAY_REV_ACT_learner_enrolls_pays_in_sandbox_resubmits_and_gets_the_course_activated()
    {
        Journey("enrollment-journey");
        var phone = NewPhone();
        var learnerName = "沈" + Han(phone[^4..]);   // unique in the run, so the reviewer finds exactly this row
        const string password = "Swim2026pass";

        // ---- Learner: register, open the project, start the wizard.
        await RegisterLearnerAsync(learnerName, phone, password);

        await GotoAsync("/projects/" + ProjectCode);
        await Expect(ById("project-name")).ToHaveTextAsync(ProjectName);
        await ById("project-apply").ClickAsync();
        await WaitForPathAsync(ApplyPath);

        // Step 1: the rules must be scrolled through before the button enables.
        var rules = ById("rules-text");
        await Expect(rules).ToBeVisibleAsync();
        await Expect(ById("rules-read")).ToBeDisabledAsync();
        await rules.EvaluateAsync("el => { el.scrollTop = el.scrollHeight; }");
        await Expect(ById("rules-read")).ToBeEnabledAsync();
        await ScreenshotAsync("rules-read-through");
        await ById("rules-read").ClickAsync();

        // Step 2: conditions.
        await StepAsync(ById("conditions-confirm"));
        await ById("conditions-confirm").CheckAsync();
        await ById("conditions-submit").ClickAsync();

        // Step 3: personal data.
        await StepAsync(ById("personal-region"));
        await Expect(ById("personal-name")).ToHaveTextAsync(learnerName);
        await ById("personal-region").FillAsync("广东省广州市海珠区");
        await ById("personal-employer").FillAsync("广州市海珠区青少年游泳俱乐部");
        await ById("personal-education").SelectOptionAsync("本科");
        await ById("personal-submit").ClickAsync();

        // Step 4: materials, checked by content on the server (a real PNG, a plain PDF).
        await StepAsync(ById("materials-table"));
        await UploadAsync("photo", new FilePayload { Name = "证件照.png", MimeType = "image/png", Buffer = Png(240, 320) });
        await UploadAsync("education", new FilePayload { Name = "学历证明.pdf", MimeType = "application/pdf", Buffer = Pdf() });
        await UploadAsync("experience", new FilePayload { Name = "工作年限证明.png", MimeType = "image/png", Buffer = Png(600, 800) });

        // Step 5: declaration and submit → the order page.
        await StepAsync(ById("declare-truthful"));
        await ScreenshotAsync("materials-uploaded-confirm");
        await ById("declare-truthful").CheckAsync();
        await ById("declare-rules").CheckAsync();
        await ById("declare-submit").ClickAsync();
        await Page.WaitForURLAsync(OrderUrl());
        var enrollmentId = OrderUrl().Match(new Uri(Page.Url).AbsolutePath).Groups["id"].Value;
        await Expect(ById("flash")).ToContainTextAsync("报名已提交");

        // ---- Payment: mandatory fees only, sandbox QR, simulated payment, receipt.
        await Expect(ById("fee-form")).ToBeVisibleAsync();
        await Expect(ById("fee-optional").First).Not.ToBeCheckedAsync();
        await ById("order-create").ClickAsync();
        await StepAsync(ById("order-qr"));
        await Expect(ById("order-status")).ToHaveTextAsync("待支付");
        await Expect(Page.Locator(".sandbox")).ToContainTextAsync("沙箱环境");
        await Expect(ById("sandbox-pay")).ToBeVisibleAsync();
        await Page.Locator("img[data-testid=order-qr]").EvaluateAsync("img => img.decode()");
        Assert.True(await ById("order-qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR code image did not load");
        var total = (await ById("order-total").InnerTextAsync()).Trim();
        await ScreenshotAsync("order-qr-sandbox");

        await ById("sandbox-pay").ClickAsync();
        await Expect(ById("order-status")).ToHaveTextAsync("已支付");
        await Expect(ById("order-paid")).ToBeVisibleAsync();
        await Expect(ById("flash")).ToContainTextAsync("支付成功");
        await Expect(ById("order-qr")).ToHaveCountAsync(0);
        await ById("order-receipt").ClickAsync();
        await Page.WaitForURLAsync(new Regex("/my/orders/[^/]+$"));
        await Expect(ById("receipt")).ToContainTextAsync(learnerName);
        await Expect(ById("receipt")).ToContainTextAsync(ProjectName);
        await Expect(ById("receipt")).ToContainTextAsync("已支付");
        await Expect(ById("receipt")).ToContainTextAsync(total);
        await ScreenshotAsync("receipt");

        // ---- Reviewer, in a browser of their own: ask for a new photo.
        var reviewerOptions = ContextOptions();
        reviewerOptions.BaseURL = Fixture.BaseAddress.ToString();
        await using var reviewerContext = await Fixture.Browser.NewContextAsync(reviewerOptions);
        reviewerContext.SetDefaultTimeout(30_000);
        reviewerContext.SetDefaultNavigationTimeout(45_000);
        var reviewer = await reviewerContext.NewPageAsync();
        await reviewer.GotoAsync("/Accounts/Login");
        await reviewer.GetByTestId("login-identifier").FillAsync("train.reviewer");
        await reviewer.GetByTestId("login-password").FillAsync(DemoPassword);
        await reviewer.GetByTestId("login-submit").ClickAsync();
        await reviewer.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/Accounts/Login", StringComparison.OrdinalIgnoreCase));

        await OpenCaseAsync(reviewer, learnerName, enrollmentId, "待审核", screenshot: "review-queue");
        await Expect(reviewer.GetByTestId("case-payment")).ToContainTextAsync("已缴费");
        await Expect(reviewer.GetByTestId("case-materials")).ToContainTextAsync("证件照.png");
        await reviewer.GetByTestId("decision-resubmit").CheckAsync();
        await reviewer.GetByTestId("resubmit-item-photo").CheckAsync();
        await reviewer.GetByTestId("decision-reason").FillAsync(ResubmitReason);
        await reviewer.GetByTestId("decision-submit").ClickAsync();
        await StepAsync(reviewer, reviewer.GetByTestId("flash"));
        await Expect(reviewer.GetByTestId("flash")).ToContainTextAsync("补正材料");
        await Expect(reviewer.GetByTestId("case-status")).ToHaveTextAsync("需补正材料");
        await Expect(reviewer.GetByTestId("case-materials")).ToContainTextAsync("已被替换");
        await ScreenshotAsync(reviewer, "review-case-resubmit");

        // ---- Learner: sees the request, uploads a new photo, resubmits.
        await GotoAsync(ApplyPath);
        var request = ById("resubmit-request");
        await Expect(request).ToBeVisibleAsync();
        await Expect(request).ToContainTextAsync("证件照");
        await Expect(request).ToContainTextAsync(ResubmitReason);
        await Expect(ById("upload-education")).ToHaveCountAsync(0);   // only the requested item can be replaced
        await Expect(ById("material-photo-file")).ToHaveCountAsync(0); // the old photo was set aside
        await ScreenshotAsync("resubmit-request");
        await UploadAsync("photo", new FilePayload { Name = "证件照-蓝底.png", MimeType = "image/png", Buffer = Png(300, 400, SKColors.RoyalBlue) });
        await ById("resubmit-submit").ClickAsync();
        await StepAsync(ById("flash"));
        await Expect(ById("flash")).ToContainTextAsync("补正材料已提交");
        await Expect(ById("enrollment-status")).ToContainTextAsync("待审核");
        await Expect(ById("resubmit-request")).ToHaveCountAsync(0);

        // ---- Reviewer: the case is back in the queue; approve.
        await OpenCaseAsync(reviewer, learnerName, enrollmentId, "待审核", screenshot: null);
        await Expect(reviewer.GetByTestId("case-materials")).ToContainTextAsync("证件照-蓝底.png");
        await reviewer.GetByTestId("decision-approve").CheckAsync();
        await reviewer.GetByTestId("decision-reason").FillAsync("材料齐全");
        await reviewer.GetByTestId("decision-submit").ClickAsync();
        await StepAsync(reviewer, reviewer.GetByTestId("flash"));
        await Expect(reviewer.GetByTestId("case-status")).ToHaveTextAsync("审核通过");
        await ScreenshotAsync(reviewer, "review-case-approved");

        // ---- Learner: the journey shows enrolment, payment, review and activation done; learning is current.
        await GotoAsync("/my");
        var enrolledCard = Page.Locator("[data-testid=project-card]:not([data-testid=my-open-projects] *)").Filter(new() { HasText = ProjectName });
        await Expect(enrolledCard).ToHaveCountAsync(1);
        await enrolledCard.GetByTestId("project-card-journey").ClickAsync();
        await Page.WaitForURLAsync(new Regex("/my/projects/[0-9a-fA-F-]{36}$"));
        await Expect(ById("journey-project")).ToHaveTextAsync(ProjectName);
        foreach (var step in new[] { "register", "enroll", "pay", "review", "activation" })
            await Expect(ById("journey-step-" + step)).ToHaveAttributeAsync("data-state", "done");
        await Expect(ById("journey-step-learning")).ToHaveAttributeAsync("data-state", "current");
        await Expect(ById("journey-step-learning").GetByTestId("journey-current")).ToBeVisibleAsync();
        await ScreenshotAsync("journey-course-activated");

        await GotoAsync("/my/messages");
        var messages = ById("message");
        await Expect(messages.Filter(new() { HasText = "报名需补正材料" })).ToHaveCountAsync(1);
        await Expect(messages.Filter(new() { HasText = "报名需补正材料" })).ToContainTextAsync(ResubmitReason);
        await Expect(messages.Filter(new() { HasText = "报名审核通过" })).ToHaveCountAsync(1);
        await ScreenshotAsync("messages");
    }

    private static Regex OrderUrl() => OrderPath();

    [GeneratedRegex("/my/enrollments/(?<id>[0-9a-fA-F-]{36})/order$")]
    private static partial Regex OrderPath();

    /// <summary>From the review queue, opens the row of this learner and checks it is this enrolment's case.</summary>
    private async Task OpenCaseAsync(IPage reviewer, string learnerName, string enrollmentId, string status, string? screenshot)
    {
        await reviewer.GotoAsync("/workbench/reviews");
        var row = reviewer.GetByTestId("review-row").Filter(new() { HasText = learnerName });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(status);
        await Expect(row).ToContainTextAsync("已缴费");
        if (screenshot is not null) await ScreenshotAsync(reviewer, screenshot);
        await row.GetByTestId("review-open").ClickAsync();
        await reviewer.WaitForURLAsync(url => new Uri(url).AbsolutePath.Equals($"/workbench/reviews/{enrollmentId}", StringComparison.OrdinalIgnoreCase));
        await Expect(reviewer.GetByTestId("decision-form")).ToBeVisibleAsync();
    }

    /// <summary>Uploads one material and waits until the table lists the new file (or fails with the page's error).</summary>
    private async Task UploadAsync(string key, FilePayload file)
    {
        await ById($"upload-{key}").SetInputFilesAsync(file);
        await ById($"upload-{key}-submit").ClickAsync();
        var stem = Path.GetFileNameWithoutExtension(file.Name);
        await StepAsync(ById($"material-{key}-file").Filter(new() { HasText = stem }));
    }

    private Task StepAsync(ILocator next) => StepAsync(Page, next);

    /// <summary>
    /// Waits for the next step's element; if the page answered with the validation summary instead, fails with its text
    /// rather than with a bare timeout.
    /// </summary>
    private static async Task StepAsync(IPage page, ILocator next)
    {
        var errors = page.GetByTestId("form-errors");
        await Expect(next.Or(errors).First).ToBeVisibleAsync();
        if (await errors.IsVisibleAsync())
            Assert.Fail($"{page.Url}: the page refused the step: {(await errors.InnerTextAsync()).Trim()}");
        await Expect(next).ToBeVisibleAsync();
    }

    /// <summary>A real PNG (a coloured card with a face-like circle), randomised so no two uploads share a hash.</summary>
    private static byte[] Png(int width, int height, SKColor? background = null)
    {
        var shade = (byte)RandomNumberGenerator.GetInt32(0, 40);
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = new SKColor((byte)(230 + shade / 4), (byte)(200 + shade), 170), IsAntialias = true })
        {
            canvas.Clear(background ?? new SKColor(255, 255, (byte)(215 + shade)));
            canvas.DrawCircle(width / 2f, height * 0.4f, width / 4f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A minimal, valid, script-free PDF with a one-line text page.</summary>
    private static byte[] Pdf()
    {
        var nonce = RandomNumberGenerator.GetInt32(100_000, 1_000_000);
        const string content = "BT /F1 18 Tf 72 720 Td (Diploma) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new StringBuilder($"%PDF-1.4\n% test {nonce}\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
