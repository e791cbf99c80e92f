namespace ToolRL.Runtime.Tests;

// Note: inside ToolRL.* namespaces the contract's ToolRL.FactAttribute shadows xunit's [Fact]; test files
// therefore declare `using FactAttribute = Xunit.FactAttribute;` after their namespace line.
