using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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

    /// <summary>
    /// Contexts are pooled (DataServices.AddPlatformData). The sealer works on a pool of its own connections through a
    /// context of its own: after its passes no pooled context may carry its connection string, and a lease starts with
    /// nothing tracked from the one before.
    /// </summary>
    [Fact]
    public async Task SEC_02_pooled_contexts_keep_the_apps_connection_after_sealing_and_start_clean()
    {
        await MakeEntriesAsync();
        string appConnection;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            appConnection = db.Database.GetConnectionString()!;
            Assert.NotEmpty(await db.Set<AuditEntry>().ToListAsync());   // tracked, then left behind with the lease
        }
        Assert.DoesNotContain("traineval-audit-sealer", appConnection, StringComparison.OrdinalIgnoreCase);
        // Lease more contexts at once than the pool can hold here, so every pooled instance is among them.
        var scopes = Enumerable.Range(0, 32).Select(_ => app.Services.CreateScope()).ToList();
        try
        {
            var leased = scopes.Select(s => s.ServiceProvider.GetRequiredService<AppDbContext>()).ToList();
            Assert.All(leased, db =>
            {
                Assert.Equal(appConnection, db.Database.GetConnectionString());
                Assert.Empty(db.ChangeTracker.Entries());
            });
            Assert.Equal(32, leased.Distinct().Count());
        }
        finally
        {
            scopes.ForEach(s => s.Dispose());
        }
        Assert.True((await VerifyAsync()).Intact);
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
    public async Task SEC_02_an_entry_is_chained_by_the_time_its_write_returns()
    {
        await MakeEntriesAsync();
        var entries = await app.WithDbAsync(db => db.Set<AuditEntry>().OrderBy(a => a.Id).ToListAsync());
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.True(e.IsSealed && e.Hash.Length == 64 && e.Mac.Length == 64, $"entry {e.Id} {e.Action} waits"));
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence).Order());
    }

    [Fact]
    public async Task SEC_02_concurrent_writers_make_one_gapless_chain()
    {
        // Forty writers commit at once; none holds a chain lock, the sealer chains them in a few passes.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAs(null, "system", "system", null, "test.concurrent", "test", i.ToString());
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }));
        var entries = await app.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().ToListAsync());
        Assert.Equal(40, entries.Count(e => e.Action == "test.concurrent"));
        Assert.All(entries, e => Assert.True(e.IsSealed, $"entry {e.Id} waits"));
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence).Order());
        var result = await VerifyAsync();
        Assert.True(result.Intact, result.Message);
        Assert.Equal(entries.Count, result.EntriesChecked);
    }

    [Fact]
    public async Task SEC_02_writers_holding_every_pooled_connection_do_not_starve_the_sealer()
    {
        // PostgreSQL: SQLite has one writer at a time, so writers cannot all hold open write transactions.
        if (!TestApp.IsPostgres) return;
        app.Settings["ConnectionStrings:Default"] += ";Maximum Pool Size=4";
        await MakeEntriesAsync();
        var holding = 0;
        var allHolding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sealedAtReturn = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var entry = scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAs(null, "system", "system", null, "test.pool", "test", i.ToString());
            await db.SaveChangesAsync();
            if (Interlocked.Increment(ref holding) == 4) allHolding.SetResult();
            await allHolding.Task; // all four pooled connections are now held by open transactions
            await tx.CommitAsync();
            return await db.Set<AuditEntry>().AsNoTracking().Where(a => a.Id == entry.Id).Select(a => a.Sequence).SingleAsync();
        }));
        Assert.All(sealedAtReturn, seq => Assert.True(seq > 0, "an entry was still waiting when its commit returned"));
        Assert.Equal(0, app.Services.GetRequiredService<AuditSealer>().FailedPasses);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task SEC_02_entries_left_waiting_by_a_crash_after_commit_are_chained_by_the_next_pass()
    {
        await MakeEntriesAsync();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAs(null, "system", "system", null, "test.orphan", "test", "1");
            await db.SaveChangesAsync();
            // Commit below EF (no interceptor runs): as if the process died between its commit and the seal.
            await tx.GetDbTransaction().CommitAsync();
        }
        var orphan = await app.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(a => a.Action == "test.orphan"));
        Assert.False(orphan.IsSealed);
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AuditSealJob>().RunAsync(CancellationToken.None);
        orphan = await app.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(a => a.Action == "test.orphan"));
        Assert.True(orphan.IsSealed);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task SEC_02_a_row_slipped_in_while_waiting_is_never_chained_and_is_reported()
    {
        await MakeEntriesAsync();
        await SqlAsync("INSERT INTO platform_audit_entries (\"Sequence\", \"AtUtc\", \"ActorName\", \"ActorRole\", \"Action\", \"SubjectType\", \"SubjectId\", \"Ip\", \"Detail\", \"PreviousHash\", \"Hash\", \"Mac\") " +
                       $"VALUES (0, '2026-11-25 02:00:00', 'forger', '', 'role.granted', 'user', 'x', '', '', '', '', '{new string('b', 64)}')");
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AuditSealJob>().RunAsync(CancellationToken.None);
        var forged = await app.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(a => a.ActorName == "forger"));
        Assert.False(forged.IsSealed);
        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(AuditProblemKind.Inserted, result.Problem);
        Assert.Equal(forged.Id, result.EntryId);
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
        db.ChangeTracker.Clear();
        // Sealing is the one update, and only of a waiting entry: re-sealing a chained one is refused like any edit.
        var sealedEntry = await db.Set<AuditEntry>().FirstAsync();
        db.Entry(sealedEntry).Property(e => e.Hash).CurrentValue = new string('c', 64);
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
