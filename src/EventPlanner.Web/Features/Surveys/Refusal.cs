namespace EventPlanner.Web.Features.Surveys;

/// <summary>Why a write was refused: the status and words for the API problem and for the page.</summary>
public sealed record Refusal(int Status, string Title, string Detail)
{
    public static Refusal Conflict(string title, string detail) => new(StatusCodes.Status409Conflict, title, detail);

    public bool IsNotFound => Status == StatusCodes.Status404NotFound;
}
