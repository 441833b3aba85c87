using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using TrainEval.Web.Platform.Crypto;

namespace TrainEval.Bench.Heartbeats;

/// <summary>
/// The real application (Release build of TrainEval.Web) as its own process, configured only through environment
/// variables as in production: PostgreSQL, keys from the environment, jobs and demo seed off, logging at Warning.
/// </summary>
internal sealed class AppServer : IAsyncDisposable
{
    private readonly Process process;

    private AppServer(Process process, string url)
    {
        this.process = process;
        Url = url;
    }

    public string Url { get; }
    public int Pid => process.Id;

    /// <summary>Applies the migrations with the app's own <c>--migrate</c> verb.</summary>
    public static async Task MigrateAsync(string dll, IReadOnlyDictionary<string, string> env, string log)
    {
        using var p = Start(dll, "--migrate", env, log);
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"Migration failed (exit {p.ExitCode}); see {log}.");
    }

    /// <summary>Starts the app on <paramref name="port"/> (a free one when null) and waits for /health.</summary>
    public static async Task<AppServer> StartAsync(string dll, IReadOnlyDictionary<string, string> env, string log, int? port = null)
    {
        var url = $"http://127.0.0.1:{port ?? FreePort()}";
        var server = new AppServer(Start(dll, $"--urls {url}", env, log), url);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (server.process.HasExited) throw new InvalidOperationException($"The app exited at start (exit {server.process.ExitCode}); see {log}.");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        await server.DisposeAsync();
        throw new TimeoutException($"The app did not answer /health within 90 s; see {log}.");
    }

    /// <summary>
    /// Runs <c>dotnet app.dll args</c> through <c>sh -c exec</c> so the output goes straight to the log file (no pipe
    /// to drain here) and the process id is the app's own.
    /// </summary>
    private static Process Start(string dll, string args, IReadOnlyDictionary<string, string> env, string log)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"exec dotnet \"{dll}\" {args} >> \"{log}\" 2>&1");
        foreach (var (k, v) in env) psi.Environment[k] = v;
        return Process.Start(psi) ?? throw new InvalidOperationException("Could not start the app.");
    }

    /// <summary>
    /// The app's configuration for a benchmark, as in production (environment only): PostgreSQL, random keys, jobs and demo
    /// seed off, logging at Warning, Data Protection keys in <c>work/dp-keys</c> (so the bench can mint what the app issues).
    /// </summary>
    public static (Dictionary<string, string> Env, KeyRing Ring, string DataProtectionKeys) Environment(string connectionString, string work)
    {
        var keys = new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) };
        var blind = RandomNumberGenerator.GetBytes(32);
        var audit = RandomNumberGenerator.GetBytes(32);
        var dataProtectionKeys = Path.Combine(work, "dp-keys");
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Platform__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Default"] = connectionString,
            ["Platform__Jobs__Enabled"] = "false",
            ["Platform__Files__Root"] = Path.Combine(work, "files"),
            ["Platform__DataProtection__KeysPath"] = dataProtectionKeys,
            ["Platform__Crypto__ActiveKeyId"] = "k1",
            ["Platform__Crypto__Keys__k1"] = Convert.ToBase64String(keys["k1"]),
            ["Platform__Crypto__BlindIndexKey"] = Convert.ToBase64String(blind),
            ["Platform__Crypto__AuditChainKey"] = Convert.ToBase64String(audit),
            ["Modules__Demo__Seed"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
        };
        // Runtime or app settings for the app only (A/B runs): TRAINEVAL_BENCH_APP_<NAME>=value sets <NAME>=value.
        foreach (var (k, v) in AppOverrides()) env[k] = v;
        return (env, new KeyRing("k1", keys, blind, audit), dataProtectionKeys);
    }

    public const string AppEnvPrefix = "TRAINEVAL_BENCH_APP_";

    /// <summary>The TRAINEVAL_BENCH_APP_ overrides in effect, for the run's header ("none" without any).</summary>
    public static string Overrides()
    {
        var set = AppOverrides();
        return set.Count == 0 ? "none" : string.Join(" ", set.Select(x => $"{x.Key}={x.Value}"));
    }

    private static SortedDictionary<string, string> AppOverrides() => new(System.Environment.GetEnvironmentVariables()
        .Cast<System.Collections.DictionaryEntry>()
        .Where(e => e.Key is string k && k.StartsWith(AppEnvPrefix, StringComparison.Ordinal) && k.Length > AppEnvPrefix.Length)
        .ToDictionary(e => ((string)e.Key)[AppEnvPrefix.Length..], e => e.Value as string ?? ""), StringComparer.Ordinal);

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TrainEval.slnx"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
