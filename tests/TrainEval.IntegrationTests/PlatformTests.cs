using System.Net;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;

namespace TrainEval.IntegrationTests;

public sealed class PlatformTests : IClassFixture<TestAppFixture>
{
    private readonly TestApp app;
    public PlatformTests(TestAppFixture fixture) => app = fixture.App;

    [Fact]
    public void Neither_provider_has_model_changes_without_a_migration()
    {
        using var sqlite = new SqliteDesignFactory().CreateDbContext([]);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite model changed: add a migration (docs/adr/0002).");
        using var postgres = new PostgresDesignFactory().CreateDbContext([]);
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL model changed: add a migration (docs/adr/0002).");
    }

    [Fact]
    public async Task Health_endpoint_reports_the_database()
    {
        var response = await app.Browser().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"database\":\"Healthy\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_forms_carry_antiforgery_tokens()
    {
        var response = await app.Browser().GetAsync("/Accounts/Register");
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_json_api()
    {
        var doc = await app.Browser().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/journey/{projectId}", doc);
        Assert.Contains("/api/v1/projects", doc);
    }

    [Fact]
    public async Task ENR_02_public_project_page_and_api_show_the_published_project()
    {
        var html = await app.Browser().GetStringAsync("/projects/SSI-SWIM-4");
        Assert.Contains("社会体育指导员（游泳）四级", html);
        Assert.Contains("示例体育职业技能评价中心", html);
        var api = await app.Browser().GetStringAsync("/api/v1/projects");
        Assert.Contains("SSI-SWIM-4", api);
        var missing = await app.Browser().GetAsync("/api/v1/projects/NOPE");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Demo_seed_runs_once_and_a_second_start_does_not_duplicate_it()
    {
        var institutions = await app.WithDbAsync(db => db.Set<Institution>().CountAsync());
        Assert.True(institutions >= 5);
        using var second = new TestApp();
        // Point a second application instance at the same database and key material, then start it.
        foreach (var key in app.Settings.Keys.ToList()) second.Settings[key] = app.Settings[key];
        second.Server.ToString();
        Assert.Equal(institutions, await second.WithDbAsync(db => db.Set<Institution>().CountAsync()));
        Assert.Equal(1, await second.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "demo.seeded")));
    }

    [Fact]
    public async Task Unknown_pages_get_the_chinese_error_page()
    {
        var response = await app.Browser().GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
    }
}
