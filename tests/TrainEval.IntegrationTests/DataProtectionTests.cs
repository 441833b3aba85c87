using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.IntegrationTests;

public sealed class DataProtectionTests : IClassFixture<TestAppFixture>
{
    private readonly TestApp app;
    public DataProtectionTests(TestAppFixture fixture) => app = fixture.App;

    private const string IdNumber = "110105199408156716";
    private const string Phone = "13712345678";

    private async Task RegisterAsync()
    {
        var id = People.Id("110105", "19940815", "671");
        Assert.Equal(IdNumber, id);
        if (await app.WithDbAsync(db => db.Set<AppUser>().AnyAsync(u => u.RealName == "冯小刚"))) return; // registered by a sibling test
        var response = await app.Browser().PostFormAsync("/Accounts/Register", People.Registration("冯小刚", id, Phone));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task SEC_01_no_table_holds_a_plaintext_id_number_or_phone()
    {
        await RegisterAsync();
        var offending = await app.WithDbAsync(async db =>
        {
            var hits = new List<string>();
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).Where(t => t is not null).Distinct())
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var text = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i)) ?? "";
                        if (reader.GetValue(i) is byte[] bytes) text = Encoding.UTF8.GetString(bytes);
                        if (text.Contains(IdNumber) || text.Contains(Phone) || text.Contains(IdNumber[..14]))
                            hits.Add($"{table}.{reader.GetName(i)}");
                    }
            }
            return hits;
        });
        Assert.Empty(offending);
    }

    [Fact]
    public async Task SEC_01_raw_sqlite_file_contains_no_plaintext_id_number_or_phone()
    {
        if (TestApp.IsPostgres) return; // the table scan above covers PostgreSQL
        await RegisterAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { app.SqliteFile!, app.SqliteFile + "-wal" }.Where(File.Exists))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var secret in new[] { IdNumber, Phone })
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)));
            }
        }
    }

    [Fact]
    public async Task SEC_01_revealing_my_own_id_number_is_audited_and_the_page_otherwise_shows_the_mask()
    {
        var client = app.Browser();
        var id = People.Id("110105", "19850101", "552");
        await client.PostFormAsync("/Accounts/Register", People.Registration("冯大刚", id, "13712340000"));
        var profile = await client.GetStringAsync("/Accounts/Profile");
        Assert.Contains("110***********", profile);
        Assert.DoesNotContain(id, profile);

        var reads = () => app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "sensitive.read"));
        var before = await reads();
        var revealed = await client.PostFormAsync("/Accounts/Profile", new Dictionary<string, string>(), handler: "Reveal");
        Assert.Contains(id, await revealed.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await reads());
    }

    [Fact]
    public async Task SEC_01_blind_index_finds_the_account_by_id_number_and_phone_at_login()
    {
        var id = People.Id("110105", "19770707", "343");
        await app.Browser().PostFormAsync("/Accounts/Register", People.Registration("褚红", id, "13711112222", "Pass2026x"));
        foreach (var identifier in new[] { id, "137 1111 2222" })
        {
            var client = app.Browser();
            var response = await client.LoginAsync(identifier, "Pass2026x");
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/start", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task SEC_01_field_values_encrypted_under_an_old_key_still_decrypt_after_rotation()
    {
        using var scope = app.Services.CreateScope();
        var protector = scope.ServiceProvider.GetRequiredService<TrainEval.Web.Platform.Crypto.FieldProtector>();
        var stored = await app.WithDbAsync(db => db.Set<AppUser>().Where(u => u.UserName == "learner1").Select(u => u.IdNumberCipher).SingleAsync());
        Assert.StartsWith("v1.k1.", stored);
        Assert.Equal(People.Learner1Id, protector.Decrypt(stored, "user.id_number"));
        Assert.False(protector.NeedsRotation(stored));
    }
}
