using System.Text.Json;
using System.Text.Json.Nodes;
using ToolRL.Tools;

namespace ToolRL.Construction.Toolsets;

/// <summary>
/// One tool that stands for several: an <c>operation</c> enum names the original tool, the other
/// parameters are the union of the originals' (required only where every original requires it).
/// Used by function integration (overlapping tools) and functional generalization (a tool that does more).
/// </summary>
public sealed class MergedTool
{
    /// <summary>The discriminator parameter's name.</summary>
    public const string OperationParameter = "operation";

    private MergedTool(string name, IReadOnlyList<string> members, ToolDefinition definition, ToolSignature signature,
        IReadOnlyDictionary<string, HashSet<string>> memberParameters)
    {
        Name = name;
        Members = members;
        Definition = definition;
        Signature = signature;
        MemberParameters = memberParameters;
    }

    /// <summary>The merged tool's name.</summary>
    public string Name { get; }

    /// <summary>The original tools' names: the values of <see cref="OperationParameter"/>.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>The document the model sees.</summary>
    public ToolDefinition Definition { get; }

    /// <summary>The merged signature.</summary>
    public ToolSignature Signature { get; }

    /// <summary>For each member, the parameter names it takes.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> MemberParameters { get; }

    /// <summary>
    /// Merges <paramref name="members"/>; throws <see cref="ArgumentException"/> when two members give a same-named
    /// parameter different JSON types or a member already has an <c>operation</c> parameter.
    /// </summary>
    public static MergedTool Build(string name, string summary, IReadOnlyList<(ToolDefinition Definition, ToolSignature Signature)> members)
    {
        if (members.Count < 2)
            throw new ArgumentException($"Merged tool '{name}' needs at least two members.", nameof(members));
        var properties = new JsonObject();
        var parameters = new List<ToolParameter>();
        var memberParameters = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var operation = new JsonObject
        {
            ["type"] = "string",
            ["enum"] = new JsonArray(members.Select(m => (JsonNode)JsonValue.Create(m.Definition.Name)).ToArray()),
            ["description"] = "Which operation to run: " + string.Join("; ", members.Select(m => m.Definition.Name + " — " + m.Definition.Description)),
        };
        properties[OperationParameter] = operation;
        parameters.Add(new ToolParameter(OperationParameter, "string", "string", true, "Which operation to run.", members.Select(m => m.Definition.Name).ToArray()));
        foreach (var (definition, signature) in members)
        {
            memberParameters[definition.Name] = signature.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var schema = JsonNode.Parse(definition.ParametersSchema)?.AsObject()
                ?? throw new ArgumentException($"Tool '{definition.Name}' has an empty parameters schema.", nameof(members));
            foreach (var p in signature.Parameters)
            {
                if (p.Name == OperationParameter)
                    throw new ArgumentException($"Tool '{definition.Name}' already has a parameter named '{OperationParameter}'; it cannot be merged.", nameof(members));
                var existing = parameters.FirstOrDefault(x => x.Name == p.Name);
                if (existing is not null)
                {
                    if (existing.JsonType != p.JsonType)
                        throw new ArgumentException($"Tools cannot be merged into '{name}': parameter '{p.Name}' is {existing.JsonType} in one and {p.JsonType} in '{definition.Name}'.", nameof(members));
                    continue;
                }
                var required = members.All(m => m.Signature.Parameters.Any(x => x.Name == p.Name && x.Required));
                parameters.Add(p with { Required = required });
                properties[p.Name] = schema["properties"]?[p.Name]?.DeepClone() ?? new JsonObject { ["type"] = p.JsonType };
            }
        }
        var requiredNames = new JsonArray(parameters.Where(p => p.Required).Select(p => (JsonNode)JsonValue.Create(p.Name)).ToArray());
        var merged = new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = requiredNames };
        var description = summary + " Operations: " + string.Join("; ", members.Select(m => m.Definition.Name + " — " + m.Definition.Description));
        var returnTypes = members.Select(m => m.Signature.ReturnType).Distinct().ToList();
        var signatureOut = new ToolSignature(name, name, null, parameters, returnTypes.Count == 1 ? returnTypes[0] : "string");
        return new MergedTool(name, members.Select(m => m.Definition.Name).ToArray(),
            new ToolDefinition(name, description, merged.ToJsonString()), signatureOut, memberParameters);
    }

    /// <summary>The arguments of a call to <paramref name="member"/> written as a call to this tool.</summary>
    public string WrapArguments(string member, string argumentsJson)
    {
        using var doc = JsonArguments.Parse(argumentsJson);
        return JsonArguments.Rewrite(doc.RootElement, null, [(OperationParameter, ToolRL.Json.Quote(member))]);
    }
}
