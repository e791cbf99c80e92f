using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ToolRL.Generators.Model;

namespace ToolRL.Generators.Parsing;

/// <summary>
/// Derives a task's golden call graph from its body. Calls are numbered in C# evaluation order (arguments
/// before the call); a call depends on every call whose output reaches one of its arguments, directly or
/// through a local, whole or through a property of its record result (<c>d.Cancel(d.Book(…).BookingId)</c>).
/// A call whose result is consumed only through one property path has that property as its sub-answer.
/// Anything outside the allowed composition language stops the analysis with TRL021/TRL022.
/// </summary>
internal sealed class TaskBodyAnalyzer
{
    private readonly SemanticModel _model;
    private readonly KnownSymbols _known;
    private readonly IMethodSymbol _method;
    private readonly IParameterSymbol _scenario;
    private readonly CancellationToken _cancellationToken;
    private readonly List<CallModel> _calls = new();
    private readonly List<TypeShape?> _resultShapes = new();
    private readonly List<HashSet<string>> _uses = new();
    private readonly Dictionary<ISymbol, SortedSet<Use>> _locals = new(SymbolEqualityComparer.Default);

    public TaskBodyAnalyzer(SemanticModel model, KnownSymbols known, IMethodSymbol method, IParameterSymbol scenario, CancellationToken cancellationToken)
    {
        _model = model;
        _method = method;
        _scenario = scenario;
        _known = known;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The first problem found, or null.</summary>
    public DiagnosticInfo? Diagnostic { get; private set; }

    /// <summary>The golden calls whose arguments are all constants (checked against facts by <see cref="FactCoverage"/>).</summary>
    public List<FactCheckModel> FactChecks { get; } = new();

    public List<CallModel> Analyze(MethodDeclarationSyntax method)
    {
        if (method.ExpressionBody is { } arrow)
        {
            Consume(Visit(arrow.Expression));
        }
        else if (method.Body is { } block)
        {
            for (var i = 0; i < block.Statements.Count && Diagnostic is null; i++)
                VisitStatement(block.Statements[i], isLast: i == block.Statements.Count - 1);
        }
        for (var i = 0; i < _calls.Count; i++)
        {
            // One property path as the only use: that property is what the call contributes, so it is the sub-answer.
            if (_uses[i].Count != 1 || _uses[i].First() is not { Length: > 0 } path || _resultShapes[i] is not { } result)
                continue;
            _calls[i] = _calls[i] with { SubAnswerMember = path, SubAnswerShape = MemberShape(result, path), ResultTypeName = result.FullName };
        }
        return _calls;
    }

    /// <summary>A call's value reaches an argument or the answer: whole (empty member) or through a property path.</summary>
    private readonly record struct Use(int Call, string Member) : System.IComparable<Use>
    {
        public int CompareTo(Use other) => Call != other.Call ? Call.CompareTo(other.Call) : string.CompareOrdinal(Member, other.Member);
    }

    private void Consume(SortedSet<Use> uses)
    {
        foreach (var use in uses)
            _uses[use.Call].Add(use.Member);
    }

    private void VisitStatement(StatementSyntax statement, bool isLast)
    {
        switch (statement)
        {
            case LocalDeclarationStatementSyntax local when !local.UsingKeyword.IsKind(SyntaxKind.UsingKeyword):
                foreach (var variable in local.Declaration.Variables)
                {
                    if (variable.Initializer is null)
                    {
                        Fail(variable, $"the local '{variable.Identifier.Text}' without an initializer");
                        return;
                    }
                    var dependencies = Visit(variable.Initializer.Value);
                    if (Diagnostic is not null)
                        return;
                    if (_model.GetDeclaredSymbol(variable, _cancellationToken) is { } symbol)
                        _locals[symbol] = dependencies;
                }
                break;
            case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax or AwaitExpressionSyntax { Expression: InvocationExpressionSyntax } } call:
                Visit(call.Expression);
                break;
            case ReturnStatementSyntax { Expression: { } value } when isLast:
                Consume(Visit(value));
                break;
            case ReturnStatementSyntax:
                Fail(statement, "an early or empty 'return'");
                break;
            default:
                Fail(statement, Describe(statement));
                break;
        }
    }

