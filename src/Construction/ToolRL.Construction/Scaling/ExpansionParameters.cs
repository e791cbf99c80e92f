namespace ToolRL.Construction.Scaling;

/// <summary>The optional parameters parameter expansion may add: each documented, defaulted, and without effect on the answer.</summary>
internal static class ExpansionParameters
{
    public sealed record Extra(string Name, string JsonType, string DefaultJson, string Description);

    public static readonly Extra[] Catalogue =
    [
        new("request_id", "string", "\"\"", "An identifier copied into the service log. Default: empty. It does not change the answer."),
        new("timeout_seconds", "integer", "10", "Seconds to wait for the data source. Default: 10. It does not change the answer."),
        new("use_cache", "boolean", "true", "Whether cached data may be served; cached and fresh data are the same. Default: true."),
        new("trace", "boolean", "false", "Whether to log the call for debugging. Default: false. It does not change the answer."),
    ];
}
