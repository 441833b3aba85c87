using Microsoft.Extensions.Options;
using TrainEval.Web.Platform.Jobs;
using TrainEval.Web.Platform.Retention;

namespace TrainEval.Web.Modules.Retention;

/// <summary>Retention periods and controlled disposal (ARC-02). Targets are registered by the modules that own the records.</summary>
public static class RetentionModule
{
    public static void AddRetention(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RetentionOptions>().Bind(builder.Configuration.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddScoped<RetentionService>();
        services.AddScoped<ProposeDisposalsJob>();
        services.AddScoped<IRecurringJob>(sp => sp.GetRequiredService<ProposeDisposalsJob>());
    }

    /// <summary>Refuses, at start, periods below a record type's legal minimum (exam affairs ≥ 2 years) and unknown record types.</summary>
    private sealed class RetentionOptionsValidator(IServiceScopeFactory scopes) : IValidateOptions<RetentionOptions>
    {
        public ValidateOptionsResult Validate(string? name, RetentionOptions options)
        {
            using var scope = scopes.CreateScope();
            var errors = RetentionPolicy.Validate(scope.ServiceProvider.GetServices<IRetentionTarget>(), options);
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
