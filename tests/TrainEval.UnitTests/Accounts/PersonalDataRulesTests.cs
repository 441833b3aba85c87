using TrainEval.Web.Modules.Accounts;

namespace TrainEval.UnitTests.Accounts;

public sealed class PersonalDataRulesTests
{
    [Theory]
    [InlineData("张三")]
    [InlineData("欧阳娜娜")]
    [InlineData("阿依古丽·买买提")]
    [InlineData("Zhang San")]
    [InlineData(" 李四 ")]
    public void ENR_01_accepts_real_names(string name)
    {
        Assert.Null(PersonalDataRules.NameError(name));
    }

    [Fact]
    public void ENR_01_accepts_name_of_exactly_thirty_characters()
    {
        Assert.Null(PersonalDataRules.NameError(new string('张', PersonalDataRules.MaxNameLength)));
    }

    [Fact]
    public void ENR_01_rejects_name_over_thirty_characters()
    {
        var error = PersonalDataRules.NameError(new string('张', PersonalDataRules.MaxNameLength + 1));

        Assert.NotNull(error);
        Assert.Contains("30", error);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("张三<b>")]
    [InlineData("张三1")]
    [InlineData("123")]
    [InlineData("张三@")]
    [InlineData("张\u0000三")]
    [InlineData("张三;DROP")]
    public void ENR_01_rejects_names_with_markup_digits_or_symbols(string name)
    {
        var error = PersonalDataRules.NameError(name);

        Assert.NotNull(error);
        Assert.Contains("姓名只能包含", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ENR_01_rejects_empty_name(string? name)
    {
        Assert.Equal("请填写真实姓名。", PersonalDataRules.NameError(name));
    }

    [Theory]
    [InlineData("13812345678")]
    [InlineData("19912345678")]
    [InlineData("14700000000")]
    public void ENR_01_accepts_mainland_mobile_numbers(string phone)
    {
        Assert.Null(PersonalDataRules.PhoneError(phone));
    }

    [Theory]
    [InlineData("138 1234 5678")]
    [InlineData("138-1234-5678")]
    [InlineData(" 13812345678 ")]
    [InlineData("+86 138 1234 5678")]
    public void ENR_01_normalizes_spaces_and_dashes_in_phone(string phone)
    {
        Assert.Null(PersonalDataRules.PhoneError(phone));
        Assert.Equal("13812345678", PersonalDataRules.NormalizePhone(phone));
    }

    [Theory]
    [InlineData("12812345678")]
    [InlineData("10812345678")]
    [InlineData("23812345678")]
    [InlineData("1381234567")]
    [InlineData("138123456789")]
    [InlineData("1381234567a")]
    [InlineData("010-12345678")]
    public void ENR_01_rejects_numbers_that_are_not_mainland_mobiles(string phone)
    {
        Assert.Equal("请填写 11 位中国大陆手机号码。", PersonalDataRules.PhoneError(phone));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" - ")]
    public void ENR_01_rejects_empty_phone(string? phone)
    {
        Assert.Equal("请填写手机号码。", PersonalDataRules.PhoneError(phone));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("北京市海淀区")]
    [InlineData("某某体育学院 (Sports) & Co.")]
    public void ENR_01_accepts_plain_free_text(string? text)
    {
        Assert.Null(PersonalDataRules.TextError("工作单位", text, 100));
    }

    [Theory]
    [InlineData("<script>")]
    [InlineData("a > b")]
    [InlineData("a < b")]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    [InlineData("nul\u0000")]
    [InlineData("esc\u001b[31m")]
    public void ENR_01_rejects_free_text_with_angle_brackets_or_control_characters(string text)
    {
        Assert.Equal("工作单位不能包含尖括号或控制字符。", PersonalDataRules.TextError("工作单位", text, 100));
    }

    [Fact]
    public void ENR_01_rejects_free_text_over_its_maximum_length()
    {
        Assert.Null(PersonalDataRules.TextError("所在地区", new string('区', 50), 50));
        Assert.Equal("所在地区不能超过 50 个字符。", PersonalDataRules.TextError("所在地区", new string('区', 51), 50));
    }
}
