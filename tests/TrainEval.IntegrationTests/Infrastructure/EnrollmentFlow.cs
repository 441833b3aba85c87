using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Payments;

namespace TrainEval.IntegrationTests.Infrastructure;

/// <summary>Drives the enrollment wizard, ordering and payment through HTTP like a learner's browser.</summary>
public static partial class EnrollmentFlow
{
    public const string Project = "SSI-SWIM-4";
    public const string ApplyUrl = "/projects/SSI-SWIM-4/apply";

    public static byte[] Png(int w = 240, int h = 320, SKColor? color = null)
    {
        using var bmp = new SKBitmap(w, h);
        using (var canvas = new SKCanvas(bmp)) { canvas.Clear(color ?? SKColors.SkyBlue); canvas.DrawCircle(w / 2f, h / 2f, w / 4f, new SKPaint { Color = SKColors.Bisque }); }
        using var img = SKImage.FromBitmap(bmp);
        return img.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    public static byte[] Pdf() => System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A new learner with a complete profile, signed in.</summary>
    public static async Task<HttpClient> NewLearnerAsync(TestApp app, string seq, string birth = "19960505")
    {
        var client = app.Browser();
        var response = await client.PostFormAsync("/Accounts/Register", People.Registration("学员" + Han(seq), People.Id("440106", birth, seq), "1370000" + seq.PadLeft(4, '0')));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static string Han(string digits) => new(digits.Select(c => "零一二三四五六七八九"[c - '0']).ToArray());

    public static async Task<HttpResponseMessage> StepAsync(HttpClient c, string handler, Dictionary<string, string>? fields = null)
        => await c.PostFormAsync(ApplyUrl, fields ?? new Dictionary<string, string>(), handler);

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient c, string key, byte[] content, string fileName)
    {
        var page = await c.GetStringAsync(ApplyUrl);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Forms.Token(page)), "__RequestVerificationToken" },
            { new StringContent(key), "MaterialKey" },
            { new ByteArrayContent(content), "Upload", fileName },
        };
        return await c.PostAsync(ApplyUrl + "?handler=Upload", form);
    }

    /// <summary>Rules → conditions → personal data → three required materials → declaration. Returns the enrollment id.</summary>
    public static async Task<Guid> SubmitAsync(TestApp app, HttpClient c)
    {
        Redirects(await StepAsync(c, "Start"));
        Redirects(await StepAsync(c, "Conditions", new() { ["ConditionsConfirmed"] = "true" }));
        Redirects(await StepAsync(c, "Personal", new() { ["Region"] = "广东省广州市", ["Employer"] = "广州游泳馆", ["Education"] = "本科" }));
        Redirects(await UploadAsync(c, "photo", Png(), "photo.png"));
        Redirects(await UploadAsync(c, "education", Pdf(), "diploma.pdf"));
        Redirects(await UploadAsync(c, "experience", Png(color: SKColors.Wheat), "work.png"));
        var submitted = await StepAsync(c, "Submit", new() { ["Truthful"] = "true", ["RulesKnown"] = "true" });
        Redirects(submitted);
        return Guid.Parse(EnrollmentIdInUrl().Match(submitted.Headers.Location!.OriginalString).Groups[1].Value);
    }

    public static async Task<PaymentOrder> OrderAsync(TestApp app, HttpClient c, Guid enrollmentId, params Guid[] optionalFees)
    {
        var fields = new Dictionary<string, string>();
        var url = $"/my/enrollments/{enrollmentId}/order";
        var page = await c.GetStringAsync(url);
        var content = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Forms.Token(page)) };
        content.AddRange(optionalFees.Select(f => new KeyValuePair<string, string>("OptionalFees", f.ToString())));
        Redirects(await c.PostAsync(url + "?handler=Create", new FormUrlEncodedContent(content)));
        return await app.WithDbAsync(db => db.Set<PaymentOrder>().Include(o => o.Lines).SingleAsync(o => o.EnrollmentId == enrollmentId && o.Status != OrderStatus.Closed));
    }

    public static async Task PaySandboxAsync(HttpClient c, Guid enrollmentId)
        => Redirects(await c.PostFormAsync($"/my/enrollments/{enrollmentId}/order", new Dictionary<string, string>(), "Simulate"));

    public static async Task<HttpResponseMessage> DecideAsync(HttpClient reviewer, Guid enrollmentId, string outcome, string reason, params string[] items)
    {
        var url = $"/workbench/reviews/{enrollmentId}";
        var page = await reviewer.GetStringAsync(url);
        var content = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", Forms.Token(page)), new("Outcome", outcome), new("Reason", reason), new("ResubmitDays", "7"),
        };
        content.AddRange(items.Select(i => new KeyValuePair<string, string>("ResubmitItems", i)));
        return await reviewer.PostAsync(url, new FormUrlEncodedContent(content));
    }

    public static void Redirects(HttpResponseMessage r)
    {
        if (r.StatusCode != HttpStatusCode.Redirect)
        {
            var body = r.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var errors = ErrorList().Match(body);
            Assert.Fail($"Expected a redirect, got {(int)r.StatusCode}: {(errors.Success ? errors.Value : body[..Math.Min(400, body.Length)])}");
        }
    }

    [GeneratedRegex(@"/my/enrollments/([0-9a-f-]{36})/order")] private static partial Regex EnrollmentIdInUrl();
    [GeneratedRegex("data-testid=\"form-errors\">[\\s\\S]*?</div>")] private static partial Regex ErrorList();
}
