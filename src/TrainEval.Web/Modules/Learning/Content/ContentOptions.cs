namespace TrainEval.Web.Modules.Learning.Content;

/// <summary>Upload limits of course content, bound from "Modules:Learning:Content" and validated at start.</summary>
public sealed class ContentOptions
{
    public const string Section = "Modules:Learning:Content";

    /// <summary>Largest MP4 video or live replay accepted (the request size limit of the upload endpoint). Default 1 GiB.</summary>
    public long MaxVideoBytes { get; set; } = 1L << 30;

    /// <summary>Largest PDF or image accepted as a document unit. Default 20 MiB (must stay below the platform's 32 MiB form limit).</summary>
    public long MaxDocumentBytes { get; set; } = 20L << 20;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxVideoBytes is < 1L << 20 or > 20L << 30) problems.Add("Modules:Learning:Content:MaxVideoBytes must be between 1 MiB and 20 GiB.");
        if (MaxDocumentBytes is < 64L << 10 or > 30L << 20) problems.Add("Modules:Learning:Content:MaxDocumentBytes must be between 64 KiB and 30 MiB.");
        return problems;
    }

    /// <summary>"1 GB", "20 MB" for messages.</summary>
    public static string Size(long bytes) => bytes >= 1L << 30
        ? $"{bytes / (double)(1L << 30):0.#} GB"
        : $"{bytes / (double)(1L << 20):0.#} MB";
}
