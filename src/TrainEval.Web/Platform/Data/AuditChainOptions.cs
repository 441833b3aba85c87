using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using TrainEval.Web.Platform.Audit;

namespace TrainEval.Web.Platform.Data;

/// <summary>
/// The audit chain a context MACs new audit entries with, carried in its options: pooled contexts are built from the
/// options alone, and a restore check or a bench builds a context for another key ring the same way.
/// </summary>
public sealed class AuditChainOptions(AuditChain chain) : IDbContextOptionsExtension
{
    public AuditChain Chain { get; } = chain;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) { }

    public void Validate(IDbContextOptions options) { }

    /// <summary>The chain does not change EF's internal services: every chain shares one internal service provider.</summary>
    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "AuditChain ";
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["TrainEval:AuditChain"] = "1";
    }
}

public static class AuditChainOptionsBuilderExtensions
{
    /// <summary>Adds (or replaces) the audit chain on these options (<see cref="AuditChainOptions"/>).</summary>
    public static DbContextOptionsBuilder<T> UseAuditChain<T>(this DbContextOptionsBuilder<T> builder, AuditChain chain) where T : DbContext
    {
        ((DbContextOptionsBuilder)builder).UseAuditChain(chain);
        return builder;
    }

    /// <inheritdoc cref="UseAuditChain{T}(DbContextOptionsBuilder{T}, AuditChain)"/>
    public static DbContextOptionsBuilder UseAuditChain(this DbContextOptionsBuilder builder, AuditChain chain)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new AuditChainOptions(chain));
        return builder;
    }
}
