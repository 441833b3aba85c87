using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;
using TrainEval.Web.Platform.Jobs;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Platform;

public static class PlatformServices
{
    public const string LoginRateLimit = "login";
    /// <summary>Public certificate verification (CRT-02): per client address, <c>Platform:RateLimits:CertificateVerifyPerMinute</c> (default 20).</summary>
    public const string CertificateVerifyRateLimit = "certificate-verify";
    /// <summary>Complaint filing and tracking (SUP-01): POSTs per client address in a 10-minute window
    /// ("Platform:RateLimits:ComplaintsPer10Minutes", default 20); GETs are not limited.</summary>
    public const string ComplaintsRateLimit = "complaints";

    public static void AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        builder.AddPlatformData();

        services.AddOptions<CryptoOptions>().Bind(config.GetSection(CryptoOptions.Section));
        services.AddSingleton(sp => KeyRing.Create(sp.GetRequiredService<IOptions<CryptoOptions>>(), sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<ILogger<KeyRing>>()));
        services.AddSingleton<FieldProtector>();
        services.AddSingleton<BlindIndex>();
        services.AddSingleton<AuditChain>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditVerifier>();
        services.AddSingleton<AuditSealer>();
        services.AddSingleton<AuditSealInterceptor>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor>(sp => sp.GetRequiredService<AuditSealInterceptor>());
        services.AddScoped<AuditSealJob>();
        services.AddScoped<IRecurringJob>(sp => sp.GetRequiredService<AuditSealJob>());
        services.AddScoped<AuditCheckpointJob>();
        services.AddScoped<IRecurringJob>(sp => sp.GetRequiredService<AuditCheckpointJob>());

        services.AddDataProtection().SetApplicationName("TrainEval")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(builder.Environment.ContentRootPath,
                config["Platform:DataProtection:KeysPath"] ?? "App_Data/keys/dataprotection")));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();

        services.AddOptions<FileStoreOptions>().Bind(config.GetSection(FileStoreOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<FileStoreOptions>>().Value);
        services.AddSingleton<IFileStore, LocalFileStore>();

        services.AddOptions<JobsOptions>().Bind(config.GetSection(JobsOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<JobsOptions>>().Value);
        services.AddSingleton<JobRunner>();
        services.AddHostedService<DatabaseStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());

        services.AddAuthorization(o =>
        {
            foreach (var permission in Permissions.All)
                o.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireClaim(AppClaims.Permission, permission));
        });

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Modules";
            o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "te.af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        // Chinese text is written as characters, not &#x...; escapes (still HTML-encoded for markup characters).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddOpenApi("v1");
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            var loginLimit = config.GetValue("Platform:RateLimits:LoginPerMinute", 30);
            o.AddPolicy(LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = loginLimit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            var verifyLimit = config.GetValue("Platform:RateLimits:CertificateVerifyPerMinute", 20);
            o.AddPolicy(CertificateVerifyRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = verifyLimit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(ComplaintsRateLimit, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = http.RequestServices.GetRequiredService<IConfiguration>().GetValue("Platform:RateLimits:ComplaintsPer10Minutes", 20),
                        Window = TimeSpan.FromMinutes(10), QueueLimit = 0,
                    }));
        });
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 32 * 1024 * 1024;
            k.AddServerHeader = false;
        });
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = 32 * 1024 * 1024;
            o.ValueCountLimit = 2000;
        });
    }

    public static void UsePlatform(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error");
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseMiddleware<SecurityHeaders>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<PasswordChangeGate>();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthWriter.WriteAsync });
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapRazorPages();
    }
}
