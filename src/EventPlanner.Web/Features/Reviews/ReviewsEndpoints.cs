using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Features.Notifications.Reminders;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Reviews;

/// <summary>The review feature's registration and API: set-up, reviewing, conflicts, assignment, ranking and decisions.</summary>
public static class ReviewsEndpoints
{
    public static IServiceCollection AddReviews(this IServiceCollection services)
    {
        services.AddNotificationKinds(ReviewNotificationKinds.All);
        services.AddPersonalData<ReviewPersonalData>();
        // Deadlines are also checked lazily whenever the decisions or the confirmation are looked at.
        services.AddRecurringJob<ConfirmationDeadlineJob>(ConfirmationDeadlineJob.JobId, j => j.RunAsync(CancellationToken.None), "*/15 * * * *");
        services.AddSingleton<ReviewSetupStore>();
        services.AddSingleton<ReviewAccess>();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<ReviewerActions>();
        services.AddSingleton<ConflictStore>();
        services.AddSingleton<AssignmentStore>();
        services.AddSingleton<RedactionStore>();
        services.AddSingleton<RankingCache>();
        services.AddSingleton<RankingQuery>();
        services.AddSingleton<DecisionStore>();
        services.AddSingleton<ConfirmationStore>();
        services.AddSingleton<IProposalWithdrawalHandler, ReviewWithdrawals>();
        services.AddSingleton<ConfirmationDeadlineJob>();
        services.AddSingleton<IReminderSource, StaleReviewNotices>();
        services.AddSingleton<IReminderSource, ConfirmationReminders>();
        return services;
    }

    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        app.MapReviewSetupApi();
        app.MapReviewerApi();
        app.MapAssignmentApi();
        app.MapDecisionApi();
        return app;
    }
}
