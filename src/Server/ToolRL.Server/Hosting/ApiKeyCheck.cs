using System.Security.Cryptography;
using System.Text;

namespace ToolRL.Server.Hosting;

/// <summary>
/// With an API key configured, every request must carry it: <c>Authorization: Bearer KEY</c>, or <c>X-API-Key: KEY</c>
/// (the header the ORS Python client sends). Keys are compared as SHA-256 digests with a fixed-time comparison,
/// so neither the key's content nor its length leaks through timing. A wrong or missing key gets 401.
/// </summary>
internal sealed class ApiKeyCheck(string apiKey)
{
    private readonly byte[] _digest = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    public bool IsAuthorized(HttpRequest request)
    {
        var presented = Presented(request);
        if (presented is null)
            return false;
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(digest, _digest);
    }

    private static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization["Bearer ".Length..].Trim();
        var header = request.Headers["X-API-Key"].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }

    public static Task RejectAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ErrorHandling.WriteAsync(context, StatusCodes.Status401Unauthorized,
            "missing or wrong API key: send 'Authorization: Bearer <key>' (or 'X-API-Key: <key>') with the server's key");
    }
}
