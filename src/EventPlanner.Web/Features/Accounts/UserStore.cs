using Dapper;
using EventPlanner.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace EventPlanner.Web.Features.Accounts;

/// <summary>Identity's user store on Dapper: Identity does the hashing, tokens and lockout; this only keeps rows.</summary>
public sealed class UserStore(Db db, TimeProvider clock) :
    IUserPasswordStore<AppUser>,
    IUserEmailStore<AppUser>,
    IUserSecurityStampStore<AppUser>,
    IUserLockoutStore<AppUser>
{
    private const string Columns = """
        id, email, normalized_email, display_name, password_hash, security_stamp, concurrency_stamp,
        email_confirmed, lockout_enabled, lockout_end, access_failed_count, is_admin, created_at
        """;

    public async Task<IdentityResult> CreateAsync(AppUser user, CancellationToken ct)
    {
        user.CreatedAt = clock.GetUtcNow();
        try
        {
            user.Id = await db.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>($"""
                INSERT INTO users (email, normalized_email, display_name, password_hash, security_stamp, concurrency_stamp,
                                   email_confirmed, lockout_enabled, lockout_end, access_failed_count, is_admin, created_at)
                VALUES (@Email, @NormalizedEmail, @DisplayName, @PasswordHash, @SecurityStamp, @ConcurrencyStamp,
                        @EmailConfirmed, @LockoutEnabled, @LockoutEnd, @AccessFailedCount, @IsAdmin, @CreatedAt)
                RETURNING id
                """, user, tx), ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(user.Email));
        }
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken ct)
    {
        var previousStamp = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var rows = await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            UPDATE users SET email = @Email, normalized_email = @NormalizedEmail, display_name = @DisplayName,
                   password_hash = @PasswordHash, security_stamp = @SecurityStamp, concurrency_stamp = @ConcurrencyStamp,
                   email_confirmed = @EmailConfirmed, lockout_enabled = @LockoutEnabled, lockout_end = @LockoutEnd,
                   access_failed_count = @AccessFailedCount, is_admin = @IsAdmin
            WHERE id = @Id AND concurrency_stamp = @PreviousStamp
            """, new
        {
            user.Email, user.NormalizedEmail, user.DisplayName, user.PasswordHash, user.SecurityStamp,
            user.ConcurrencyStamp, user.EmailConfirmed, user.LockoutEnabled, user.LockoutEnd,
            user.AccessFailedCount, user.IsAdmin, user.Id, PreviousStamp = previousStamp,
        }, tx), ct);
        return rows == 1 ? IdentityResult.Success : IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
    }

    public async Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken ct)
    {
        await db.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM users WHERE id = @Id", new { user.Id }, tx), ct);
        return IdentityResult.Success;
    }

    public async Task<AppUser?> FindByIdAsync(string userId, CancellationToken ct)
    {
        if (!long.TryParse(userId, out var id)) return null;
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<AppUser>($"SELECT {Columns} FROM users WHERE id = @id", new { id });
    }

    public async Task<AppUser?> FindByEmailAsync(string normalizedEmail, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<AppUser>(
            $"SELECT {Columns} FROM users WHERE normalized_email = @normalizedEmail", new { normalizedEmail });
    }

    public Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken ct) => FindByEmailAsync(normalizedUserName, ct);

    public Task<string> GetUserIdAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.Id.ToString());
    public Task<string?> GetUserNameAsync(AppUser user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task SetUserNameAsync(AppUser user, string? userName, CancellationToken ct) { user.Email = userName ?? ""; return Task.CompletedTask; }
    public Task<string?> GetNormalizedUserNameAsync(AppUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedUserNameAsync(AppUser user, string? normalizedName, CancellationToken ct) { user.NormalizedEmail = normalizedName ?? ""; return Task.CompletedTask; }

    public Task SetPasswordHashAsync(AppUser user, string? passwordHash, CancellationToken ct) { user.PasswordHash = passwordHash; return Task.CompletedTask; }
    public Task<string?> GetPasswordHashAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    public Task SetEmailAsync(AppUser user, string? email, CancellationToken ct) { user.Email = email ?? ""; return Task.CompletedTask; }
    public Task<string?> GetEmailAsync(AppUser user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task<bool> GetEmailConfirmedAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.EmailConfirmed);
    public Task SetEmailConfirmedAsync(AppUser user, bool confirmed, CancellationToken ct) { user.EmailConfirmed = confirmed; return Task.CompletedTask; }
    public Task<string?> GetNormalizedEmailAsync(AppUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedEmailAsync(AppUser user, string? normalizedEmail, CancellationToken ct) { user.NormalizedEmail = normalizedEmail ?? ""; return Task.CompletedTask; }

    public Task SetSecurityStampAsync(AppUser user, string stamp, CancellationToken ct) { user.SecurityStamp = stamp; return Task.CompletedTask; }
    public Task<string?> GetSecurityStampAsync(AppUser user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnd);
    public Task SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd, CancellationToken ct) { user.LockoutEnd = lockoutEnd; return Task.CompletedTask; }
    public Task<int> IncrementAccessFailedCountAsync(AppUser user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(AppUser user, CancellationToken ct) { user.AccessFailedCount = 0; return Task.CompletedTask; }
    public Task<int> GetAccessFailedCountAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnabled);
    public Task SetLockoutEnabledAsync(AppUser user, bool enabled, CancellationToken ct) { user.LockoutEnabled = enabled; return Task.CompletedTask; }

    public void Dispose() { }
}
