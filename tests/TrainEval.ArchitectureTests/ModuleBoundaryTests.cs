using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace TrainEval.ArchitectureTests;

/// <summary>
/// ARCHITECTURE.md rule 1: a module uses another module only through its <c>Public</c> namespace; Platform never
/// depends on a module. Razor views are checked too (their generated classes are named Modules_{Module}_…).
/// The demo seeder composes every module's entities on purpose and is the one exemption (ADR 0001); the module
/// registration in the root namespace wires modules together and belongs to no module.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly Web = typeof(Program).Assembly;
    private const string Root = "TrainEval.Web.Modules";
    private static readonly string[] Exempt = ["Demo"];
    private static readonly Lazy<Dictionary<string, HashSet<string>>> References = new(ReadReferences);

    public static IReadOnlyList<string> ModuleNames { get; } = Web.GetTypes()
        .Select(t => t.Namespace ?? "")
        .Where(n => n.StartsWith(Root + ".", StringComparison.Ordinal))
        .Select(n => n[(Root.Length + 1)..].Split('.')[0])
        .Distinct().Order().ToList();

    public static TheoryData<string> Modules()
    {
        var data = new TheoryData<string>();
        foreach (var m in ModuleNames.Except(Exempt)) data.Add(m);
        return data;
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Modules_use_other_modules_only_through_their_public_api(string module)
    {
        var offenders = Violations(module);
        Assert.True(offenders.Count == 0, $"{module} reaches into other modules outside their Public API:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Module_boundary_rule_can_fail()
    {
        // The demo seeder composes internals of several modules on purpose, so the rule must flag it.
        Assert.NotEmpty(Violations("Demo"));
    }

    [Fact]
    public void Platform_does_not_depend_on_any_module()
    {
        var result = Types.InAssembly(Web).That().ResideInNamespaceStartingWith("TrainEval.Web.Platform")
            .ShouldNot().HaveDependencyOnAny(Root).GetResult();
        Assert.True(result.IsSuccessful, "Platform depends on modules: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Modules_are_discovered()
    {
        Assert.Contains("Accounts", ModuleNames);
        Assert.Contains("Journey", ModuleNames);
        Assert.Contains("Enrollment", ModuleNames);
    }

    [Fact]
    public void Public_namespaces_expose_only_interfaces_records_enums_and_static_classes()
    {
        var offenders = Web.GetTypes()
            .Where(t => t.Namespace?.EndsWith(".Public", StringComparison.Ordinal) == true && t.IsPublic)
            .Where(t => !(t.IsInterface || t.IsEnum || IsRecord(t) || (t.IsAbstract && t.IsSealed)))
            .Select(t => t.FullName).ToList();
        Assert.True(offenders.Count == 0, "Public API types must be interfaces, records, enums or static classes: " + string.Join(", ", offenders));
    }

    [Fact]
    public void No_mediator_automapper_or_repository_layers()
    {
        var result = Types.InAssembly(Web).ShouldNot().HaveDependencyOnAny("MediatR", "AutoMapper").GetResult();
        Assert.True(result.IsSuccessful);
        Assert.DoesNotContain(Web.GetTypes(), t => t.Name.EndsWith("Repository", StringComparison.Ordinal) || t.Name == "IUnitOfWork");
    }

    private static List<string> Violations(string module)
    {
        var list = new List<string>();
        foreach (var (owner, referenced) in References.Value)
        {
            if (ModuleOf(owner) != module) continue;
            foreach (var r in referenced)
            {
                var target = ModuleOfNamespace(r);
                if (target is null || target == module) continue;
                var ns = r[..Math.Max(0, r.LastIndexOf('.'))];
                if (ns == $"{Root}.{target}.Public" || ns.StartsWith($"{Root}.{target}.Public.", StringComparison.Ordinal)) continue;
                list.Add($"{owner} -> {r}");
            }
        }
        return list;
    }

    /// <summary>Module of a type: by namespace, or for compiled Razor views by the generated class name.</summary>
    private static string? ModuleOf(string fullName)
    {
        const string views = "AspNetCoreGeneratedDocument.Modules_";
        if (fullName.StartsWith(views, StringComparison.Ordinal))
        {
            var name = fullName[views.Length..].Split('_')[0];
            return ModuleNames.Contains(name) ? name : null;
        }
        return ModuleOfNamespace(fullName);
    }

    private static string? ModuleOfNamespace(string fullName)
    {
        if (!fullName.StartsWith(Root + ".", StringComparison.Ordinal)) return null;
        var rest = fullName[(Root.Length + 1)..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? null : rest[..dot]; // a type directly in the Modules namespace belongs to no module
    }

    /// <summary>Every type referenced by each top-level type of the web assembly (signatures, attributes and IL).</summary>
    private static Dictionary<string, HashSet<string>> ReadReferences()
    {
        using var module = ModuleDefinition.ReadModule(Web.Location);
        var result = new Dictionary<string, HashSet<string>>();
        foreach (var type in module.GetTypes())
        {
            var top = type;
            while (top.DeclaringType is not null) top = top.DeclaringType;
            if (!result.TryGetValue(top.FullName, out var set)) result[top.FullName] = set = [];
            void Add(TypeReference? t)
            {
                if (t is null) return;
                if (t is GenericInstanceType g) { Add(g.ElementType); foreach (var a in g.GenericArguments) Add(a); return; }
                if (t is TypeSpecification s) { Add(s.ElementType); return; }
                if (t is GenericParameter) return;
                var outer = t;
                while (outer.DeclaringType is not null) outer = outer.DeclaringType;
                set.Add(outer.FullName);
            }
            void AddAttributes(Mono.Cecil.ICustomAttributeProvider p) { foreach (var a in p.CustomAttributes) Add(a.AttributeType); }
            Add(type.BaseType);
            AddAttributes(type);
            foreach (var i in type.Interfaces) Add(i.InterfaceType);
            foreach (var f in type.Fields) { Add(f.FieldType); AddAttributes(f); }
            foreach (var p in type.Properties) { Add(p.PropertyType); AddAttributes(p); }
            foreach (var m in type.Methods)
            {
                Add(m.ReturnType);
                AddAttributes(m);
                foreach (var p in m.Parameters) Add(p.ParameterType);
                if (!m.HasBody) continue;
                foreach (var v in m.Body.Variables) Add(v.VariableType);
                foreach (var ins in m.Body.Instructions)
                    switch (ins.Operand)
                    {
                        case TypeReference t: Add(t); break;
                        case MethodReference mr:
                            Add(mr.DeclaringType); Add(mr.ReturnType);
                            foreach (var p in mr.Parameters) Add(p.ParameterType);
                            if (mr is GenericInstanceMethod gm) foreach (var a in gm.GenericArguments) Add(a);
                            break;
                        case FieldReference fr: Add(fr.DeclaringType); Add(fr.FieldType); break;
                    }
            }
        }
        return result;
    }

    private static bool IsRecord(Type t) => t.GetMethod("<Clone>$") is not null
        || t.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null;
}
