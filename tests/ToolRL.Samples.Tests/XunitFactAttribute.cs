namespace ToolRL.Samples.Tests;

/// <summary>
/// xunit's <c>[Fact]</c> under this namespace's name. Without it, <c>[Fact]</c> in any <c>ToolRL.*</c> namespace
/// binds to <see cref="ToolRL.FactAttribute"/> (a fact of a facts-only scenario), because enclosing namespaces
/// are searched before using directives. xunit discovers attributes derived from its own.
/// </summary>
internal sealed class FactAttribute : Xunit.FactAttribute;
