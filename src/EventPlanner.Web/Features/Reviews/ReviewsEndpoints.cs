namespace EventPlanner.Web.Features.Reviews;

/// <summary>The review feature's registration and API: set-up, reviewing, conflicts, assignment, ranking and decisions.</summary>
public static class ReviewsEndpoints
{
    public static IServiceCollection AddReviews(this IServiceCollection services)
    {
        services.AddSingleton<ReviewSetupStore>();
        services.AddSingleton<ReviewAccess>();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<ReviewerActions>();
        services.AddSingleton<ConflictStore>();
        services.AddSingleton<AssignmentStore>();
        services.AddSingleton<RedactionStore>();
        return services;
    }

    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        app.MapReviewSetupApi();
        app.MapReviewerApi();
        app.MapAssignmentApi();
        return app;
    }
}
