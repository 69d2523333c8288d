using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace EventPlanner.Tests.Architecture;

/// <summary>
/// Which feature uses which, read from the compiled Web assembly with System.Reflection.Metadata: for every type
/// in <c>EventPlanner.Web.Features.&lt;Feature&gt;[.…]</c> (nested and compiler-generated types, such as lambda
/// closures and async state machines, count for the type they are nested in), the types named by its base type,
/// interfaces, fields, properties, method signatures, attributes, local variables and every token in its method
/// bodies (calls, field accesses, newobj, casts, ldtoken), generic instantiations included.
/// Not seen: <c>const</c> values, which the compiler copies into the user (see the source check beside it).
/// Types outside Features/ are not a feature: Data and Infrastructure are the foundation every feature may use,
/// and Pages (PageModels in <c>EventPlanner.Web.Pages.*</c>, compiled views in <c>AspNetCoreGeneratedDocument</c>),
/// Demo and Program are the composition on top, which may use any feature.
/// </summary>
public static class FeatureGraph
{
    public const string FeaturePrefix = "EventPlanner.Web.Features.";

    /// <summary>Feature → the features it uses, each with a few "Type → Type" examples for the failure message.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var provider = new TypeCollector(reader);
        var edges = new SortedDictionary<string, SortedDictionary<string, SortedSet<string>>>(StringComparer.Ordinal);

        foreach (var handle in reader.TypeDefinitions)
        {
            if (FeatureOf(reader, handle) is not { } from) continue;
            var used = new HashSet<TypeDefinitionHandle>();
            Uses(reader, pe, provider, handle, used);
            foreach (var target in used)
            {
                if (FeatureOf(reader, target) is not { } to || to == from) continue;
                if (!edges.TryGetValue(from, out var byTarget)) edges[from] = byTarget = new(StringComparer.Ordinal);
                if (!byTarget.TryGetValue(to, out var examples)) byTarget[to] = examples = new(StringComparer.Ordinal);
                examples.Add($"{NameOf(reader, Outermost(reader, handle))} → {NameOf(reader, Outermost(reader, target))}");
            }
        }
        return edges.ToDictionary(e => e.Key,
            e => (IReadOnlyDictionary<string, IReadOnlyList<string>>)e.Value.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value.ToList()));
    }

    private static void Uses(MetadataReader reader, PEReader pe, TypeCollector provider, TypeDefinitionHandle handle, HashSet<TypeDefinitionHandle> used)
    {
        var type = reader.GetTypeDefinition(handle);
        void Add(IEnumerable<TypeDefinitionHandle> types) => used.UnionWith(types);
        void Entity(EntityHandle e) => Add(provider.FromEntity(e));

        if (!type.BaseType.IsNil) Entity(type.BaseType);
        foreach (var i in type.GetInterfaceImplementations()) Entity(reader.GetInterfaceImplementation(i).Interface);
        Attributes(type.GetCustomAttributes());
        foreach (var f in type.GetFields())
        {
            var field = reader.GetFieldDefinition(f);
            Add(field.DecodeSignature(provider, null));
            Attributes(field.GetCustomAttributes());
        }
        foreach (var p in type.GetProperties())
        {
            var property = reader.GetPropertyDefinition(p);
            var sig = property.DecodeSignature(provider, null);
            Add(sig.ReturnType);
            foreach (var t in sig.ParameterTypes) Add(t);
            Attributes(property.GetCustomAttributes());
        }
        foreach (var m in type.GetMethods())
        {
            var method = reader.GetMethodDefinition(m);
            var sig = method.DecodeSignature(provider, null);
            Add(sig.ReturnType);
            foreach (var t in sig.ParameterTypes) Add(t);
            Attributes(method.GetCustomAttributes());
            foreach (var p in method.GetParameters()) Attributes(reader.GetParameter(p).GetCustomAttributes());
            if (method.RelativeVirtualAddress == 0) continue;
            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                foreach (var t in reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null)) Add(t);
            }
            foreach (var token in Tokens(body.GetILBytes()!))
            {
                var entity = MetadataTokens.EntityHandle(token);
                if (entity.Kind is HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification or HandleKind.MethodDefinition
                    or HandleKind.FieldDefinition or HandleKind.MemberReference or HandleKind.MethodSpecification)
                {
                    Entity(entity);
                }
            }
        }

        void Attributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var a in attributes) Entity(reader.GetCustomAttribute(a).Constructor);
        }
    }

    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>The metadata tokens in a method body's IL (the operands of call, newobj, ldfld, ldtoken, castclass, …).</summary>
    public static IEnumerable<int> Tokens(byte[] il)
    {
        var i = 0;
        while (i < il.Length)
        {
            short code = il[i++];
            if (code == 0xFE) code = unchecked((short)(0xFE00 | il[i++]));
            switch (Operands[code])
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    yield return BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                default: i += 4; break; // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
            }
        }
    }

    /// <summary>The feature a type belongs to: the first namespace segment under Features of it (or of the type it is nested in).</summary>
    public static string? FeatureOf(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var ns = reader.GetString(reader.GetTypeDefinition(Outermost(reader, handle)).Namespace);
        return ns.StartsWith(FeaturePrefix, StringComparison.Ordinal) ? ns[FeaturePrefix.Length..].Split('.')[0] : null;
    }

    private static TypeDefinitionHandle Outermost(MetadataReader reader, TypeDefinitionHandle handle)
    {
        while (reader.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } outer) handle = outer;
        return handle;
    }

    private static string NameOf(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var t = reader.GetTypeDefinition(handle);
        return $"{reader.GetString(t.Namespace)[FeaturePrefix.Length..]}.{reader.GetString(t.Name)}";
    }

    /// <summary>Collects the assembly's own type definitions that a signature or token names (external types are no feature).</summary>
    private sealed class TypeCollector(MetadataReader reader) : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
    {
        private static readonly ImmutableArray<TypeDefinitionHandle> None = [];

        public IEnumerable<TypeDefinitionHandle> FromEntity(EntityHandle e)
        {
            switch (e.Kind)
            {
                case HandleKind.TypeDefinition: return [(TypeDefinitionHandle)e];
                case HandleKind.TypeSpecification: return reader.GetTypeSpecification((TypeSpecificationHandle)e).DecodeSignature(this, null);
                case HandleKind.MethodDefinition: return [reader.GetMethodDefinition((MethodDefinitionHandle)e).GetDeclaringType()];
                case HandleKind.FieldDefinition: return [reader.GetFieldDefinition((FieldDefinitionHandle)e).GetDeclaringType()];
                case HandleKind.MethodSpecification:
                    var spec = reader.GetMethodSpecification((MethodSpecificationHandle)e);
                    return FromEntity(spec.Method).Concat(spec.DecodeSignature(this, null).SelectMany(t => t));
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)e);
                    IEnumerable<TypeDefinitionHandle> sig;
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        var m = member.DecodeMethodSignature(this, null);
                        sig = m.ReturnType.Concat(m.ParameterTypes.SelectMany(p => p));
                    }
                    else sig = member.DecodeFieldSignature(this, null);
                    return member.Parent.Kind is HandleKind.TypeDefinition or HandleKind.TypeSpecification or HandleKind.MethodDefinition
                        ? FromEntity(member.Parent).Concat(sig)
                        : sig;
                default: return None;
            }
        }

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];
        public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) => None;
        public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            r.GetTypeSpecification(handle).DecodeSignature(this, context);
        public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;
        public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;
        public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments) =>
            genericType.AddRange(typeArguments.SelectMany(t => t));
        public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? context, int index) => None;
        public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? context, int index) => None;
        public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
            signature.ReturnType.AddRange(signature.ParameterTypes.SelectMany(t => t));
        public ImmutableArray<TypeDefinitionHandle> GetModifiedType(ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired) =>
            unmodifiedType.AddRange(modifier);
    }
}

