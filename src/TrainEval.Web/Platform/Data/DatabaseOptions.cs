namespace TrainEval.Web.Platform.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class DatabaseOptions
{
    public const string Section = "Platform:Database";
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Apply migrations at start. Defaults to true for SQLite; production PostgreSQL uses <c>--migrate</c>.</summary>
    public bool? MigrateOnStart { get; set; }
}
