using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Dcrc.Tests.Architecture;

/// <summary>One IL instruction of the app with its operand resolved (a member, a type, a string or a number).</summary>
/// <param name="Site">The source type the code was written in (lambdas, closures, iterators and async state machines
/// are compiler-generated nested types; they count as the type around them).</param>
/// <param name="Method">The source method (the name a lambda, local function or state machine was made from).</param>
public sealed record Instruction(Type Site, string Method, OpCode OpCode, object? Operand)
{
    public string Where => $"{Site.FullName}.{Method}";
}

/// <summary>A type the app's code names: in a signature (base type, interface, field, property, parameter, return,
/// local, generic argument) or in an instruction (the member's declaring type, its generic arguments, its signature).</summary>
public sealed record TypeUse(Type Site, string Method, Type Target, string How)
{
    public string Where => $"{Site.FullName}.{Method}";
}

/// <summary>
/// Reads the compiled app (<c>typeof(DcrcDb).Assembly</c>) with System.Reflection: every type, nested and
/// compiler-generated ones included, every method body decoded with the <see cref="OpCodes"/> table and its tokens
/// resolved by the module. What the source writes relative to its namespace (<c>Callbacks.CallbackGeneration</c>
/// inside Dcrc.Features.Customers) is a full type here.
/// </summary>
public static class IlReferences
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    public static Assembly App => typeof(Dcrc.Data.DcrcDb).Assembly;

    private static readonly Dictionary<short, OpCode> Codes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(OpCode)).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static readonly List<string> _unresolved = [];
    private static readonly Lazy<IReadOnlyList<Instruction>> _instructions = new(() =>
        AllTypes().SelectMany(t => t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared))
            .SelectMany(m => Read(m).Select(i => new Instruction(SourceType(t), SourceMethod(t, m.Name), i.OpCode, i.Operand)))).ToList());
    private static readonly Lazy<IReadOnlyList<TypeUse>> _uses = new(() => Signatures().Concat(InstructionUses()).ToList());

    /// <summary>Every instruction of every method body in the app.</summary>
    public static IReadOnlyList<Instruction> Instructions => _instructions.Value;

    /// <summary>Every type named by the app's signatures and instructions (generic arguments and element types unfolded).</summary>
    public static IReadOnlyList<TypeUse> Uses => _uses.Value;

    /// <summary>Tokens the module could not resolve (each would be a reference the tests do not see).</summary>
    public static IReadOnlyList<string> Unresolved { get { _ = Instructions; return _unresolved; } }

    public static IEnumerable<Type> AllTypes()
    {
        try { return App.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
    }

    /// <summary>The outermost declaring type: its namespace is the one a nested or generated type belongs to.</summary>
    public static Type Outermost(Type t)
    {
        while (t.DeclaringType != null) t = t.DeclaringType;
        return t;
    }

    /// <summary>The nearest type the source wrote (not a closure, lambda cache, iterator or state machine).</summary>
    public static Type SourceType(Type t)
    {
        while (t.DeclaringType != null && IsGenerated(t)) t = t.DeclaringType;
        return t;
    }

    private static bool IsGenerated(Type t) => t.Name.StartsWith('<') || t.IsDefined(typeof(CompilerGeneratedAttribute), false);

    /// <summary>
    /// <c>&lt;SaveAsync&gt;b__3_0</c> (lambda), <c>&lt;Run&gt;g__Local|2_0</c> (local function) and the state machine
    /// <c>&lt;&lt;SaveAsync&gt;b__3_0&gt;d</c> all come from SaveAsync. A method of a generated type without such a name
    /// (MoveNext of <c>&lt;RunAsync&gt;d__4</c>) takes the name of the type.
    /// </summary>
    public static string SourceMethod(Type declaring, string method)
    {
        if (method.StartsWith('<')) return Inner(method);
        for (var t = declaring; t.DeclaringType != null && IsGenerated(t); t = t.DeclaringType)
            if (t.Name.StartsWith('<') && !t.Name.StartsWith("<>", StringComparison.Ordinal)) return Inner(t.Name);
        return method;
    }

    private static string Inner(string name)
    {
        while (name.StartsWith('<'))
        {
            int depth = 0, i = 0;
            for (; i < name.Length; i++)
                if (name[i] == '<') depth++;
                else if (name[i] == '>' && --depth == 0) break;
            var inner = name[1..i];
            if (inner.Length == 0) return name; // "<>c": no source name
            name = inner;
        }
        return name;
    }

    /// <summary>Decodes a method body: one- and two-byte opcodes, every operand size (switch included).</summary>
    public static IEnumerable<(OpCode OpCode, object? Operand)> Read(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il == null) yield break;
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method is MethodInfo { IsGenericMethod: true } ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            if (!Codes.TryGetValue(value, out var op)) throw new InvalidOperationException($"Unknown opcode 0x{value:X4} in {method.DeclaringType}.{method.Name}");
            object? operand = null;
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR or OperandType.InlineSig: i += 4; break;
                case OperandType.InlineString or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    operand = Resolve(method, op.OperandType, BitConverter.ToInt32(il, i), typeArgs, methodArgs);
                    i += 4;
                    break;
                default: throw new InvalidOperationException($"Operand type {op.OperandType} of {op.Name} not handled");
            }
            yield return (op, operand);
        }
    }

    private static object? Resolve(MethodBase method, OperandType kind, int token, Type[]? typeArgs, Type[]? methodArgs)
    {
        try
        {
            var module = method.Module;
            return kind switch
            {
                OperandType.InlineString => module.ResolveString(token),
                OperandType.InlineType => module.ResolveType(token, typeArgs, methodArgs),
                OperandType.InlineField => module.ResolveField(token, typeArgs, methodArgs),
                OperandType.InlineMethod => module.ResolveMethod(token, typeArgs, methodArgs),
                _ => module.ResolveMember(token, typeArgs, methodArgs),
            };
        }
        catch (Exception e) when (e is ArgumentException or TypeLoadException or BadImageFormatException or FileNotFoundException or MissingMemberException)
        {
            lock (_unresolved) _unresolved.Add($"{method.DeclaringType}.{method.Name}: token 0x{token:X8} ({e.GetType().Name}: {e.Message})");
            return null;
        }
    }

    private static IEnumerable<TypeUse> Signatures()
    {
        foreach (var t in AllTypes())
        {
            var site = SourceType(t);
            // A closure's fields are hoisted locals; they count as the method a state machine is named after.
            var generated = IsGenerated(t);
            var here = generated ? SourceMethod(t, "(closure)") : "(type)";
            IEnumerable<(string, string, Type?)> named =
            [
                (here, "base type", t.BaseType), .. t.GetInterfaces().Select(i => (here, "interface", (Type?)i)),
                .. t.GetFields(Declared).Select(f => (generated ? here : SourceMethod(t, f.Name), "field type", (Type?)f.FieldType)),
                .. t.GetProperties(Declared).Select(p => (p.Name, "property type", (Type?)p.PropertyType)),
                .. t.GetMethods(Declared).Select(m => (SourceMethod(t, m.Name), "return type", (Type?)m.ReturnType)),
                .. t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared)).SelectMany(m =>
                    m.GetParameters().Select(p => (SourceMethod(t, m.Name), "parameter type", (Type?)p.ParameterType))
                        .Concat(m.GetMethodBody()?.LocalVariables.Select(l => (SourceMethod(t, m.Name), "local type", (Type?)l.LocalType)) ?? [])),
            ];
            foreach (var (method, how, type) in named)
                foreach (var target in Unfold(type))
                    yield return new TypeUse(site, method, target, how);
        }
    }

    private static IEnumerable<TypeUse> InstructionUses()
    {
        foreach (var i in Instructions)
        {
            var (how, types) = i.Operand switch
            {
                Type t => ($"{i.OpCode.Name} {t}", Unfold(t)),
                MethodBase m => ($"{i.OpCode.Name} {m.DeclaringType}.{m.Name}", Unfold(m.DeclaringType)
                    .Concat(m is MethodInfo { IsGenericMethod: true } g ? g.GetGenericArguments().SelectMany(Unfold) : [])
                    .Concat(m is MethodInfo r ? Unfold(r.ReturnType) : []).Concat(m.GetParameters().SelectMany(p => Unfold(p.ParameterType)))),
                FieldInfo f => ($"{i.OpCode.Name} {f.DeclaringType}.{f.Name}", Unfold(f.DeclaringType).Concat(Unfold(f.FieldType))),
                _ => ("", []),
            };
            foreach (var target in types.Distinct()) yield return new TypeUse(i.Site, i.Method, target, how);
        }
    }

    /// <summary>The type with its element type and generic arguments, all the way down; generic parameters left out.</summary>
    public static IEnumerable<Type> Unfold(Type? type)
    {
        if (type == null || type.IsGenericParameter) yield break;
        if (type.HasElementType) { foreach (var e in Unfold(type.GetElementType())) yield return e; yield break; }
        yield return type.IsGenericType && !type.IsGenericTypeDefinition ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType)
            foreach (var a in type.GetGenericArguments().SelectMany(Unfold)) yield return a;
    }
}
