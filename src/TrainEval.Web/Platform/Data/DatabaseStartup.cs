using Microsoft.EntityFrameworkCore;

namespace TrainEval.Web.Platform.Data;

/// <summary>Something to run once the database is ready (the demo seed). Registered by modules.</summary>
public interface IStartupTask
{
    Task RunAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>Applies migrations (SQLite by default; PostgreSQL only when configured) and runs start-up tasks before the server listens.</summary>
internal sealed class DatabaseStartup(IServiceScopeFactory scopes, DatabaseOptions options, ILogger<DatabaseStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (options.ShouldMigrateOnStart())
        {
            await db.Database.MigrateAsync(ct);
            log.LogInformation("Database migrated ({Provider})", options.Provider);
        }
        foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>())
            await task.RunAsync(scope.ServiceProvider, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
