using TrainEval.Web.Modules.Accounts;

namespace TrainEval.UnitTests.Accounts;

public sealed class CreditCodeValidatorTests
{
    private const string RealCode = "91350100M000100Y43";

    private static string WithCheck(string first17) => first17 + CreditCodeValidator.CheckChar(first17);

    [Fact]
    public void PLT_01_accepts_real_credit_code()
    {
        Assert.Null(CreditCodeValidator.Error(RealCode));
    }

    [Fact]
    public void PLT_01_check_char_of_real_code_is_its_last_character()
    {
        Assert.Equal('3', CreditCodeValidator.CheckChar(RealCode[..17]));
    }

    [Theory]
    [InlineData("91110108MA01ABCD1")]
    [InlineData("12100000400000000")]
    [InlineData("52440300MJL000000")]
    [InlineData("00000000000000000")]
    public void PLT_01_accepts_code_built_with_check_char(string first17)
    {
        Assert.Null(CreditCodeValidator.Error(WithCheck(first17)));
    }

    [Fact]
    public void PLT_01_rejects_every_wrong_check_char()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        foreach (var c in alphabet.Where(c => c != '3'))
        {
            var error = CreditCodeValidator.Error(RealCode[..17] + c);
            Assert.NotNull(error);
            Assert.Contains("校验位", error);
        }
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    public void PLT_01_rejects_forbidden_letters(char letter)
    {
        var code = RealCode[..8] + letter + RealCode[9..];

        var error = CreditCodeValidator.Error(code);

        Assert.NotNull(error);
        Assert.Contains("不允许的字符", error);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    public void PLT_01_rejects_forbidden_letter_in_check_position(char letter)
    {
        var error = CreditCodeValidator.Error(RealCode[..17] + letter);

        Assert.NotNull(error);
        Assert.Contains("不允许的字符", error);
    }

    [Theory]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100M000100Y431")]
    [InlineData("9")]
    public void PLT_01_rejects_code_of_wrong_length(string raw)
    {
        var error = CreditCodeValidator.Error(raw);

        Assert.NotNull(error);
        Assert.Contains("18 位", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void PLT_01_rejects_empty_code(string? raw)
    {
        Assert.Equal("请填写统一社会信用代码。", CreditCodeValidator.Error(raw));
    }

    [Fact]
    public void PLT_01_normalizes_lowercase_and_whitespace()
    {
        Assert.Null(CreditCodeValidator.Error("  91350100m000100y43 "));
        Assert.Equal(RealCode, CreditCodeValidator.Normalize("  91350100m000100y43 "));
    }
}
