using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EventPlanner.Bench.Running;

/// <summary>The app's JSON API as a scenario calls it: requests signed with a generated account's API token.</summary>
public static class BenchApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, object? body = null)
    {
        var message = new HttpRequestMessage(method, path.TrimStart('/'));
        if (token is not null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) message.Content = JsonContent.Create(body, body.GetType(), options: Json);
        return message;
    }

    public static IReadOnlyDictionary<string, string> BearerHeader(string token) =>
        new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" };

    /// <summary>One set-up call; anything but <paramref name="expected"/> stops the scenario with the app's answer.</summary>
    public static async Task<JsonElement> CallAsync(AppServer server, HttpMethod method, string path, string? token, object? body,
        HttpStatusCode expected, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await client.SendAsync(Request(method, path, token, body), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}; expected {(int)expected}. {text}");
        }
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
