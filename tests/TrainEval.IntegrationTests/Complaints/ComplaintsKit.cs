using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Complaints;

namespace TrainEval.IntegrationTests.Complaints;

/// <summary>Drives the complaint pages like a browser. Learner sequence numbers "1100".."1149" (four digits: the last three go into the ID number).</summary>
public static partial class ComplaintsKit
{
    public const string TrainingInstitution = "示例体育职业技能培训中心";
    public const string EvaluationInstitution = "示例体育职业技能评价中心";

    /// <summary>A registered, signed-in learner (no enrollment).</summary>
    public static async Task<(HttpClient Client, Guid LearnerId)> LearnerAsync(TestApp app, string seq)
    {
        var client = app.Browser();
        var han = new string([.. seq.Select(c => "零一二三四五六七八九"[c - '0'])]);
        var phone = "1370000" + seq;
        var r = await client.PostFormAsync("/Accounts/Register", People.Registration("学员" + han, People.Id("440106", "19950606", seq[1..]), phone));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var id = await app.WithDbAsync(db => db.Set<TrainEval.Web.Platform.Auth.AppUser>().Where(u => u.RealName == "学员" + han).Select(u => u.Id).SingleAsync());
        return (client, id);
    }

    public static Task<Guid> InstitutionIdAsync(TestApp app, string name)
        => app.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Accounts.Institution>().Where(i => i.Name == name).Select(i => i.Id).SingleAsync());

    public static async Task<HttpResponseMessage> FileAsync(HttpClient client, string url, Dictionary<string, string> fields, params (string Name, byte[] Content)[] files)
    {
        var page = await client.GetStringAsync(url);
        using var form = new MultipartFormDataContent { { new StringContent(Forms.Token(page)), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        foreach (var (name, content) in files) form.Add(new ByteArrayContent(content), "Attachments", name);
        return await client.PostAsync(url, form);
    }

    public static Dictionary<string, string> Fields(string category = "Fees", Guid? institution = null, string subject = "退费超过公示时限未到账",
        string text = "2026年11月1日申请退费，审核通过后已超过7个工作日仍未到账，请核查并尽快退回。", string? name = null, string? phone = null, string? email = null)
    {
        var f = new Dictionary<string, string> { ["Category"] = category, ["Subject"] = subject, ["Text"] = text };
        if (institution is { } i) f["InstitutionId"] = i.ToString();
        if (name is not null) f["Name"] = name;
        if (phone is not null) f["Phone"] = phone;
        if (email is not null) f["Email"] = email;
        return f;
    }

    /// <summary>Files as the public and returns (number, code) read from the one-time page.</summary>
    public static async Task<(string Number, string Code)> FilePublicAsync(HttpClient anon, Dictionary<string, string> fields, params (string, byte[])[] files)
    {
        var r = await FileAsync(anon, "/complaints/new", fields, files);
        EnrollmentFlow.Redirects(r);
        Assert.Equal("/complaints/filed", r.Headers.Location!.OriginalString);
        var page = await anon.GetStringAsync("/complaints/filed");
        return (NumberRegex().Match(page).Groups[1].Value, CodeRegex().Match(page).Groups[1].Value);
    }

    public static async Task<Guid> FileLearnerAsync(HttpClient learner, Dictionary<string, string> fields, params (string, byte[])[] files)
    {
        var r = await FileAsync(learner, "/my/complaints/new", fields, files);
        EnrollmentFlow.Redirects(r);
        return Guid.Parse(r.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    public static Task<Complaint> ComplaintAsync(TestApp app, Guid id) => app.WithDbAsync(db => db.Set<Complaint>().AsNoTracking().SingleAsync(c => c.Id == id));

    public static Task<HttpResponseMessage> ActAsync(HttpClient staff, Guid id, string handler, Dictionary<string, string>? fields = null)
        => staff.PostFormAsync($"/workbench/complaints/{id}", fields ?? [], handler);

    public static async Task<HttpClient> StaffAsync(TestApp app, string login)
    {
        var c = app.Browser();
        EnrollmentFlow.Redirects(await c.LoginAsync(login));
        return c;
    }

    [GeneratedRegex("data-testid=\"complaint-number\">([^<]+)<")] public static partial Regex NumberRegex();
    [GeneratedRegex("data-testid=\"complaint-code\">([^<]+)<")] public static partial Regex CodeRegex();
}
