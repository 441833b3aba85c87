using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Demo;

public sealed class DemoOptions
{
    public const string Section = "Modules:Demo";
    /// <summary>Seed the demo platform at start (idempotent). Off in production.</summary>
    public bool Seed { get; set; }
    /// <summary>Password of every demo account.</summary>
    public string Password { get; set; } = "Demo2026!";
    public bool PrintAccounts { get; set; } = true;
}

public static class DemoModule
{
    public static void AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoOptions>>().Value);
        builder.Services.AddScoped<IStartupTask, DemoSeeder>();
    }
}
