using System.Net;
using System.Net.Http.Headers;
using ToolRL.Server.Tests.Support;

namespace ToolRL.Server.Tests.Http;

/// <summary>With a key every request needs it; without one the server binds loopback only.</summary>
public sealed class ApiKeyTests
{
    [Fact]
    public async Task With_a_key_every_request_needs_it()
    {
        await using var server = await TestServer.StartAsync(new ServerOptions { Workers = 0, ApiKey = "s3cret-key" });
        async Task<HttpStatusCode> Health(Action<HttpRequestHeaders> headers)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/health");
            headers(request.Headers);
            using var response = await server.Client.SendAsync(request);
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await Health(_ => { }));
        Assert.Equal(HttpStatusCode.Unauthorized, await Health(h => h.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-kez")));
        Assert.Equal(HttpStatusCode.Unauthorized, await Health(h => h.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-key-and-more")));
        Assert.Equal(HttpStatusCode.Unauthorized, await Health(h => h.Authorization = new AuthenticationHeaderValue("Basic", "s3cret-key")));
        Assert.Equal(HttpStatusCode.OK, await Health(h => h.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-key")));
        Assert.Equal(HttpStatusCode.OK, await Health(h => h.Add("X-API-Key", "s3cret-key"))); // as the ORS Python client sends it

        using var refused = await server.PostJsonAsync("/v1/score", "{}");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("API key", await refused.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("http://0.0.0.0:8765")]
    [InlineData("http://*:8765")]
    [InlineData("http://+:8765")]
    [InlineData("http://192.168.1.5:8765")]
    [InlineData("http://127.0.0.1:0;http://10.0.0.1:80")]
    public async Task A_non_loopback_address_without_a_key_is_refused(string urls)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            EnvironmentServer.StartAsync(ServedTestEnvironments.All, new ServerOptions { Urls = urls, Workers = 0 }, logToConsole: false));
        Assert.Contains("not a loopback address", error.Message);
        Assert.Contains("--api-key-file", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8765", true)]
    [InlineData("http://localhost:1", true)]
    [InlineData("http://[::1]:8765", true)]
    [InlineData("http://127.5.0.1:8765", true)]
    [InlineData("https://example.com", false)]
    [InlineData("http://[::]:8765", false)]
    public void Loopback_addresses_are_recognised(string url, bool loopback) =>
        Assert.Equal(loopback, EnvironmentServer.IsLoopback(url));
}
