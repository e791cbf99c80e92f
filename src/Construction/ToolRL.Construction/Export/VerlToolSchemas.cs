using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace ToolRL.Construction.Export;

/// <summary>
/// Tool documents as verl's schema models accept them: verl's <c>OpenAIFunctionPropertySchema</c> (verl/tools/schemas.py)
/// requires every parameter property to have one <c>type</c> string. Two shapes of ours lack it and are rewritten:
/// <list type="bullet">
/// <item>a nullable parameter, <c>"type": ["string", "null"]</c> → <c>"type": "string"</c> (null stays accepted by the tool);</item>
/// <item>an <c>anyOf</c>-only property (parameter-type generalization: a value or a list of values) → its <c>array</c>
/// member, the form the golden calls use (a single value stays accepted by the tool); an <c>anyOf</c> without an
/// array member takes the type its members share.</item>
/// </list>
/// Anything else without a single type is an error naming the tool and the property, since verl would reject it at load.
/// </summary>
public static class VerlToolSchemas
{
    private static readonly ConditionalWeakTable<string, string> Cache = new();

    /// <summary>
    /// <paramref name="toolsJson"/> (a JSON array of OpenAI function tools) with every parameter property given a
    /// single <c>type</c>; the same string instance when nothing needed rewriting. Results are cached per input
    /// instance, as exporters pass one rendered string per toolset.
    /// </summary>
    /// <exception cref="InvalidOperationException">A property has no type that can be derived.</exception>
    public static string EnsureTypes(string toolsJson) => Cache.GetValue(toolsJson, Rewrite);

    private static string Rewrite(string toolsJson)
    {
        var tools = JsonNode.Parse(toolsJson)?.AsArray()
            ?? throw new InvalidOperationException("The tool documents are not a JSON array.");
        var changed = false;
        foreach (var tool in tools)
        {
            var function = tool?["function"]?.AsObject();
            var name = function?["name"]?.GetValue<string>() ?? "?";
            if (function?["parameters"] is JsonObject parameters)
                changed |= FixProperties(parameters, name);
        }
        return changed ? tools.ToJsonString() : toolsJson;
    }

    private static bool FixProperties(JsonObject schema, string path)
    {
        if (schema["properties"] is not JsonObject properties)
            return false;
        var changed = false;
        foreach (var name in properties.Select(p => p.Key).ToArray())
        {
            var where = path + "." + name;
            if (properties[name] is not JsonObject property)
                throw new InvalidOperationException($"Tool parameter '{where}' has no schema object; verl needs each property to have a \"type\".");
            if (FixType(property, where))
                changed = true;
            if (property["items"] is JsonObject items && (FixType(items, where + "[]") | FixProperties(items, where + "[]")))
                changed = true;
            if (FixProperties(property, where))
                changed = true;
        }
        return changed;
    }

    /// <summary>Gives <paramref name="property"/> a single type string; true when it changed.</summary>
    private static bool FixType(JsonObject property, string where)
    {
        switch (property["type"])
        {
            case JsonValue value when value.TryGetValue<string>(out _):
                return false;
            case JsonArray types:
                var concrete = types.Select(t => t?.GetValue<string>()).Where(t => t is not null and not "null").Distinct().ToArray();
                if (concrete.Length != 1)
                    throw new InvalidOperationException(
                        $"Tool parameter '{where}' has the types [{string.Join(", ", concrete)}]; verl needs a single \"type\".");
                property["type"] = concrete[0];
                return true;
        }
        var members = (property["anyOf"] ?? property["oneOf"]) as JsonArray;
        if (members is null || members.Count == 0 || members.Any(m => m is not JsonObject))
            throw new InvalidOperationException(
                $"Tool parameter '{where}' has no \"type\" (and no anyOf/oneOf to derive one from); verl needs each property to have one.");
        var typed = members.Cast<JsonObject>().ToArray();
        var chosen = typed.FirstOrDefault(m => m["type"]?.GetValue<string>() == "array");
        if (chosen is null)
        {
            var shared = typed.Select(m => m["type"]?.GetValue<string>()).Distinct().ToArray();
            if (shared is not [{ } single])
                throw new InvalidOperationException(
                    $"Tool parameter '{where}' is anyOf/oneOf of types [{string.Join(", ", shared.Select(s => s ?? "(none)"))}] with no array form; verl needs a single \"type\".");
            chosen = typed.First(m => m["type"]?.GetValue<string>() == single);
        }
        property.Remove("anyOf");
        property.Remove("oneOf");
        foreach (var (key, value) in chosen)
            if (key != "description" || !property.ContainsKey("description"))
                property[key] = value?.DeepClone();
        return true;
    }
}
