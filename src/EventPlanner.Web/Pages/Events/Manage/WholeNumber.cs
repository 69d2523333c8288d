using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Pages.Events.Manage;

public static class WholeNumber
{
    /// <summary>Parses a number typed in a form: blank is null (the rules decide if that is allowed), text gets a message.</summary>
    public static int? Parse(Validator v, string field, string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
        v.Add(field, $"{label} must be a whole number.");
        return 0; // the message above already fails the form; 0 keeps the rules from adding "is required"
    }
}
