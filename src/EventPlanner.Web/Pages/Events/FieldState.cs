using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EventPlanner.Web.Pages.Events;

public static class FieldState
{
    /// <summary>"true" for a field with a message (Pico outlines it and screen readers announce it), else null so the attribute is left out.</summary>
    public static string? Invalid(this ModelStateDictionary modelState, string key) =>
        modelState.GetFieldValidationState(key) == ModelValidationState.Invalid ? "true" : null;
}
