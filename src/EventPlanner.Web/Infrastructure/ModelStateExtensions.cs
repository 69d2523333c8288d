using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EventPlanner.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>Copies the validator's field messages into ModelState as <c>{prefix}.{Field}</c>, so they show next to the inputs.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, Validator validator, string prefix = "Input") =>
        modelState.AddErrors(validator.Errors, prefix);

    public static void AddErrors(this ModelStateDictionary modelState, IReadOnlyDictionary<string, string[]> errors, string prefix = "Input")
    {
        foreach (var (field, messages) in errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? Pascal(field) : $"{prefix}.{Pascal(field)}";
            foreach (var message in messages) modelState.AddModelError(key, message);
        }
    }

    private static string Pascal(string field) => field.Length == 0 ? field : char.ToUpperInvariant(field[0]) + field[1..];
}
