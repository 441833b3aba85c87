using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using TrainEval.Web.Modules.Payments.WeChatPay;
using static TrainEval.UnitTests.Payments.WeChatPayTestKit;

namespace TrainEval.UnitTests.Payments;

/// <summary>How the fake signs its responses.</summary>
public enum FakeResponseSigning { Valid, Unsigned, WrongKey, TamperedAfterSigning, Stale }

/// <summary>
/// Acts as api.mch.weixin.qq.com: refuses requests whose Authorization signature does not verify with the merchant
/// public key (401 SIGN_ERROR, unsigned, like WeChat) and signs its responses with the test platform key.
/// </summary>
internal sealed partial class FakeWeChatPayServer(FakeTimeProvider clock) : HttpMessageHandler
{
    public sealed record Received(string Method, string PathAndQuery, string Body, string Authorization, string? UserAgent, string? ContentType);

    public List<Received> Requests { get; } = [];

    public FakeResponseSigning Signing { get; set; } = FakeResponseSigning.Valid;

    /// <summary>Route → (status, body). Default: 404 RESOURCE_NOT_EXISTS.</summary>
    public Func<Received, (HttpStatusCode Status, string Body)> Respond { get; set; }
        = _ => (HttpStatusCode.NotFound, "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"无可用的平台证书\"}");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var authorization = request.Headers.TryGetValues("Authorization", out var values) ? values.Single() : "";
        var received = new Received(request.Method.Method, request.RequestUri!.PathAndQuery, body, authorization,
            request.Headers.UserAgent.ToString(), request.Content?.Headers.ContentType?.MediaType);
        Requests.Add(received);

        if (!AuthorizationVerifies(received))
            return new HttpResponseMessage(HttpStatusCode.Unauthorized)
            {
                Content = new StringContent("{\"code\":\"SIGN_ERROR\",\"message\":\"签名错误\"}", Encoding.UTF8, "application/json"),
            };

        var (status, responseBody) = Respond(received);
        var response = new HttpResponseMessage(status);
        if (responseBody.Length > 0 || status != HttpStatusCode.NoContent)
            response.Content = new StringContent(responseBody, Encoding.UTF8, "application/json");
        response.Headers.Add("Request-ID", "08F5B8C2B506102C18FDDFEEA30620BE821E28EDC405-0");

        if (Signing != FakeResponseSigning.Unsigned)
        {
            var at = Signing == FakeResponseSigning.Stale ? clock.GetUtcNow().AddMinutes(-10) : clock.GetUtcNow();
            var headers = SignedHeaders(responseBody, at, Signing == FakeResponseSigning.WrongKey ? OtherPrivateKeyPem : PlatformPrivateKeyPem);
            foreach (var (name, value) in headers)
                response.Headers.TryAddWithoutValidation(name, value);
            if (Signing == FakeResponseSigning.TamperedAfterSigning)
                response.Content = new StringContent(responseBody.Replace("12800", "1"), Encoding.UTF8, "application/json");
        }

        return response;
    }

    private bool AuthorizationVerifies(Received request)
    {
        var match = AuthorizationPattern().Match(request.Authorization);
        if (!match.Success || match.Groups["mchid"].Value != MchId || match.Groups["serial"].Value != MerchantSerialNo)
            return false;
        var timestamp = long.Parse(match.Groups["timestamp"].Value, CultureInfo.InvariantCulture);
        if (Math.Abs(timestamp - clock.GetUtcNow().ToUnixTimeSeconds()) > 300)
            return false;
        var message = $"{request.Method}\n{request.PathAndQuery}\n{timestamp}\n{match.Groups["nonce"].Value}\n{request.Body}\n";
        return VerifyWith(MerchantPrivateKeyPem, message, match.Groups["signature"].Value);
    }

    [GeneratedRegex("^WECHATPAY2-SHA256-RSA2048 mchid=\"(?<mchid>[^\"]*)\",nonce_str=\"(?<nonce>[A-Za-z0-9]{32})\",signature=\"(?<signature>[^\"]+)\",timestamp=\"(?<timestamp>[0-9]+)\",serial_no=\"(?<serial>[^\"]*)\"$")]
    private static partial Regex AuthorizationPattern();
}
