using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;

namespace TrainEval.IntegrationTests;

/// <summary>SEC-02 / ARC-02: direct database edits of the audit trail are detected. A fresh app per test.</summary>
public sealed class AuditChainTests : IDisposable
{
    private readonly TestApp app = new();
    public void Dispose() => app.Dispose();

    private async Task<AuditVerification> VerifyAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
    }

    private async Task<int> SqlAsync(string sql)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(sql);
    }

    private async Task MakeEntriesAsync()
    {
        for (var i = 0; i < 3; i++)
            await app.Browser().LoginAsync("learner1");
    }

    [Fact]
    public async Task SEC_02_intact_chain_verifies()
    {
        await MakeEntriesAsync();
        var result = await VerifyAsync();
        Assert.True(result.Intact, result.Message);
        Assert.True(result.EntriesChecked >= 4);
    }

    [Fact]
    public async Task SEC_02_editing_an_entry_in_the_database_is_detected()
    {
        await MakeEntriesAsync();
        Assert.Equal(1, await SqlAsync("UPDATE platform_audit_entries SET \"ActorName\" = 'someone else' WHERE \"Sequence\" = 2"));
        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(AuditProblemKind.Edited, result.Problem);
        Assert.Equal(2, result.AtSequence);
    }

    [Fact]
    public async Task SEC_02_deleting_an_entry_in_the_database_is_detected()
    {
        await MakeEntriesAsync();
        Assert.Equal(1, await SqlAsync("DELETE FROM platform_audit_entries WHERE \"Sequence\" = 3"));
        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(AuditProblemKind.Deleted, result.Problem);
        Assert.Equal(3, result.AtSequence);
    }

    [Fact]
    public async Task SEC_02_inserting_a_forged_entry_in_the_database_is_detected()
    {
        await MakeEntriesAsync();
        // A forger shifts later rows up and slips a row in at sequence 2 with a made-up hash.
        await SqlAsync("UPDATE platform_audit_entries SET \"Sequence\" = \"Sequence\" + 1000 WHERE \"Sequence\" >= 2");
        await SqlAsync("UPDATE platform_audit_entries SET \"Sequence\" = \"Sequence\" - 999 WHERE \"Sequence\" >= 1002");
        var prev = await app.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Sequence == 1).Select(a => a.Hash).SingleAsync());
        await SqlAsync("INSERT INTO platform_audit_entries (\"Sequence\", \"AtUtc\", \"ActorName\", \"ActorRole\", \"Action\", \"SubjectType\", \"SubjectId\", \"Ip\", \"Detail\", \"PreviousHash\", \"Hash\") " +
                       $"VALUES (2, '2026-11-25 02:00:00', 'forger', '', 'role.granted', 'user', 'x', '', '', '{prev}', '{new string('a', 64)}')");
        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(2, result.AtSequence);
        Assert.Contains(result.Problem, new[] { AuditProblemKind.Inserted, AuditProblemKind.Edited });
    }

    [Fact]
    public async Task SEC_02_truncating_the_newest_entries_is_detected_by_the_checkpoint()
    {
        await MakeEntriesAsync();
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AuditCheckpointJob>().RunAsync(CancellationToken.None);
        var max = await app.WithDbAsync(db => db.Set<AuditEntry>().MaxAsync(a => a.Sequence));
        await SqlAsync($"DELETE FROM platform_audit_entries WHERE \"Sequence\" = {max}");
        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(AuditProblemKind.Truncated, result.Problem);
    }

    [Fact]
    public async Task SEC_02_the_application_refuses_to_update_or_delete_audit_entries()
    {
        await MakeEntriesAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entry = await db.Set<AuditEntry>().FirstAsync();
        db.Remove(entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task SEC_02_verify_audit_command_reports_intact_then_broken()
    {
        await MakeEntriesAsync();
        var (code, output) = await RunCliAsync();
        Assert.True(code == 0, output);
        Assert.Contains("OK: audit chain intact", output);

        await SqlAsync("UPDATE platform_audit_entries SET \"Detail\" = 'tampered' WHERE \"Sequence\" = 1");
        (code, output) = await RunCliAsync();
        Assert.Equal(2, code);
        Assert.Contains("BROKEN: Edited at sequence 1", output);
    }

    private async Task<(int Code, string Output)> RunCliAsync()
    {
        var dll = typeof(Program).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = app.Directory };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("verify-audit");
        foreach (var (k, v) in app.Settings) psi.Environment[k.Replace(":", "__")] = v;
        psi.Environment["Platform__Database__MigrateOnStart"] = "false";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
