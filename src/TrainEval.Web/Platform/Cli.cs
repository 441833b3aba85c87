using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Platform;

/// <summary>Command-line verbs: <c>--migrate</c> (apply migrations and exit) and <c>verify-audit</c> (check the audit chain).</summary>
public static class Cli
{
    public static bool IsCommand(string[] args) => args.Contains("--migrate") || args.FirstOrDefault() == "verify-audit";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
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
