using TrainEval.Web.Platform.Crypto;

namespace TrainEval.UnitTests.Platform;

public sealed class BlindIndexTests
{
    private const string IdNumber = "11010519491231002X";

    [Fact]
    public void SEC_01_blind_index_is_deterministic_for_the_same_key()
    {
        var keys = KeyRing.Random();

        Assert.Equal(new BlindIndex(keys).Compute("user.id_number", IdNumber), new BlindIndex(keys).Compute("user.id_number", IdNumber));
    }

    [Fact]
    public void SEC_01_blind_index_differs_across_keys()
    {
        Assert.NotEqual(new BlindIndex(KeyRing.Random()).Compute("user.id_number", IdNumber),
            new BlindIndex(KeyRing.Random()).Compute("user.id_number", IdNumber));
    }

    [Fact]
    public void SEC_01_blind_index_differs_across_purposes()
    {
        var index = new BlindIndex(KeyRing.Random());

        Assert.NotEqual(index.Compute("user.id_number", IdNumber), index.Compute("user.phone", IdNumber));
    }

    [Fact]
    public void SEC_01_blind_index_differs_across_values()
    {
        var index = new BlindIndex(KeyRing.Random());

        Assert.NotEqual(index.Compute("user.id_number", IdNumber), index.Compute("user.id_number", "110105194912310029"));
    }

    [Fact]
    public void SEC_01_blind_index_is_64_lowercase_hex_characters_without_the_value()
    {
        var value = new BlindIndex(KeyRing.Random()).Compute("user.id_number", IdNumber);

        Assert.Matches("^[0-9a-f]{64}$", value);
        Assert.DoesNotContain("19491231", value);
    }
}
