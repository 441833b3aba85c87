using TrainEval.Web.Platform.Crypto;

namespace TrainEval.UnitTests.Platform;

public sealed class MaskingTests
{
    [Fact]
    public void SEC_01_masks_id_number_keeping_first_three_and_last_four()
    {
        Assert.Equal("110***********1234", Masking.IdNumber("110101199003071234"));
    }

    [Fact]
    public void SEC_01_masked_id_number_hides_the_birth_date()
    {
        var masked = Masking.IdNumber("11010519491231002X");

        Assert.Equal(18, masked.Length);
        Assert.DoesNotContain("1949", masked);
    }

    [Theory]
    [InlineData("1234567", "1****67")]
    [InlineData("H12345678", "H******78")]
    [InlineData("1234", "****")]
    [InlineData("", "")]
    public void SEC_01_masks_short_document_numbers(string value, string expected)
    {
        Assert.Equal(expected, Masking.IdNumber(value));
    }

    [Fact]
    public void SEC_01_masks_phone_keeping_first_three_and_last_four()
    {
        Assert.Equal("138****5678", Masking.Phone("13812345678"));
    }

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧**娜")]
    [InlineData("李小龙", "李*龙")]
    [InlineData("阿依古丽·买买提", "阿******提")]
    [InlineData("", "")]
    public void SEC_01_masks_names(string value, string expected)
    {
        Assert.Equal(expected, Masking.Name(value));
    }

    [Fact]
    public void SEC_01_name_mask_counts_characters_outside_the_basic_plane_once()
    {
        Assert.Equal("𠮷*", Masking.Name("𠮷野"));
    }
}
