namespace EventPlanner.Web.Infrastructure;

public enum WriteKind { Ok, NotFound, Forbidden, Conflict, Invalid }

/// <summary>
/// What every write came to, in every feature: done with a value, or why not. The API answers it through
/// <see cref="WriteResults.ToHttp{T, TOk}"/> and pages through <see cref="WriteResults.AddErrors{T}"/>, so a refusal
/// reads the same wherever it is shown.
/// </summary>
/// <param name="Title">The problem's title (forbidden, conflict).</param>
/// <param name="Message">What the person reads: the problem's detail.</param>
/// <param name="Details">What the caller may show instead or next to it (the row as it is now, slots still free).</param>
/// <param name="Extensions">Members the API adds to the problem (read by clients and tests), besides title and detail.</param>
/// <param name="FormMessage">A longer sentence for a page when <paramref name="Message"/> alone would not say what to do.</param>
/// <param name="Errors">Field messages of an invalid write, as the <see cref="Validator"/> had them.</param>
public sealed record WriteResult<T>(WriteKind Kind, T? Value = default, int Status = StatusCodes.Status200OK, string? Title = null, string? Message = null,
    object? Details = null, IReadOnlyDictionary<string, object?>? Extensions = null, string? FormMessage = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool IsOk => Kind == WriteKind.Ok;

    public static WriteResult<T> Ok(T value) => new(WriteKind.Ok, value);

    public static readonly WriteResult<T> NotFound = new(WriteKind.NotFound, Status: StatusCodes.Status404NotFound);

    public static WriteResult<T> Forbidden(string message, string title = "Not allowed") =>
        new(WriteKind.Forbidden, Status: StatusCodes.Status403Forbidden, Title: title, Message: message);

    /// <summary>Refused by a rule of the data as it is now; 409 unless the feature has long answered 422 for a rule it names.</summary>
    public static WriteResult<T> Conflict(string title, string? message, object? details = null, IReadOnlyDictionary<string, object?>? extensions = null,
        string? formMessage = null, int status = StatusCodes.Status409Conflict) =>
        new(WriteKind.Conflict, Status: status, Title: title, Message: message, Details: details, Extensions: extensions, FormMessage: formMessage);

    /// <summary>The validator's field messages at this point; the caller added them before refusing.</summary>
    public static WriteResult<T> Invalid(Validator v) => new(WriteKind.Invalid, Status: StatusCodes.Status400BadRequest, Errors: v.Errors);

    /// <summary>The same refusal for a write of another type (a store's helper answering for its caller).</summary>
    public WriteResult<TOther> As<TOther>() => IsOk
        ? throw new InvalidOperationException("A done write carries its value; map it instead.")
        : new(Kind, default, Status, Title, Message, Details, Extensions, FormMessage, Errors);

    public WriteResult<TOther> Map<TOther>(Func<T, TOther> map) => IsOk ? WriteResult<TOther>.Ok(map(Value!)) : As<TOther>();
}
