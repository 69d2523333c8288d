using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Bofs;

/// <summary>Why a booking was refused, and the slots that BoF could take instead, checked in the same transaction.</summary>
public sealed record BookingRefusal(IReadOnlyList<string> Reasons, IReadOnlyList<BofSlotRow> Alternatives);

/// <summary>How booking, moving and cancelling refuse; the API and the BoF page read the same reasons.</summary>
public static class BookingResults
{
    public static WriteResult<BofRow> NotYours() =>
        WriteResult<BofRow>.Forbidden("Only the BoF's proposer or an organiser of this event can book, move or cancel it.", "Not your BoF");

    public static WriteResult<BofRow> Refused(IReadOnlyList<string> reasons, IReadOnlyList<BofSlotRow> alternatives) =>
        WriteResult<BofRow>.Conflict("That slot cannot be booked", string.Join(" ", reasons), details: new BookingRefusal(reasons, alternatives),
            extensions: new Dictionary<string, object?>
            {
                ["reasons"] = reasons,
                ["alternatives"] = alternatives.Select(s => s.AsResponse(true)).ToList(),
            });

    /// <summary>The reasons and alternatives of a refused booking; empty for any other result.</summary>
    public static BookingRefusal Refusal(this WriteResult<BofRow> result) => result.Details as BookingRefusal ?? new BookingRefusal([], []);
}
