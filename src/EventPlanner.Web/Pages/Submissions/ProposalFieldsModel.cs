using EventPlanner.Web.Features.Submissions;

namespace EventPlanner.Web.Pages.Submissions;

public sealed record ProposalFieldsModel(ProposalForm Form, CfpContext Context, bool ShowAccessCode, bool ShowAllTypes = false);
