using TrainEval.Web.Modules.Accounts.Staff;

namespace TrainEval.UnitTests.Accounts;

public sealed class InitialPasswordTests
{
    [Fact]
    public void BAT_11_initial_staff_password_has_twelve_characters()
    {
        Assert.Equal(12, CreateStaffHandler.InitialPassword().Length);
    }

    [Fact]
    public void BAT_11_initial_staff_password_contains_letters_and_digits_only()
    {
        for (var i = 0; i < 50; i++)
        {
            var password = CreateStaffHandler.InitialPassword();
            Assert.Contains(password, char.IsAsciiLetter);
            Assert.Contains(password, char.IsAsciiDigit);
            Assert.All(password, c => Assert.True(char.IsAsciiLetterOrDigit(c), $"unexpected '{c}' in {password}"));
        }
    }

    [Fact]
    public void BAT_11_initial_staff_password_avoids_look_alike_characters()
    {
        for (var i = 0; i < 50; i++)
            Assert.DoesNotContain(CreateStaffHandler.InitialPassword(), c => "0O1lIo".Contains(c));
    }

    [Fact]
    public void BAT_11_initial_staff_password_varies_between_calls()
    {
        var passwords = Enumerable.Range(0, 20).Select(_ => CreateStaffHandler.InitialPassword()).ToList();

        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }
}