/// <summary>
/// The rule, as a pure function so it can be shown to fail: features come in declared layers, foundation first; a
/// feature may use a feature of an earlier layer only (not a later one, not a sibling in its own layer), and the
/// graph has no cycle.
/// </summary>
public static class FeatureRules
{
    public static IReadOnlyList<string> Violations(IReadOnlyList<IReadOnlyList<string>> layers, IReadOnlyDictionary<string, IReadOnlyCollection<string>> uses)
    {
        var layerOf = layers.SelectMany((layer, i) => layer.Select(f => (f, i))).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var feature in uses.Keys.Concat(uses.Values.SelectMany(v => v)).Distinct().Where(f => !layerOf.ContainsKey(f)).Order(StringComparer.Ordinal))
        {
            problems.Add($"{feature} is not in the declared order.");
        }
        foreach (var (from, targets) in uses.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            foreach (var to in targets.Where(t => t != from).Order(StringComparer.Ordinal))
            {
                if (!layerOf.TryGetValue(from, out var a) || !layerOf.TryGetValue(to, out var b) || b < a) continue;
                problems.Add(a == b ? $"{from} uses {to}, a sibling (neither may use the other)." : $"{from} uses {to}, which comes after it.");
            }
        }
        foreach (var cycle in Cycles(uses)) problems.Add($"These features use one another in a cycle: {string.Join(", ", cycle)}.");
        return problems;
    }

    /// <summary>The strongly connected components with more than one feature (Tarjan), each in a readable order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, IReadOnlyCollection<string>> uses)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<IReadOnlyList<string>>();
        IEnumerable<string> Next(string f) => uses.TryGetValue(f, out var t) ? t.Where(x => x != f).Order(StringComparer.Ordinal) : [];

        void Visit(string f)
        {
            index[f] = low[f] = index.Count;
            stack.Push(f);
            onStack.Add(f);
            foreach (var g in Next(f))
            {
                if (!index.ContainsKey(g)) { Visit(g); low[f] = Math.Min(low[f], low[g]); }
                else if (onStack.Contains(g)) low[f] = Math.Min(low[f], index[g]);
            }
            if (low[f] != index[f]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != f);
            if (component.Count > 1) found.Add(component.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var f in uses.Keys.Concat(uses.Values.SelectMany(v => v)).Distinct().Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(f)) Visit(f);
        }
        return found;
    }
}
