using EventPlanner.Web.Features.Dashboard;

namespace EventPlanner.Web.Pages;

/// <summary>
/// The confirmation step of a destructive action (_Confirm.cshtml): what it touches, and a plain form that posts the
/// same handler again with the stamp of what was shown. <paramref name="Fields"/> are the handler's own inputs (ids).
/// </summary>
public sealed record ConfirmView(Impact What, string Heading, string Handler, IReadOnlyDictionary<string, string> Fields,
    string ConfirmLabel, string BackHref, string BackLabel, bool ChangedMeanwhile);
