using TrainEval.Web.Modules.Accounts;

namespace TrainEval.IntegrationTests.Infrastructure;

public static class People
{
    /// <summary>A valid mainland ID number for the given region, birth date and sequence.</summary>
    public static string Id(string region6 = "440106", string birth = "19980101", string seq = "321")
    {
        var first17 = region6 + birth + seq;
        return first17 + IdNumberValidator.CheckDigit(first17);
    }

    /// <summary>ID numbers the demo seed gives its people (see DemoSeeder).</summary>
    public static readonly string TeacherId = Id("440106", "19871112", "517");
    public static readonly string Learner1Id = Id("440106", "19900307", "123");

    public static Dictionary<string, string> Registration(string name, string id, string phone, string password = "Learn2026a") => new()
    {
        ["Input.RealName"] = name,
        ["Input.IdType"] = "MainlandId",
        ["Input.IdNumber"] = id,
        ["Input.Phone"] = phone,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
        ["Input.AcceptPrivacy"] = "true",
    };
}
