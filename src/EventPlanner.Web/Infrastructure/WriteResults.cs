using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EventPlanner.Web.Infrastructure;

/// <summary>The one way a <see cref="WriteResult{T}"/> becomes an HTTP answer, and the one way it reaches a form.</summary>
public static class WriteResults
{
    /// <summary>
    /// Done is whatever the endpoint answers (200, 201, 204, or a union of them); not found is 404; forbidden and conflict are
    /// problem details with the result's title, detail and extensions; invalid is the validator's 400.
    /// </summary>
    public static Results<TOk, ValidationProblem, NotFound, ProblemHttpResult> ToHttp<T, TOk>(this WriteResult<T> r, Func<T, TOk> ok) where TOk : IResult =>
        r.Kind switch
        {
            WriteKind.Ok => ok(r.Value!),
            WriteKind.NotFound => TypedResults.NotFound(),
            WriteKind.Invalid => Validator.Problem(r.Errors ?? new Dictionary<string, string[]>()),
            _ => Problem(r),
        };

    /// <summary>Like <see cref="ToHttp{T, TOk}"/> when the answer to a done write is read afterwards.</summary>
    public static async Task<Results<TOk, ValidationProblem, NotFound, ProblemHttpResult>> ToHttpAsync<T, TOk>(this WriteResult<T> r, Func<T, Task<TOk>> ok)
        where TOk : IResult => r.IsOk ? await ok(r.Value!) : r.ToHttp<T, TOk>(_ => throw new InvalidOperationException());

    /// <summary>The same answer in a union one wider, for an endpoint that also refuses by itself before writing (its access check's 403).</summary>
    public static Results<TOk, ValidationProblem, NotFound, ProblemHttpResult, TOther> Widen<TOk, TOther>(
        this Results<TOk, ValidationProblem, NotFound, ProblemHttpResult> answer) where TOk : IResult where TOther : IResult => answer.Result switch
        {
            TOk ok => ok,
            ValidationProblem invalid => invalid,
            NotFound notFound => notFound,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException($"Not an answer of this union: {answer.Result.GetType().Name}"),
        };

    public static ProblemHttpResult Problem<T>(WriteResult<T> r) => TypedResults.Problem(r.Message, statusCode: r.Status, title: r.Title,
        extensions: r.Extensions is null ? null : new Dictionary<string, object?>(r.Extensions));

    /// <summary>
    /// A refused write next to the form: field messages under <c>{prefix}.{Field}</c>, the rest as one message for the whole
    /// form. Returns whether the write was done.
    /// </summary>
    public static bool AddErrors<T>(this ModelStateDictionary modelState, WriteResult<T> r, string prefix = "Input")
    {
        switch (r.Kind)
        {
            case WriteKind.Ok: return true;
            case WriteKind.NotFound: modelState.AddModelError("", "That is no longer there. Reload the page."); break;
            case WriteKind.Invalid: modelState.AddErrors(r.Errors ?? new Dictionary<string, string[]>(), prefix); break;
            default: modelState.AddModelError("", r.FormMessage ?? r.Message ?? r.Title ?? "Not possible right now."); break;
        }
        return false;
    }
}
