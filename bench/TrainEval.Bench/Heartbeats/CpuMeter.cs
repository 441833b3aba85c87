using System.Diagnostics;
using System.Globalization;

namespace TrainEval.Bench.Heartbeats;

/// <summary>CPU seconds from /proc (Linux): the app process, this process, the benchmark's PostgreSQL cluster (the postmaster
/// and its children) and the whole machine.</summary>
internal sealed record CpuSnapshot(long Timestamp, double Server, double Generator, IReadOnlyDictionary<int, double> Postgres, double MachineBusy)
{
    private const double TicksPerSecond = 100;   // USER_HZ (getconf CLK_TCK) on Linux

    public static CpuSnapshot Take(int serverPid, int? postmasterPid) => new(Stopwatch.GetTimestamp(), Process(serverPid),
        System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, PostgresProcesses(postmasterPid), Machine());

    /// <summary>Average cores used between two snapshots.</summary>
    public static CpuUse Between(CpuSnapshot a, CpuSnapshot b)
    {
        var wall = Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalSeconds;
        // Backends started in the window count from zero; those that exited in it are lost (the pools keep them open).
        var pg = b.Postgres.Sum(p => p.Value - a.Postgres.GetValueOrDefault(p.Key));
        var server = (b.Server - a.Server) / wall;
        var generator = (b.Generator - a.Generator) / wall;
        var machine = (b.MachineBusy - a.MachineBusy) / wall;
        return new CpuUse(server, generator, pg / wall, machine, Math.Max(0, machine - server - generator - pg / wall));
    }

    private static double Process(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');   // fields[0] is field 3 (state)
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException) { return 0; }
    }

    private static Dictionary<int, double> PostgresProcesses(int? postmaster)
    {
        var result = new Dictionary<int, double>();
        if (postmaster is not { } root) return result;
        result[root] = Process(root);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var ppid = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1];   // field 4
                if (ppid == root.ToString(CultureInfo.InvariantCulture)) result[pid] = Process(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return result;
    }

    /// <summary>Busy CPU seconds of all cores (everything but idle and iowait) from /proc/stat.</summary>
    private static double Machine()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = cpu.Take(8).Sum();   // user nice system idle iowait irq softirq steal (guest is inside user)
        return (total - cpu[3] - cpu[4]) / TicksPerSecond;
    }
}

/// <summary>Average cores used: the app server, the load generator, PostgreSQL, the machine, and everything else.</summary>
internal sealed record CpuUse(double Server, double Generator, double Postgres, double Machine, double Other);
