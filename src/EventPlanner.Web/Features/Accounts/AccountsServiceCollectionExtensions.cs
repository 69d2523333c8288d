using EventPlanner.Web.Data;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace EventPlanner.Web.Features.Accounts;

public static class AccountsServiceCollectionExtensions
{
    private const string SmartScheme = "CookieOrToken";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddNotificationKinds(AccountNotificationKinds.All);
        services.AddPersonalData<AccountPersonalData>();
        // A kept key ring (db/keys, or the database's, which several nodes share) so sign-ins and emailed tokens survive a restart.
        services.AddDataProtection().SetApplicationName("EventPlanner").PersistKeys(configuration, environment);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultForbidScheme = SmartScheme;
            })
            // A bearer header means a script with an API token; anything else is the browser's cookie.
            .AddPolicyScheme(SmartScheme, "Cookie or API token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/access-denied";
                o.Cookie.Name = "ep.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                // The API answers with status codes, never with a redirect to a login page.
                o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden);
            }));

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = ""; // the user name is the email address
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = configuration.GetValue("EventPlanner:Accounts:MaxFailedAccessAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedEmail = configuration.GetValue("EventPlanner:Accounts:RequireConfirmedEmail", true);
            })
            .AddUserStore<UserStore>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));
        // A deleted account or a changed password ends other sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.SiteAdmin, p => p.RequireAuthenticatedUser().AddRequirements(new SiteAdminRequirement()))
            .AddPolicy(Policies.CanCreateEvents, p => p.RequireAuthenticatedUser().AddRequirements(new CanCreateEventsRequirement()))
            .AddPolicy(Policies.EventOrganiser, p => p.RequireAuthenticatedUser().AddRequirements(new EventRoleRequirement(EventRoles.Organiser)))
            .AddPolicy(Policies.EventReviewer, p => p.RequireAuthenticatedUser().AddRequirements(new EventRoleRequirement(EventRoles.Organiser, EventRoles.Reviewer)));
        services.AddSingleton<IAuthorizationHandler, SiteAdminHandler>();
        services.AddSingleton<IAuthorizationHandler, CanCreateEventsHandler>();
        services.AddSingleton<IAuthorizationHandler, EventRoleHandler>();

        services.AddSingleton<UserQueries>();
        services.AddSingleton<EventAccess>();
        services.AddSingleton<SiteSettingsStore>();
        services.AddSingleton<ApiTokenStore>();
        services.AddSingleton<SetupLink>();
        services.AddSingleton<AdminStore>();
        services.AddScoped<AccountMailer>();
        return services;
    }

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
