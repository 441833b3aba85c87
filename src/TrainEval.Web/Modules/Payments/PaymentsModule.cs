using Microsoft.Extensions.Options;
using TrainEval.Web.Modules.Payments.Pay;
using TrainEval.Web.Modules.Payments.Public;
using TrainEval.Web.Modules.Payments.WeChatPay;


namespace TrainEval.Web.Modules.Payments;

public static class PaymentsModule
{
    public const string NotifyPath = "/api/v1/payments/wechatpay/notify";

    public static void AddPayments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WeChatPayOptions>().Bind(builder.Configuration.GetSection(WeChatPayOptions.SectionName));
        // Sandbox (default): a local "platform" key pair and certificate; the same verifier and parser as Live.
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<WeChatPayOptions>>().Value;
            var env = sp.GetRequiredService<IHostEnvironment>();
            var dir = Path.Combine(env.ContentRootPath, sp.GetRequiredService<IConfiguration>()["Modules:Payments:SandboxDirectory"] ?? "App_Data/keys/wechatpay-sandbox");
            return new SandboxPlatform(dir, configured, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<WeChatPayOptions>>().Value;
            if (configured.IsSandbox) return new EffectiveWeChatPayOptions(sp.GetRequiredService<SandboxPlatform>().Options);
            var problems = configured.Validate();
            if (problems.Count > 0) throw new InvalidOperationException("WeChat Pay (Live) is misconfigured: " + string.Join("; ", problems));
            return new EffectiveWeChatPayOptions(configured);
        });
        services.AddSingleton(sp => new WeChatPayVerifier(sp.GetRequiredService<EffectiveWeChatPayOptions>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WeChatPayNotificationParser(sp.GetRequiredService<EffectiveWeChatPayOptions>().Value, sp.GetRequiredService<WeChatPayVerifier>()));
        services.AddSingleton(sp => new SandboxWeChatPay(sp.GetRequiredService<SandboxPlatform>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient("wechatpay");
        services.AddSingleton<IWeChatPayGateway>(sp =>
        {
            var options = sp.GetRequiredService<EffectiveWeChatPayOptions>().Value;
            if (options.IsSandbox) return sp.GetRequiredService<SandboxWeChatPay>();
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("wechatpay");
            return new WeChatPayHttpGateway(http, options, new WeChatPaySigner(options, sp.GetRequiredService<TimeProvider>()), sp.GetRequiredService<WeChatPayVerifier>());
        });
        services.AddScoped<IPaymentsApi, PaymentsApi>();
        services.AddScoped<PaymentProcessor>();
        services.AddScoped<NotificationHandler>();
        services.AddScoped<CreateOrderHandler>();
        services.AddScoped<OrderPayment>();
        services.AddScoped<IMakeupFeesApi, MakeupFee.MakeupFeeHandler>();
        services.AddScoped<Refunds.RefundHandler>();
        services.AddScoped<Finance.FinanceHandler>();
        services.AddScoped<TrainEval.Web.Platform.Archive.IArchiveContributor, Archive.PaymentsArchive>();
        services.AddScoped<ReconcilePaymentsJob>();
        services.AddScoped<Platform.Jobs.IRecurringJob>(sp => sp.GetRequiredService<ReconcilePaymentsJob>());
    }

    public static void MapPayments(this WebApplication app)
    {
        // WeChat Pay notifications: raw body verified before anything is parsed; answered within WeChat's 5 s.
        app.MapPost(NotifyPath, async (HttpRequest request, NotificationHandler handler, CancellationToken ct) =>
            {
                const int limit = 64 * 1024;
                if (request.ContentLength is > limit) return Results.Json(new { code = "FAIL", message = "body too large" }, statusCode: 413);
                using var reader = new StreamReader(request.Body);
                var buffer = new char[limit + 1];
                var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);   // bounded even for chunked bodies
                if (read > limit) return Results.Json(new { code = "FAIL", message = "body too large" }, statusCode: 413);
                var body = new string(buffer, 0, read);
                var ip = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";
                var result = await handler.HandleAsync(name => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null, body, ip, ct);
                return result.Accept
                    ? Results.Json(new { code = "SUCCESS", message = "成功" })
                    : Results.Json(new { code = "FAIL", message = result.Outcome }, statusCode: StatusCodes.Status400BadRequest);
            })
            .AllowAnonymous().DisableAntiforgery().WithName("WeChatPayNotify").WithTags("Payments");
    }
}

/// <summary>The WeChat Pay options in force: the sandbox's own for the embedded default, the configured ones in Live mode.</summary>
public sealed record EffectiveWeChatPayOptions(WeChatPayOptions Value);
