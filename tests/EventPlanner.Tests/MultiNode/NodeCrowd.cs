using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.MultiNode;

/// <summary>One person of a crowd: an account with a personal API token, and the node their requests go to.</summary>
public sealed record CrowdMember(long Id, string Email, string Token, Node Node)
{
    /// <summary>A request carrying this member's token, for the node's shared client (thousands of clients would cost more than the test).</summary>
    public HttpRequestMessage Request(HttpMethod method, string url, HttpContent? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return request;
    }
}

/// <summary>
/// Thousands of people split between two nodes, inserted in one transaction with their tokens (hashing passwords, or
/// one write per token, would dominate the run); member i talks to node A when i is even and to node B when odd.
/// </summary>
public static class NodeCrowd
{
    public static async Task<IReadOnlyList<CrowdMember>> CreateAsync(TwoNodes nodes, string prefix, int count)
    {
        prefix = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        var now = nodes.A.Clock.GetUtcNow();
        var db = nodes.A.Services.GetRequiredService<Db>();
        return await db.WriteAsync<IReadOnlyList<CrowdMember>>(async (c, tx) =>
        {
            var members = new List<CrowdMember>(count);
            for (var i = 0; i < count; i++)
            {
                var email = $"{prefix}-{i}@example.org";
                var id = await c.ExecuteScalarAsync<long>("""
                    INSERT INTO users (email, normalized_email, display_name, security_stamp, concurrency_stamp, email_confirmed, created_at)
                    VALUES (@email, @normalized, @name, @stamp, @stamp, TRUE, @now) RETURNING id
                    """, new { email, normalized = email.ToUpperInvariant(), name = $"{prefix}-{i}", stamp = Guid.NewGuid().ToString("N"), now }, tx);
                // The token format ApiTokenStore issues: its prefix, and only a SHA-256 of the whole secret is stored.
                var token = ApiTokenStore.TokenPrefix + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
                await c.ExecuteAsync("""
                    INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, last_used_at)
                    VALUES (@id, 'crowd', @hash, @prefix, @now, @now)
                    """, new { id, hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))), prefix = token[..10], now }, tx);
                members.Add(new CrowdMember(id, email, token, i % 2 == 0 ? nodes.A : nodes.B));
            }
            return members;
        });
    }

    /// <summary>
    /// Sends every member's request to their own node, at most <paramref name="perNode"/> at a time per node (a proxy's
    /// connection limit, not a sleep), and returns the answers in member order.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, string Body)[]> SendAllAsync(
        IReadOnlyList<CrowdMember> crowd, Func<CrowdMember, HttpRequestMessage> request, int perNode = 32)
    {
        var clients = crowd.Select(m => m.Node).Distinct().ToDictionary(n => n, n => n.CreateClient());
        var gates = clients.Keys.ToDictionary(n => n, _ => new SemaphoreSlim(perNode));
        return await Task.WhenAll(crowd.Select(async m =>
        {
            await gates[m.Node].WaitAsync();
            try
            {
                var response = await clients[m.Node].SendAsync(request(m));
                return (response, await response.Content.ReadAsStringAsync());
            }
            finally
            {
                gates[m.Node].Release();
            }
        }));
    }
}
