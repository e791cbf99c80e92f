namespace ToolRL.Construction.Composition;

/// <summary>One known value of a parameter's domain.</summary>
/// <param name="Json">The value as a JSON literal, as it goes into call arguments (e.g. <c>"Japan"</c>, <c>42</c>).</param>
/// <param name="Text">The value as it reads in a question and as a tool output renders it (e.g. <c>Japan</c>).</param>
public readonly record struct DomainValue(string Json, string Text);