    /// <summary>Returns the calls whose outputs (or properties of them) the expression's value carries.</summary>
    private SortedSet<Use> Visit(ExpressionSyntax expression)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var none = new SortedSet<Use>();
        if (Diagnostic is not null)
            return none;
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Visit(parenthesized.Expression);
            case LiteralExpressionSyntax:
            case DefaultExpressionSyntax:
                return none;
            case PrefixUnaryExpressionSyntax { OperatorToken.RawKind: (int)SyntaxKind.MinusToken or (int)SyntaxKind.PlusToken, Operand: LiteralExpressionSyntax }:
                return none;
            // A cast of a literal only picks its type, e.g. (byte)3 or (decimal)-2.5.
            case CastExpressionSyntax { Expression: LiteralExpressionSyntax or PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax } }:
                return none;
            // An async task awaits its async tools' calls (ConfigureAwait on them is allowed: it changes no value).
            case AwaitExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: InvocationExpressionSyntax awaited } } }:
                return VisitInvocation(awaited);
            case AwaitExpressionSyntax awaitExpression:
                return Visit(awaitExpression.Expression);
            case InvocationExpressionSyntax invocation:
                return VisitInvocation(invocation);
            case MemberAccessExpressionSyntax access when IsMemberOfValue(access):
                return VisitMemberOfResult(access);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                return VisitName(expression);
            case BaseObjectCreationExpressionSyntax creation:
                return Union(creation.ArgumentList?.Arguments.Select(a => a.Expression), InitializerValues(creation.Initializer));
            case ArrayCreationExpressionSyntax array:
                return Union(array.Type.RankSpecifiers.SelectMany(r => r.Sizes).Where(s => s is not OmittedArraySizeExpressionSyntax), InitializerValues(array.Initializer));
            case ImplicitArrayCreationExpressionSyntax implicitArray:
                return Union(InitializerValues(implicitArray.Initializer));
            case InitializerExpressionSyntax initializer:
                return Union(InitializerValues(initializer));
            case CollectionExpressionSyntax collection:
                foreach (var element in collection.Elements)
                {
                    if (element is not ExpressionElementSyntax)
                    {
                        Fail(element, "a spread element in a collection expression");
                        return none;
                    }
                }
                return Union(collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression));
            case TupleExpressionSyntax tuple:
                return Union(tuple.Arguments.Select(a => a.Expression));
            default:
                Fail(expression, Describe(expression));
                return none;
        }
    }

    private SortedSet<Use> VisitInvocation(InvocationExpressionSyntax invocation)
    {
        var none = new SortedSet<Use>();
        var target = _model.GetSymbolInfo(invocation, _cancellationToken).Symbol as IMethodSymbol;
        var receiver = invocation.Expression is MemberAccessExpressionSyntax access ? access.Expression : null;
        var toolAttribute = target is null ? null : _known.ToolAttributeOf(target);
        var isTool = toolAttribute is not null;
        if (!isTool)
        {
            Fail(invocation, $"the call '{Shorten(invocation)}' (only tools of the scenario may be called)");
            return none;
        }
        var receiverSymbol = receiver is null ? null : _model.GetSymbolInfo(receiver, _cancellationToken).Symbol;
        if (!SymbolEqualityComparer.Default.Equals(receiverSymbol, _scenario))
        {
            Diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.TaskCallsForeignTools, LocationInfo.From(invocation), _method.Name, target!.Name, _scenario.Name);
            return none;
        }

        var arguments = Union(invocation.ArgumentList.Arguments.Select(a => a.Expression));
        if (Diagnostic is not null)
            return none;
        Consume(arguments);
        var name = Naming.ToolName(toolAttribute!, target!.Name);
        var index = _calls.Count;
        var resultType = _known.AwaitedType(target.ReturnType, out _) ?? target.ReturnType;
        _calls.Add(new CallModel(index, name, arguments.Select(u => u.Call).Distinct().ToEquatableArray()));
        _resultShapes.Add(new TypeShapeParser(_known).Parse(resultType, TypeShapeParser.Use.Output, out _));
        _uses.Add(new HashSet<string>(System.StringComparer.Ordinal));
        if (arguments.Count == 0 && ConstantArguments(invocation, target) is { } constants)
        {
            FactChecks.Add(new FactCheckModel(TypeShapeParser.DisplayName(_scenario.Type), _method.ContainingType.Name + "." + _method.Name,
                index, name, target.Name, constants.ToEquatableArray(), LocationInfo.From(invocation)));
        }
        return new SortedSet<Use> { new(index, string.Empty) };
    }

    /// <summary>
    /// The call's JSON-visible arguments (defaults included) as facts write them, when every one is a constant string,
    /// bool, integer, enum member or null; otherwise null (the call is not checked at compile time).
    /// </summary>
    private List<FactCheckArgument>? ConstantArguments(InvocationExpressionSyntax invocation, IMethodSymbol target)
    {
        if (_model.GetOperation(invocation, _cancellationToken) is not Microsoft.CodeAnalysis.Operations.IInvocationOperation operation)
            return null;
        var values = new Dictionary<int, Optional<object?>>();
        foreach (var argument in operation.Arguments)
        {
            if (argument.Parameter is { } parameter)
                values[parameter.Ordinal] = argument.Value.ConstantValue;
        }
        var result = new List<FactCheckArgument>();
        foreach (var parameter in target.Parameters)
        {
            if (KnownSymbols.Is(parameter.Type, _known.CancellationToken))
                continue;
            if (!values.TryGetValue(parameter.Ordinal, out var constant) || !constant.HasValue)
                return null;
            var json = ConstantJson(parameter.Type, constant.Value, out var ignoreCase);
            if (json is null)
                return null;
            result.Add(new FactCheckArgument(parameter.Name, json, ignoreCase));
        }
        return result;
    }

    private static string? ConstantJson(ITypeSymbol type, object? value, out bool ignoreCase)
    {
        ignoreCase = false;
        if (value is null)
            return "null";
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            type = nullable.TypeArguments[0];
        if (type.TypeKind == Microsoft.CodeAnalysis.TypeKind.Enum)
        {
            var member = type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
            return member is null ? null : JsonText.Quote(member.Name);
        }
        switch (value)
        {
            case string text:
                ignoreCase = true;
                return JsonText.Quote(text);
            case bool flag:
                return flag ? "true" : "false";
            case byte or sbyte or short or ushort or int or uint or long:
                return System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);
            default:
                return null; // floating point, char, decimal: formats could differ from the facts' text, so not checked
        }
    }

    /// <summary>An instance property or field read (not a constant or enum member, which <see cref="VisitName"/> takes).</summary>
    private bool IsMemberOfValue(MemberAccessExpressionSyntax access) =>
        _model.GetSymbolInfo(access, _cancellationToken).Symbol is IPropertySymbol { IsStatic: false } or IFieldSymbol { IsStatic: false, IsConst: false };

    /// <summary>
    /// <c>result.Member</c>, where the receiver carries exactly one call's result (or a property of it) and the member is
    /// a property of that result's record shape: the use becomes the longer property path.
    /// </summary>
    private SortedSet<Use> VisitMemberOfResult(MemberAccessExpressionSyntax access)
    {
        var none = new SortedSet<Use>();
        var receiver = Visit(access.Expression);
        if (Diagnostic is not null)
            return none;
        if (receiver.Count != 1 || _resultShapes[receiver.Min.Call] is not { } result)
        {
            Fail(access, $"the member access '{Shorten(access)}' (a member may be read only from one tool call's result)");
            return none;
        }
        var use = receiver.Min;
        var path = use.Member.Length == 0 ? access.Name.Identifier.ValueText : use.Member + "." + access.Name.Identifier.ValueText;
        if (MemberShape(result, path) is null)
        {
            Fail(access, $"the member access '{Shorten(access)}' ('{access.Name.Identifier.ValueText}' is not a property of the tool's record result)");
            return none;
        }
        return new SortedSet<Use> { new(use.Call, path) };
    }

    /// <summary>The shape at a dotted property path of an object shape, or null when a segment is not one of its properties.</summary>
    private static TypeShape? MemberShape(TypeShape root, string path)
    {
        TypeShape? shape = root;
        foreach (var segment in path.Split('.'))
        {
            if (shape is not { Kind: Model.TypeKind.Object })
                return null;
            shape = shape.Properties.FirstOrDefault(p => p.ClrName == segment)?.Type;
        }
        return shape;
    }

    private SortedSet<Use> VisitName(ExpressionSyntax expression)
    {
        var symbol = _model.GetSymbolInfo(expression, _cancellationToken).Symbol;
        switch (symbol)
        {
            case ILocalSymbol local when _locals.TryGetValue(local, out var dependencies):
                return new SortedSet<Use>(dependencies);
            case ILocalSymbol { IsConst: true }:
            case IFieldSymbol { IsConst: true }:
                return new SortedSet<Use>();
            default:
                var what = expression is MemberAccessExpressionSyntax
                    ? $"the member access '{Shorten(expression)}' (use a tool's result, a property of its record result, a constant or an enum member)"
                    : $"the name '{Shorten(expression)}'";
                Fail(expression, what);
                return new SortedSet<Use>();
        }
    }

    private static IEnumerable<ExpressionSyntax> InitializerValues(InitializerExpressionSyntax? initializer)
    {
        if (initializer is null)
            yield break;
        foreach (var expression in initializer.Expressions)
        {
            // Object initializers assign members: only the assigned value matters.
            yield return expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax } assignment ? assignment.Right : expression;
        }
    }

    private SortedSet<Use> Union(params IEnumerable<ExpressionSyntax>?[] groups)
    {
        var result = new SortedSet<Use>();
        foreach (var group in groups)
        {
            if (group is null)
                continue;
            foreach (var expression in group)
            {
                result.UnionWith(Visit(expression));
                if (Diagnostic is not null)
                    return result;
            }
        }
        return result;
    }

    private void Fail(SyntaxNode node, string what)
    {
        Diagnostic ??= DiagnosticInfo.Create(DiagnosticDescriptors.TaskBodyNotComposition, LocationInfo.From(node), _method.Name, what);
    }

    private static string Describe(SyntaxNode node) => node switch
    {
        IfStatementSyntax => "an 'if' statement",
        ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax => "a loop",
        TryStatementSyntax => "a 'try' statement",
        SwitchStatementSyntax => "a 'switch' statement",
        ThrowStatementSyntax => "a 'throw' statement",
        ConditionalExpressionSyntax => "the conditional expression '" + Shorten(node) + "'",
        InterpolatedStringExpressionSyntax => "the interpolated string '" + Shorten(node) + "'",
        BinaryExpressionSyntax => "the operator expression '" + Shorten(node) + "'",
        LambdaExpressionSyntax => "a lambda",
        AssignmentExpressionSyntax => "the assignment '" + Shorten(node) + "'",
        CastExpressionSyntax => "the cast '" + Shorten(node) + "'",
        ExpressionSyntax => "the expression '" + Shorten(node) + "'",
        _ => "the statement '" + Shorten(node) + "'",
    };

    private static string Shorten(SyntaxNode node)
    {
        var text = string.Join(" ", node.ToString().Split(new[] { ' ', '\r', '\n', '\t' }, System.StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
