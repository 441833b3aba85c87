using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.UnitTests.Accounts;

/// <summary>
/// The cookie check resolves Identity's security-stamp validator only when it would act (LRN-03's login-session check
/// runs on every request; building SignInManager, UserManager and a DbContext for each was most of a save's cost).
/// The test must stay the one Identity makes: no issue time, or older than ValidationInterval.
/// </summary>
public sealed class StampCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static CookieValidatePrincipalContext Context(DateTimeOffset? issued, TimeSpan interval)
    {
        var services = new ServiceCollection();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = interval;
            o.TimeProvider = new FakeTimeProvider(Now);
        });
        var http = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        var scheme = new AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(CookieAuthenticationHandler));
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity("test")), new AuthenticationProperties { IssuedUtc = issued },
            IdentityConstants.ApplicationScheme);
        return new CookieValidatePrincipalContext(http, scheme, new CookieAuthenticationOptions(), ticket);
    }

    [Fact]
    public void LRN_03_stamp_check_is_due_without_an_issue_time() =>
        Assert.True(LoginSessionGuard.StampCheckDue(Context(null, TimeSpan.FromMinutes(30))));

    [Fact]
    public void LRN_03_stamp_check_is_not_due_within_the_interval() =>
        Assert.False(LoginSessionGuard.StampCheckDue(Context(Now.AddMinutes(-29), TimeSpan.FromMinutes(30))));

    [Fact]
    public void LRN_03_stamp_check_is_due_once_the_interval_has_passed() =>
        Assert.True(LoginSessionGuard.StampCheckDue(Context(Now.AddMinutes(-31), TimeSpan.FromMinutes(30))));

    [Fact]
    public void LRN_03_stamp_check_follows_the_configured_interval() =>
        Assert.True(LoginSessionGuard.StampCheckDue(Context(Now.AddSeconds(-2), TimeSpan.Zero)));
}
