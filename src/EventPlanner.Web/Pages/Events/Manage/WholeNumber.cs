using System.Globalization;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Pages.Events.Manage;

public static class WholeNumber
{
    /// <summary>
    /// Parses a number typed in a form: blank is null (the rules decide if that is allowed), text gets a message. A whole
    /// number too large for an int is still a whole number: it comes back clamped, so the rules say what range they take.
    /// </summary>
    public static int? Parse(Validator v, string field, string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        if (int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        if (System.Numerics.BigInteger.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var big))
        {
            return big.Sign < 0 ? int.MinValue : int.MaxValue;
        }
        v.Add(field, $"{label} must be a whole number.");
        return 0; // the message above already fails the form; 0 keeps the rules from adding "is required"
    }
}
