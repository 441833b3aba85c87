using System.Security.Cryptography;
using System.Text;
using TrainEval.Web.Platform.Crypto;

namespace TrainEval.UnitTests.Platform;

public sealed class FieldProtectorTests
{
    private const string Purpose = "user.id_number";
    private const string IdNumber = "11010519491231002X";

    private static KeyRing Ring(string activeKeyId, params (string Id, byte[] Key)[] keys)
        => new(activeKeyId, keys.ToDictionary(k => k.Id, k => k.Key), RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("13812345678")]
    [InlineData("")]
    [InlineData("张三 · 欧阳娜娜 🙂")]
    public void SEC_01_encrypted_value_round_trips(string plaintext)
    {
        var protector = new FieldProtector(KeyRing.Random());

        var cipher = protector.Encrypt(plaintext, Purpose);

        Assert.Equal(plaintext, protector.Decrypt(cipher, Purpose));
    }

    [Fact]
    public void SEC_01_ciphertext_does_not_contain_the_plaintext()
    {
        var protector = new FieldProtector(KeyRing.Random());

        var cipher = protector.Encrypt(IdNumber, Purpose);

        Assert.DoesNotContain(IdNumber, cipher);
        Assert.DoesNotContain("19491231", cipher);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(IdNumber)), cipher);
        var payload = Convert.FromBase64String(cipher.Split('.', 3)[2]);
        var plain = Encoding.UTF8.GetBytes(IdNumber);
        Assert.Equal(-1, payload.AsSpan().IndexOf(plain));
        Assert.StartsWith("v1.k1.", cipher);
    }

    [Fact]
    public void SEC_01_two_encryptions_of_the_same_value_differ()
    {
        var protector = new FieldProtector(KeyRing.Random());

        var first = protector.Encrypt(IdNumber, Purpose);
        var second = protector.Encrypt(IdNumber, Purpose);

        Assert.NotEqual(first, second);
        var nonce1 = Convert.FromBase64String(first.Split('.', 3)[2])[..12];
        var nonce2 = Convert.FromBase64String(second.Split('.', 3)[2])[..12];
        Assert.NotEqual(nonce1, nonce2);
        Assert.Equal(IdNumber, protector.Decrypt(first, Purpose));
        Assert.Equal(IdNumber, protector.Decrypt(second, Purpose));
    }

    [Fact]
    public void SEC_01_decrypting_under_a_different_purpose_fails()
    {
        var protector = new FieldProtector(KeyRing.Random());
        var cipher = protector.Encrypt(IdNumber, "user.id_number");

        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt(cipher, "user.phone"));
    }

    [Fact]
    public void SEC_01_decrypting_with_another_key_ring_fails()
    {
        var cipher = new FieldProtector(KeyRing.Random()).Encrypt(IdNumber, Purpose);

        Assert.ThrowsAny<CryptographicException>(() => new FieldProtector(KeyRing.Random()).Decrypt(cipher, Purpose));
    }

    [Theory]
    [InlineData(0)]   // nonce
    [InlineData(11)]  // nonce
    [InlineData(12)]  // tag
    [InlineData(27)]  // tag
    [InlineData(28)]  // ciphertext
    [InlineData(45)]  // last ciphertext byte of an 18-byte value
    public void SEC_01_tampering_any_byte_is_detected(int index)
    {
        var protector = new FieldProtector(KeyRing.Random());
        var cipher = protector.Encrypt(IdNumber, Purpose);
        var parts = cipher.Split('.', 3);
        var data = Convert.FromBase64String(parts[2]);
        Assert.Equal(12 + 16 + IdNumber.Length, data.Length);
        data[index] ^= 0x01;
        var tampered = $"{parts[0]}.{parts[1]}.{Convert.ToBase64String(data)}";

        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt(tampered, Purpose));
    }

    [Theory]
    [InlineData("v2.k1.AAAA")]
    [InlineData("k1.AAAA")]
    [InlineData("plaintext")]
    [InlineData("v1.k1.AAAA")]
    [InlineData("v1.unknown.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void SEC_01_malformed_or_truncated_values_are_rejected(string value)
    {
        var protector = new FieldProtector(KeyRing.Random());

        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt(value, Purpose));
    }

    [Fact]
    public void SEC_01_value_encrypted_under_an_old_key_still_decrypts_after_rotation()
    {
        var k1 = RandomNumberGenerator.GetBytes(32);
        var k2 = RandomNumberGenerator.GetBytes(32);
        var before = new FieldProtector(Ring("k1", ("k1", k1)));
        var old = before.Encrypt(IdNumber, Purpose);

        var after = new FieldProtector(Ring("k2", ("k1", k1), ("k2", k2)));
        var fresh = after.Encrypt(IdNumber, Purpose);

        Assert.Equal(IdNumber, after.Decrypt(old, Purpose));
        Assert.StartsWith("v1.k1.", old);
        Assert.StartsWith("v1.k2.", fresh);
        Assert.True(after.NeedsRotation(old));
        Assert.False(after.NeedsRotation(fresh));
        Assert.False(before.NeedsRotation(old));
    }

    [Fact]
    public void SEC_01_value_under_a_retired_key_cannot_be_decrypted()
    {
        var k1 = RandomNumberGenerator.GetBytes(32);
        var old = new FieldProtector(Ring("k1", ("k1", k1))).Encrypt(IdNumber, Purpose);

        var retired = new FieldProtector(Ring("k2", ("k2", RandomNumberGenerator.GetBytes(32))));

        Assert.ThrowsAny<CryptographicException>(() => retired.Decrypt(old, Purpose));
    }

    [Fact]
    public void SEC_01_key_ring_rejects_an_active_key_that_is_not_listed()
    {
        Assert.Throws<InvalidOperationException>(() => Ring("k2", ("k1", RandomNumberGenerator.GetBytes(32))));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    public void SEC_01_key_ring_rejects_encryption_keys_that_are_not_256_bits(int length)
    {
        Assert.Throws<InvalidOperationException>(() => Ring("k1", ("k1", RandomNumberGenerator.GetBytes(length))));
    }

    [Fact]
    public void SEC_01_key_ring_rejects_short_blind_index_and_audit_keys()
    {
        var keys = new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) };

        Assert.Throws<InvalidOperationException>(() => new KeyRing("k1", keys, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(32)));
        Assert.Throws<InvalidOperationException>(() => new KeyRing("k1", keys, RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(16)));
    }
}
