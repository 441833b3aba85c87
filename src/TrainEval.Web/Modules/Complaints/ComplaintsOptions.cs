using System.ComponentModel.DataAnnotations;

namespace TrainEval.Web.Modules.Complaints;

/// <summary>
/// Published time limits and spam limits (SUP-01), bound from "Modules:Complaints". The seeds ask for published limits
/// (受理、反馈和处理时限) without numbers; the defaults below are ours and are shown on the form and at /complaints.
/// </summary>
public sealed class ComplaintsOptions : IValidatableObject
{
    public const string Section = "Modules:Complaints";

    /// <summary>Working days (China calendar) to acknowledge (受理) any complaint.</summary>
    public int AcknowledgeWorkingDays { get; set; } = 1;

    /// <summary>Working days to reply, per category; categories not listed use <see cref="DefaultReplyWorkingDays"/>.</summary>
    public Dictionary<ComplaintCategory, int> ReplyWorkingDays { get; set; } = [];

    /// <summary>Calendar days after a reply in which the complainant may ask once for it to be handled again.</summary>
    public int ReopenWindowDays { get; set; } = 15;

    /// <summary>Complaints one phone number may file without an account per China day.</summary>
    public int PublicDailyCapPerPhone { get; set; } = 3;

    /// <summary>Complaints one learner account may file per China day.</summary>
    public int LearnerDailyCapPerAccount { get; set; } = 5;

    /// <summary>Public holidays (yyyy-MM-dd) that are not working days, and weekend days that are (调休).</summary>
    public List<DateOnly> Holidays { get; set; } = [];
    public List<DateOnly> ExtraWorkingDays { get; set; } = [];

    public static readonly IReadOnlyDictionary<ComplaintCategory, int> DefaultReplyWorkingDays = new Dictionary<ComplaintCategory, int>
    {
        [ComplaintCategory.Fees] = 5,
        [ComplaintCategory.Learning] = 7,
        [ComplaintCategory.Exam] = 7,
        [ComplaintCategory.Score] = 5,
        [ComplaintCategory.Certificate] = 7,
        [ComplaintCategory.PersonalData] = 15,
        [ComplaintCategory.Other] = 15,
    };

    public int ReplyDays(ComplaintCategory c) => ReplyWorkingDays.TryGetValue(c, out var d) ? d : DefaultReplyWorkingDays[c];

    public WorkingCalendar Calendar() => new(Holidays, ExtraWorkingDays);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AcknowledgeWorkingDays is < 1 or > 10) yield return new("AcknowledgeWorkingDays must be 1–10.");
        foreach (var (c, d) in ReplyWorkingDays)
            if (!Enum.IsDefined(c) || d < AcknowledgeWorkingDays || d > 60) yield return new($"ReplyWorkingDays[{c}] must be between the acknowledgement limit and 60.");
        if (ReopenWindowDays is < 1 or > 90) yield return new("ReopenWindowDays must be 1–90.");
        if (PublicDailyCapPerPhone < 1 || LearnerDailyCapPerAccount < 1) yield return new("Daily caps must be at least 1.");
    }
}
