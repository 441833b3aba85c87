using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Modules.Retention;
using TrainEval.Web.Modules.Verification;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;

namespace TrainEval.IntegrationTests.Retention;

/// <summary>ARC-02: retention periods and four-eyes disposal of expired face-capture frames. A fresh app per test (the clock jumps a year).</summary>
public sealed class DisposalTests : IDisposable
{
    private readonly TestApp app = new();
    public void Dispose() => app.Dispose();

    /// <summary>A face decision with sealed frames in the file store, recorded now (as the identity module would store it).</summary>
    private async Task<(Guid Id, string FileKey)> DecisionWithFramesAsync(CheckContext context)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var vault = scope.ServiceProvider.GetRequiredService<BiometricVault>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var learner = await db.Set<AppUser>().Where(u => u.UserName == "learner1").Select(u => u.Id).SingleAsync();
        var capture = CaptureSession.Issue(learner, context, null, "unit-1", "blink", "/", now, TimeSpan.FromMinutes(2));
        var id = Guid.NewGuid();
        var key = vault.NewKey(id);
        var fileKey = await vault.StoreImagesAsync(key.Key, [EnrollmentFlow.Png(64, 48)], CancellationToken.None);
        db.Add(capture);
        db.Add(IdentityDecision.Face(id, capture, null, CheckOutcome.Pass, "Match", 0.9, 0.9, 0.5, 0.5, true, "test-model", 1, fileKey,
            key.WrappedKey, null, "127.0.0.1", "test", now));
        await db.SaveChangesAsync();
        return (id, fileKey);
    }

    private async Task<int> ProposeAsync()
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ProposeDisposalsJob>().RunAsync(CancellationToken.None);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<DisposalRecord>().CountAsync();
    }

    private Task<List<DisposalRecord>> DisposalsAsync() => app.WithDbAsync(db => db.Set<DisposalRecord>().AsNoTracking().ToListAsync());

    private Task<IdentityDecision> DecisionAsync(Guid id) => app.WithDbAsync(db => db.Set<IdentityDecision>().AsNoTracking().SingleAsync(d => d.Id == id));

    private async Task<bool> FileExistsAsync(string key)
    {
        await using var s = await app.Services.GetRequiredService<IFileStore>().OpenAsync(key, CancellationToken.None);
        return s is not null;
    }

    /// <summary>Makes eval.admin a second platform operator (the demo has one) so two administrators can take part.</summary>
    private async Task GrantSecondOperatorAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Set<AppUser>().Where(u => u.UserName == "eval.admin").Select(u => u.Id).SingleAsync();
        var op = await db.Set<Institution>().Where(i => i.Kind == InstitutionKind.Operator).Select(i => i.Id).FirstAsync();
        db.Add(RoleGrant.Create(user, Roles.Operator, op, null, null, app.Clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient c, string handler, Guid id)
        => c.PostFormAsync("/workbench/retention", new Dictionary<string, string> { ["DisposalId"] = id.ToString() }, handler);

    [Fact]
    public async Task ARC_02_unexpired_records_are_not_proposed()
    {
        var learning = await DecisionWithFramesAsync(CheckContext.Learning);
        var exam = await DecisionWithFramesAsync(CheckContext.Exam);
        app.Clock.Advance(TimeSpan.FromDays(364));
        Assert.Equal(0, await ProposeAsync());

        // After the learning period (365 days) the learning frames are proposed; exam frames (730 days, exam affairs) are not.
        app.Clock.Advance(TimeSpan.FromDays(2));
        var fresh = await DecisionWithFramesAsync(CheckContext.Learning);
        Assert.Equal(1, await ProposeAsync());
        var proposal = Assert.Single(await DisposalsAsync());
        Assert.Equal("idv.frames.learning", proposal.RecordType);
        Assert.Equal([learning.Id.ToString()], proposal.IdList);
        Assert.DoesNotContain(fresh.Id.ToString(), proposal.Ids);
        Assert.DoesNotContain(exam.Id.ToString(), proposal.Ids);

        // The job is idempotent: an open proposal for a type is not duplicated.
        Assert.Equal(1, await ProposeAsync());

        // The policy table shows the periods in force.
        var op = app.Browser();
        await op.LoginAsync("operator");
        var page = await op.GetStringAsync("/workbench/retention");
        Assert.Contains("data-type=\"idv.frames.exam\"", page);
        Assert.Contains("730 天", page);
    }

    [Fact]
    public async Task ARC_02_disposal_needs_two_admins_and_leaves_a_record()
    {
        var old = await DecisionWithFramesAsync(CheckContext.Login);
        app.Clock.Advance(TimeSpan.FromDays(400));
        var young = await DecisionWithFramesAsync(CheckContext.Login);
        Assert.Equal(1, await ProposeAsync());
        var proposal = Assert.Single(await DisposalsAsync());
        await GrantSecondOperatorAsync();

        // Staff without the permission cannot open the page.
        var teacher = app.Browser();
        await teacher.LoginAsync("train.teacher");
        Assert.NotEqual(HttpStatusCode.OK, (await teacher.GetAsync("/workbench/retention")).StatusCode);

        var first = app.Browser();
        await first.LoginAsync("operator");
        // Not approved yet: confirming is refused.
        var early = await ActAsync(first, "Confirm", proposal.Id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("尚未批准", await early.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(first, "Approve", proposal.Id)).StatusCode);
        // The approver cannot also confirm.
        var self = await ActAsync(first, "Confirm", proposal.Id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, self.StatusCode);
        Assert.Contains("另一名管理员", await self.Content.ReadAsStringAsync());
        Assert.Equal(DisposalStatus.Approved, (await DisposalsAsync()).Single().Status);
        Assert.NotEqual("", (await DecisionAsync(old.Id)).FramesFileKey);
        Assert.True(await FileExistsAsync(old.FileKey));

        var second = app.Browser();
        await second.LoginAsync("eval.admin");
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(second, "Confirm", proposal.Id)).StatusCode);

        // The frames are gone (file and data key); the decision row stays as the tombstone.
        var disposed = await DecisionAsync(old.Id);
        Assert.Equal("", disposed.FramesFileKey);
        Assert.Equal("", disposed.WrappedKey);
        Assert.Equal(CheckOutcome.Pass, disposed.Outcome);
        Assert.Equal(1, disposed.FrameCount);
        Assert.False(await FileExistsAsync(old.FileKey));
        // The unexpired one is untouched.
        Assert.Equal(young.FileKey, (await DecisionAsync(young.Id)).FramesFileKey);
        Assert.True(await FileExistsAsync(young.FileKey));

        // The disposal record: who, when, what, how many, and the hash of the ids.
        var record = (await DisposalsAsync()).Single();
        Assert.Equal(DisposalStatus.Disposed, record.Status);
        Assert.Equal(1, record.DisposedCount);
        Assert.Equal(1, record.FilesDeleted);
        Assert.Equal(RetentionPolicy.IdsHash([old.Id.ToString()]), record.IdsSha256);
        Assert.NotNull(record.ApprovedBy);
        Assert.NotNull(record.ConfirmedBy);
        Assert.NotEqual(record.ApprovedBy, record.ConfirmedBy);
        Assert.NotNull(record.ApprovedAtUtc);
        Assert.NotNull(record.ConfirmedAtUtc);

        // Audited, and the chain still verifies.
        var actions = await app.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.SubjectId == record.Id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Equal(["retention.approved", "retention.disposed", "retention.proposed"], actions.Order());
        using (var scope = app.Services.CreateScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync()).Intact);

        // Nothing can be disposed twice; the page keeps showing the record.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActAsync(second, "Confirm", proposal.Id)).StatusCode);
        var page = await first.GetStringAsync("/workbench/retention");
        Assert.Contains("已处置 1 条", page);
    }
}
