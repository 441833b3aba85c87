using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

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

    public static async Task<AppServer> StartAsync(string dll, IReadOnlyDictionary<string, string> env, string log)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
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
