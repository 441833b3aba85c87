using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Backup;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Platform;

/// <summary>
/// Command-line verbs: <c>--migrate</c> (apply migrations and exit), <c>verify-audit</c> (check the audit chain),
/// <c>backup --out DIR [--include-keys]</c> and <c>restore --from DIR [--force]</c> (SEC-03, see <see cref="BackupCommands"/>).
/// </summary>
public static class Cli
{
    public static bool IsCommand(string[] args) => args.Contains("--migrate") || args.FirstOrDefault() == "verify-audit" || BackupCommands.IsCommand(args);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        // Before anything resolves the key ring: a restore may first put the backed-up key files in place.
        if (BackupCommands.IsCommand(args)) return await BackupCommands.RunAsync(scope.ServiceProvider, args);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (args.Contains("--migrate"))
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            await db.Database.MigrateAsync();
            Console.WriteLine($"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
            return 0;
        }

        var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Console.WriteLine(result.Intact
            ? $"OK: audit chain intact, {result.EntriesChecked} entries checked."
            : $"BROKEN: {result.Problem} at sequence {result.AtSequence} (entry id {result.EntryId?.ToString() ?? "-"}): {result.Message}");
        return result.Intact ? 0 : 2;
    }
}
