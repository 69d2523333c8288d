using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Lightning;

/// <summary>
/// How lightning writes end: done with the talk's id (when there is one), or refused. A rule of the queue (closed,
/// locked, full, one per person, a stale line-up version) is a conflict whose detail is the first message the store gave
/// the caller's <see cref="Validator"/>, with all of them under <c>errors</c>; pages read the same messages from it.
/// </summary>
internal static class LightningWrites
{
    public static WriteResult<long?> Done(long? talkId = null) => WriteResult<long?>.Ok(talkId);

    public static readonly WriteResult<long?> NotFound = WriteResult<long?>.NotFound;

    public static WriteResult<long?> Invalid(Validator v) => WriteResult<long?>.Invalid(v);

    public static WriteResult<long?> Conflict(Validator v) => Refused("Not possible right now", v);

    public static WriteResult<long?> Stale(Validator v) => Refused("The line-up changed meanwhile", v);

    private static WriteResult<long?> Refused(string title, Validator v)
    {
        var errors = v.Errors;
        return WriteResult<long?>.Conflict(title, errors.SelectMany(e => e.Value).FirstOrDefault(),
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
    }
}
