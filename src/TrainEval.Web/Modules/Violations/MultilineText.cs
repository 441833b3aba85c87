using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Violations;

/// <summary>Textarea input: line breaks are kept (normalised to \n), everything else follows <see cref="TextRules"/>.</summary>
public static class MultilineText
{
    public static (string Value, string? Error) Check(string label, string? raw, int max)
    {
        var value = (raw ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Trim();
        return (value, TextRules.TextError(label, value.Replace('\n', ' '), max));
    }
}
