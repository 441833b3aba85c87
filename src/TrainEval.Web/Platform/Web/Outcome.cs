namespace TrainEval.Web.Platform.Web;

/// <summary>
/// The result of a handler: a value, or field errors in plain Chinese plus a machine code for audit and the API.
/// Field key "" means an error for the whole form.
/// </summary>
public sealed record Outcome<T>(T? Value, IReadOnlyDictionary<string, string> Errors, string? Code)
{
    public bool Ok => Errors.Count == 0;
    public static Outcome<T> Success(T value) => new(value, new Dictionary<string, string>(), null);
    public static Outcome<T> Fail(IReadOnlyDictionary<string, string> errors, string code = "validation") => new(default, errors, code);
    public static Outcome<T> Fail(string field, string message, string code = "validation") => new(default, new Dictionary<string, string> { [field] = message }, code);
}
