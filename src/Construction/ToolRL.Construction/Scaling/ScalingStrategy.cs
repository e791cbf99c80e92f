namespace ToolRL.Construction.Scaling;

/// <summary>The paper's four complexity-scaling strategies; combine with <c>|</c>.</summary>
[Flags]
public enum ScalingStrategy
{
    /// <summary>The scenario's toolset unchanged.</summary>
    None = 0,
    /// <summary>Groups of unrelated tools become one general tool with an <c>operation</c> parameter: a tool does more than one sub-question.</summary>
    FunctionalGeneralization = 1,
    /// <summary>Every tool gets extra optional parameters with documented defaults that leave the answer unchanged.</summary>
    ParameterExpansion = 2,
    /// <summary>A scalar parameter also accepts a list and gives one result per element.</summary>
    ParameterTypeGeneralization = 4,
    /// <summary>Distractor tools from other scenarios are added.</summary>
    ToolsetExtension = 8,
    /// <summary>All four.</summary>
    All = FunctionalGeneralization | ParameterExpansion | ParameterTypeGeneralization | ToolsetExtension,
}
