using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Notifications.Reminders;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Submissions;

public static class SubmissionsEndpoints
{
    public static IServiceCollection AddSubmissions(this IServiceCollection services)
    {
        services.AddNotificationKinds(SubmissionNotificationKinds.All);
        services.AddPersonalData<SubmissionPersonalData>();
        services.AddSingleton<CfpStore>();
        services.AddSingleton<CfpWebhooks>();
        services.AddSingleton<CfpWebhookSweep>();
        services.AddRecurringJob<CfpWebhookSweep>(CfpWebhookSweep.JobId, j => j.RunAsync(CancellationToken.None), CfpWebhookSweep.Schedule);
        services.AddSingleton<AccessCodeStore>();
        services.AddSingleton<AccessCodeGuesses>();
        services.AddSingleton<ProposalStore>();
        services.AddSingleton<ProposalAccess>();
        services.AddSingleton<SubmissionNotices>();
        services.AddSingleton<ProposalActions>();
        services.AddSingleton<CoSpeakerStore>();
        services.AddSingleton<CoSpeakerActions>();
        services.AddSingleton<SpeakerProfileStore>();
        services.AddSingleton<SpeakerPhotos>();
        services.AddSingleton<Accounts.IAccountRemovalStep, SpeakerPhotoRemovalStep>();
        services.AddSingleton<ProposalList>();
        services.AddSingleton<IReminderSource, CfpClosingReminders>();
        services.AddSingleton<IAudienceSource, SpeakerAudienceSource>();
        return services;
    }

    public static IEndpointRouteBuilder MapSubmissionsApi(this IEndpointRouteBuilder app)
    {
        app.MapCfpApi();
        app.MapProposalsApi();
        app.MapSpeakerApi();
        app.MapOrganiserProposalsApi();
        return app;
    }

    internal static async Task<CfpContext?> ContextAsync(this CfpStore cfp, EventStore events, string slug, CancellationToken ct = default) =>
        await events.FindAsync(slug, ct) is { } e ? await cfp.LoadContextAsync(e, ct) : null;
}
