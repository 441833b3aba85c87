using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.UnitTests.Accounts;

public sealed class IdNumberValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    /// <summary>Builds a mainland ID number with a correct check digit from region, birth date and sequence.</summary>
    private static string Mainland(string region, string birth, string sequence)
    {
        var first17 = region + birth + sequence;
        return first17 + IdNumberValidator.CheckDigit(first17);
    }

    private static IdNumberCheck CheckMainland(string? raw) => IdNumberValidator.Check(IdDocumentType.MainlandId, raw, Today);

    [Fact]
    public void ENR_01_accepts_real_format_mainland_id_with_x_check_digit()
    {
        var result = CheckMainland("11010519491231002X");

        Assert.True(result.IsValid, result.Error);
        Assert.Null(result.Error);
        Assert.Equal("11010519491231002X", result.Normalized);
        Assert.Equal(new DateOnly(1949, 12, 31), result.BirthDate);
        Assert.Equal(Gender.Female, result.Gender);
    }

    [Fact]
    public void ENR_01_check_digit_of_the_real_example_is_x()
    {
        Assert.Equal('X', IdNumberValidator.CheckDigit("11010519491231002"));
    }

    [Theory]
    [InlineData("110105", "19900307", "123")]
    [InlineData("440305", "20000229", "456")]
    [InlineData("650102", "19000101", "001")]
    [InlineData("310115", "20261125", "998")]
    public void ENR_01_accepts_mainland_id_with_computed_check_digit(string region, string birth, string sequence)
    {
        var id = Mainland(region, birth, sequence);

        var result = CheckMainland(id);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(id, result.Normalized);
        Assert.Equal(DateOnly.ParseExact(birth, "yyyyMMdd"), result.BirthDate);
    }

    [Fact]
    public void ENR_01_rejects_mainland_id_with_bad_check_digit()
    {
        var good = Mainland("110105", "19900307", "123");
        var wrong = good[..17] + (good[17] == '0' ? '1' : '0');

        var result = CheckMainland(wrong);

        Assert.False(result.IsValid);
        Assert.Contains("校验位", result.Error);
        Assert.Null(result.BirthDate);
    }

    [Fact]
    public void ENR_01_rejects_every_wrong_check_digit_of_the_real_example()
    {
        foreach (var c in "0123456789")
            Assert.False(CheckMainland("11010519491231002" + c).IsValid, $"check digit {c} must be rejected");
    }

    [Theory]
    [InlineData("11010519491231002")]
    [InlineData("11010519491231002X1")]
    [InlineData("110105491231002")]
    [InlineData("1")]
    public void ENR_01_rejects_mainland_id_of_wrong_length(string raw)
    {
        var result = CheckMainland(raw);

        Assert.False(result.IsValid);
        Assert.Contains("18 位", result.Error);
        Assert.Contains($"{raw.Length} 位", result.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ENR_01_rejects_empty_mainland_id(string? raw)
    {
        var result = CheckMainland(raw);

        Assert.False(result.IsValid);
        Assert.Equal("请填写证件号码。", result.Error);
    }

    [Theory]
    [InlineData("1101051949123100AX")]
    [InlineData("11010519491231X02X")]
    [InlineData("A1010519491231002X")]
    [InlineData("11010519491231-02X")]
    public void ENR_01_rejects_mainland_id_with_non_digits(string raw)
    {
        var result = CheckMainland(raw);

        Assert.False(result.IsValid);
        Assert.Contains("前 17 位应为数字", result.Error);
    }

    [Theory]
    [InlineData("19990230")]
    [InlineData("20231301")]
    [InlineData("19990001")]
    [InlineData("19990100")]
    [InlineData("19990431")]
    [InlineData("19000229")]
    public void ENR_01_rejects_mainland_id_with_impossible_birth_date(string birth)
    {
        var result = CheckMainland(Mainland("110105", birth, "123"));

        Assert.False(result.IsValid);
        Assert.Contains("出生日期不存在", result.Error);
    }

    [Fact]
    public void ENR_01_accepts_leap_day_birth_date()
    {
        Assert.True(CheckMainland(Mainland("110105", "20000229", "123")).IsValid);
    }

    [Fact]
    public void ENR_01_rejects_mainland_id_born_after_today()
    {
        var result = CheckMainland(Mainland("110105", "20261126", "123"));

        Assert.False(result.IsValid);
        Assert.Contains("晚于今天", result.Error);
    }

    [Fact]
    public void ENR_01_future_birth_date_is_judged_against_the_today_parameter()
    {
        var id = Mainland("110105", "20261126", "123");

        Assert.False(IdNumberValidator.Check(IdDocumentType.MainlandId, id, new DateOnly(2026, 11, 25)).IsValid);
        Assert.True(IdNumberValidator.Check(IdDocumentType.MainlandId, id, new DateOnly(2026, 11, 26)).IsValid);
    }

    [Fact]
    public void ENR_01_rejects_mainland_id_born_before_1900()
    {
        var result = CheckMainland(Mainland("110105", "18991231", "123"));

        Assert.False(result.IsValid);
        Assert.Contains("1900", result.Error);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("00")]
    [InlineData("10")]
    [InlineData("66")]
    public void ENR_01_rejects_mainland_id_with_unknown_province_code(string province)
    {
        var result = CheckMainland(Mainland(province + "0105", "19900307", "123"));

        Assert.False(result.IsValid);
        Assert.Contains("地区码", result.Error);
    }

    [Theory]
    [InlineData("121", Gender.Male)]
    [InlineData("124", Gender.Female)]
    [InlineData("123", Gender.Male)]
    [InlineData("120", Gender.Female)]
    [InlineData("129", Gender.Male)]
    [InlineData("002", Gender.Female)]
    public void ENR_01_derives_gender_from_the_seventeenth_digit(string sequence, Gender expected)
    {
        var result = CheckMainland(Mainland("110105", "19900307", sequence));

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(expected, result.Gender);
    }

    [Fact]
    public void ENR_01_normalizes_lowercase_x_check_digit()
    {
        var result = CheckMainland("11010519491231002x");

        Assert.True(result.IsValid, result.Error);
        Assert.Equal("11010519491231002X", result.Normalized);
    }

    [Theory]
    [InlineData("  11010519491231002X  ")]
    [InlineData("\t11010519491231002X\n")]
    [InlineData("110105 19491231 002X")]
    public void ENR_01_trims_whitespace_around_mainland_id(string raw)
    {
        var result = CheckMainland(raw);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal("11010519491231002X", result.Normalized);
    }

    [Theory]
    [InlineData("H12345678", "H12345678")]
    [InlineData("M12345678", "M12345678")]
    [InlineData("H1234567890", "H1234567890")]
    [InlineData(" h12345678 ", "H12345678")]
    public void ENR_01_accepts_hong_kong_macau_permit(string raw, string normalized)
    {
        var result = IdNumberValidator.Check(IdDocumentType.HongKongMacauPermit, raw, Today);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(normalized, result.Normalized);
        Assert.Equal(Gender.Unknown, result.Gender);
        Assert.Null(result.BirthDate);
    }

    [Theory]
    [InlineData("H1234567")]
    [InlineData("H123456789")]
    [InlineData("X12345678")]
    [InlineData("12345678")]
    [InlineData("")]
    public void ENR_01_rejects_malformed_hong_kong_macau_permit(string raw)
    {
        var result = IdNumberValidator.Check(IdDocumentType.HongKongMacauPermit, raw, Today);

        Assert.False(result.IsValid);
        Assert.Contains("港澳", result.Error);
    }

    [Fact]
    public void ENR_01_accepts_taiwan_permit_of_eight_digits()
    {
        var result = IdNumberValidator.Check(IdDocumentType.TaiwanPermit, "12345678", Today);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal("12345678", result.Normalized);
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("123456789")]
    [InlineData("A1234567")]
    public void ENR_01_rejects_taiwan_permit_that_is_not_eight_digits(string raw)
    {
        var result = IdNumberValidator.Check(IdDocumentType.TaiwanPermit, raw, Today);

        Assert.False(result.IsValid);
        Assert.Contains("台湾", result.Error);
    }

    [Theory]
    [InlineData("E12345678", "E12345678")]
    [InlineData("g1234567", "G1234567")]
    [InlineData("AB123", "AB123")]
    [InlineData("12345678901234567", "12345678901234567")]
    public void ENR_01_accepts_passport_of_five_to_seventeen_letters_or_digits(string raw, string normalized)
    {
        var result = IdNumberValidator.Check(IdDocumentType.Passport, raw, Today);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(normalized, result.Normalized);
    }

    [Theory]
    [InlineData("E123")]
    [InlineData("123456789012345678")]
    [InlineData("E-1234567")]
    [InlineData("E1234<67")]
    public void ENR_01_rejects_malformed_passport(string raw)
    {
        var result = IdNumberValidator.Check(IdDocumentType.Passport, raw, Today);

        Assert.False(result.IsValid);
        Assert.Contains("护照", result.Error);
    }

    [Fact]
    public void ENR_01_accepts_foreign_permanent_id_starting_with_nine()
    {
        // 9 + province 11 + country 156 + birth date + sequence + check digit
        var id = Mainland("911156", "19850615", "013");

        var result = IdNumberValidator.Check(IdDocumentType.ForeignPermanentId, id, Today);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(new DateOnly(1985, 6, 15), result.BirthDate);
        Assert.Equal(Gender.Male, result.Gender);
    }

    [Fact]
    public void ENR_01_rejects_foreign_permanent_id_not_starting_with_nine()
    {
        var result = IdNumberValidator.Check(IdDocumentType.ForeignPermanentId, "11010519491231002X", Today);

        Assert.False(result.IsValid);
        Assert.Contains("9 开头", result.Error);
    }

    [Fact]
    public void ENR_01_rejects_foreign_permanent_id_with_bad_check_digit()
    {
        var good = Mainland("911156", "19850615", "013");
        var wrong = good[..17] + (good[17] == '0' ? '1' : '0');

        var result = IdNumberValidator.Check(IdDocumentType.ForeignPermanentId, wrong, Today);

        Assert.False(result.IsValid);
        Assert.Contains("校验位", result.Error);
    }

    [Fact]
    public void ENR_01_rejects_unknown_document_type()
    {
        var result = IdNumberValidator.Check((IdDocumentType)0, "11010519491231002X", Today);

        Assert.False(result.IsValid);
        Assert.Equal("请选择证件类型。", result.Error);
    }
}
