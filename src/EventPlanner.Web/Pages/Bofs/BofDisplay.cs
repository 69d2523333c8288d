using System.Globalization;
using EventPlanner.Web.Features.Bofs;

namespace EventPlanner.Web.Pages.Bofs;

public static class BofDisplay
{
    public static string When(BofSlotRow s) => When(s.Date, s.Starts, s.Ends);

    public static string When(DateOnly date, TimeOnly starts, TimeOnly ends) =>
        $"{date.ToString("ddd d MMM", CultureInfo.InvariantCulture)}, {starts.ToString("HH:mm", CultureInfo.InvariantCulture)}–{ends.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    public static string StateLabel(string state) => state switch
    {
        BofStates.Gathering => "Gathering interest",
        BofStates.Ready => "Ready to book",
        BofStates.Booked => "Booked",
        _ => "Cancelled",
    };
}
