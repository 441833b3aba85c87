using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;

namespace TrainEval.IntegrationTests;

public sealed partial class TwoFactorTests : IClassFixture<TestAppFixture>
{
    private readonly TestApp app;
    public TwoFactorTests(TestAppFixture fixture) => app = fixture.App;

    [Fact]
    public async Task SEC_01_staff_enable_totp_two_factor_stored_encrypted_and_then_need_the_code_to_sign_in()
    {
        var admin = app.Browser();
        await admin.LoginAsync("train.admin");
        var page = await admin.GetStringAsync("/Accounts/TwoFactor");
        var key = KeyRegex().Match(page).Groups[1].Value.Replace(" ", "");
        Assert.False(string.IsNullOrEmpty(key));

        var wrong = await admin.PostFormAsync("/Accounts/TwoFactor", new Dictionary<string, string> { ["Code"] = "000000" }, "Enable");
        Assert.Contains("动态码不正确", await wrong.Content.ReadAsStringAsync());
        var enabled = await admin.PostFormAsync("/Accounts/TwoFactor", new Dictionary<string, string> { ["Code"] = Totp(key) }, "Enable");
        Assert.Contains("两步验证已开启", await enabled.Content.ReadAsStringAsync());

        // SEC-01: the authenticator secret and the recovery codes are stored encrypted, never in plain text.
        var tokens = await app.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == db.Users.Where(u => u.UserName == "train.admin").Select(u => u.Id).Single())
            .Select(t => new { t.Name, t.Value }).ToListAsync());
        Assert.Contains(tokens, t => t.Name == "AuthenticatorKey");
        Assert.Contains(tokens, t => t.Name == "RecoveryCodes");
        Assert.All(tokens, t => Assert.StartsWith("v1.", t.Value));
        Assert.DoesNotContain(tokens, t => t.Value!.Contains(key, StringComparison.OrdinalIgnoreCase));

        var fresh = app.Browser();
        var login = await fresh.LoginAsync("train.admin");
        Assert.Contains("LoginWith2fa", login.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync("/workbench")).StatusCode);   // not signed in yet
        var bad = await fresh.PostFormAsync("/Accounts/LoginWith2fa", new Dictionary<string, string> { ["Code"] = "123456" });
        Assert.Contains("动态码不正确", await bad.Content.ReadAsStringAsync());
        var ok = await fresh.PostFormAsync("/Accounts/LoginWith2fa", new Dictionary<string, string> { ["Code"] = Totp(key) });
        Assert.Equal("/start", ok.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/workbench")).StatusCode);
    }

    /// <summary>RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) — what an authenticator app computes. Identity checks it against the real clock.</summary>
    private static string Totp(string base32Key)
    {
        var key = Base32(base32Key);
        var counter = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30;
        var msg = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian) Array.Reverse(msg);
        var hash = HMACSHA1.HashData(key, msg);
        var offset = hash[^1] & 0x0F;
        var code = ((hash[offset] & 0x7F) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3]) % 1_000_000;
        return code.ToString("D6");
    }

    private static byte[] Base32(string s)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in s.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8) { output.Add((byte)(value >> (bits - 8))); bits -= 8; }
        }
        return output.ToArray();
    }

    [GeneratedRegex("data-testid=\"2fa-key\">([^<]+)<")] private static partial Regex KeyRegex();
}
