using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace FakeServerless.Tests.Support;

/// <summary>
/// Reads an assembly's own metadata and IL (no reflection over live types, no package): each top-level type, the source folder
/// its file is in (from the portable PDB), and every other type of the same assembly it names — in base types, interfaces,
/// attributes, fields, signatures, locals and method bodies. Nested and compiler-generated types (closures, lambdas, state
/// machines) count as their outermost type, so a reference inside a lambda is the enclosing type's.
/// </summary>
internal sealed class TypeReferences
{
    /// <summary>The custom debug information Roslyn writes for a type with no method bodies (an interface, an enum).</summary>
    private static readonly Guid TypeDefinitionDocuments = new("932E74BC-DBA9-4478-8D46-0F32A7BAB3D3");

    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private readonly MetadataReader _metadata;
    private readonly PEReader _pe;
    private readonly Dictionary<TypeDefinitionHandle, string> _folders = [];

    private TypeReferences(PEReader pe, MetadataReader pdb, string projectFolder)
    {
        _pe = pe;
        _metadata = pe.GetMetadataReader();
        foreach (var handle in pdb.MethodDebugInformation)
        {
            var documents = pdb.GetMethodDebugInformation(handle).GetSequencePoints().Select(p => p.Document).Distinct();
            var type = Outermost(_metadata.GetMethodDefinition(handle.ToDefinitionHandle()).GetDeclaringType());
            foreach (var document in documents)
            {
                Place(type, pdb.GetString(pdb.GetDocument(document).Name), projectFolder);
            }
        }

        foreach (var handle in _metadata.TypeDefinitions)
        {
            foreach (var info in pdb.GetCustomDebugInformation(handle).Select(pdb.GetCustomDebugInformation))
            {
                if (pdb.GetGuid(info.Kind) == TypeDefinitionDocuments)
                {
                    var blob = pdb.GetBlobReader(info.Value);
                    while (blob.RemainingBytes > 0)
                    {
                        var document = MetadataTokens.DocumentHandle(blob.ReadCompressedInteger());
                        Place(Outermost(handle), pdb.GetString(pdb.GetDocument(document).Name), projectFolder);
                    }
                }
            }
        }
    }

    /// <summary>Full name of every top-level type (of the namespace root given to <see cref="Read"/>) to its source folder.</summary>
    public IReadOnlyDictionary<string, string> Folders { get; private set; } = new Dictionary<string, string>();

    /// <summary>Every top-level type that names another top-level type of the assembly: (from, to) by full name.</summary>
    public IReadOnlyList<(string From, string To)> Edges { get; private set; } = [];

    /// <summary>Types of the namespace root no source folder could be found for (each should be placed).</summary>
    public IReadOnlyList<string> Unplaced { get; private set; } = [];

    /// <summary>
    /// Reads <paramref name="assembly"/> and its PDB; a type's folder is the path of its file below <paramref name="projectFolder"/>
    /// (<c>src/FakeServerless</c>) up to the first slash, <c>(root)</c> for a file directly in it. Only types whose namespace is
    /// <paramref name="namespaceRoot"/> or below it count.
    /// </summary>
    public static TypeReferences Read(Assembly assembly, string projectFolder, string namespaceRoot)
    {
        var pdbPath = Path.ChangeExtension(assembly.Location, ".pdb");
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        MetadataReaderProvider pdbProvider;
        if (File.Exists(pdbPath))
        {
            pdbProvider = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdbPath));
        }
        else if (pe.ReadDebugDirectory().FirstOrDefault(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb) is { DataSize: > 0 } embedded)
        {
            pdbProvider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
        }
        else
        {
            throw new InvalidOperationException($"No portable PDB beside {assembly.Location} (nor embedded): the layer test reads source folders from it.");
        }

        using (pdbProvider)
        {
            var reader = new TypeReferences(pe, pdbProvider.GetMetadataReader(), projectFolder);
            reader.Collect(namespaceRoot);
            return reader;
        }
    }

    private void Collect(string namespaceRoot)
    {
        var ours = _metadata.TypeDefinitions
            .Where(h => _metadata.GetTypeDefinition(h).GetDeclaringType().IsNil && InRoot(h, namespaceRoot))
            .ToList();
        Folders = ours.Where(_folders.ContainsKey).ToDictionary(FullName, h => _folders[h]);
        Unplaced = [.. ours.Where(h => !_folders.ContainsKey(h) && !FullName(h).Contains('<', StringComparison.Ordinal)).Select(FullName)];

        var edges = new HashSet<(string, string)>();
        foreach (var handle in _metadata.TypeDefinitions)
        {
            var from = Outermost(handle);
            if (!InRoot(from, namespaceRoot))
            {
                continue;
            }

            foreach (var to in Referenced(handle).Select(Outermost).Where(to => to != from && InRoot(to, namespaceRoot)))
            {
                edges.Add((FullName(from), FullName(to)));
            }
        }

        Edges = [.. edges];
    }

    private bool InRoot(TypeDefinitionHandle handle, string namespaceRoot)
    {
        var ns = _metadata.GetString(_metadata.GetTypeDefinition(handle).Namespace);
        return ns == namespaceRoot || ns.StartsWith(namespaceRoot + ".", StringComparison.Ordinal);
    }

    private void Place(TypeDefinitionHandle type, string document, string projectFolder)
    {
        var path = document.Replace('\\', '/');
        var marker = "/" + projectFolder.Trim('/') + "/";
        var at = path.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return; // generated code (obj/, a source generator's virtual file): its type has a real file too
        }

        var relative = path[(at + marker.Length)..];
        if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
        {
            return;
        }

        var slash = relative.IndexOf('/', StringComparison.Ordinal);
        var folder = slash < 0 ? "(root)" : relative[..slash];
        if (_folders.TryGetValue(type, out var known) && known != folder)
        {
            throw new InvalidOperationException($"{FullName(type)} is declared in two folders, {known} and {folder}: one type, one folder.");
        }

        _folders[type] = folder;
    }

    private TypeDefinitionHandle Outermost(TypeDefinitionHandle handle)
    {
        while (_metadata.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } outer)
        {
            handle = outer;
        }

        return handle;
    }

    private string FullName(TypeDefinitionHandle handle)
    {
        var type = _metadata.GetTypeDefinition(handle);
        var ns = _metadata.GetString(type.Namespace);
        var name = _metadata.GetString(type.Name);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private HashSet<TypeDefinitionHandle> Referenced(TypeDefinitionHandle handle)
    {
        var found = new HashSet<TypeDefinitionHandle>();
        var provider = new Collector(found, this);
        var type = _metadata.GetTypeDefinition(handle);
        AddType(type.BaseType, found, provider);
        foreach (var i in type.GetInterfaceImplementations())
        {
            AddType(_metadata.GetInterfaceImplementation(i).Interface, found, provider);
        }

        AddAttributes(type.GetCustomAttributes(), found, provider);
        foreach (var p in type.GetGenericParameters().Select(_metadata.GetGenericParameter))
        {
            foreach (var c in p.GetConstraints())
            {
                AddType(_metadata.GetGenericParameterConstraint(c).Type, found, provider);
            }
        }

        foreach (var f in type.GetFields().Select(_metadata.GetFieldDefinition))
        {
            f.DecodeSignature(provider, null);
            AddAttributes(f.GetCustomAttributes(), found, provider);
        }

        foreach (var p in type.GetProperties().Select(_metadata.GetPropertyDefinition))
        {
            p.DecodeSignature(provider, null);
            AddAttributes(p.GetCustomAttributes(), found, provider);
        }

        foreach (var e in type.GetEvents().Select(_metadata.GetEventDefinition))
        {
            AddType(e.Type, found, provider);
        }

        foreach (var m in type.GetMethods().Select(_metadata.GetMethodDefinition))
        {
            m.DecodeSignature(provider, null);
            AddAttributes(m.GetCustomAttributes(), found, provider);
            foreach (var p in m.GetParameters())
            {
                AddAttributes(_metadata.GetParameter(p).GetCustomAttributes(), found, provider);
            }

            if (m.RelativeVirtualAddress != 0)
            {
                AddBody(_pe.GetMethodBody(m.RelativeVirtualAddress), found, provider);
            }
        }

        return found;
    }

    private void AddAttributes(CustomAttributeHandleCollection attributes, HashSet<TypeDefinitionHandle> found, Collector provider)
    {
        foreach (var a in attributes)
        {
            AddMember(_metadata.GetCustomAttribute(a).Constructor, found, provider);
        }
    }

    private void AddBody(MethodBodyBlock body, HashSet<TypeDefinitionHandle> found, Collector provider)
    {
        if (!body.LocalSignature.IsNil)
        {
            _metadata.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null);
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = unchecked((short)(0xFE00 | il.ReadByte()));
            }

            switch (Operands[code])
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32(); // read first: `il.Offset += 4 * il.ReadInt32()` would lose the count's own bytes
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    AddMember(MetadataTokens.EntityHandle(il.ReadInt32()), found, provider);
                    break;
                default:
                    il.Offset += 4; // branch targets, int32, float32, strings, call-site signatures
                    break;
            }
        }
    }

    private void AddType(EntityHandle handle, HashSet<TypeDefinitionHandle> found, Collector provider)
    {
        if (handle.IsNil)
        {
            return; // an interface's (or <Module>'s) base type
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                found.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                _metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(provider, null);
                break;
        }
    }

    private void AddMember(EntityHandle handle, HashSet<TypeDefinitionHandle> found, Collector provider)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                found.Add(_metadata.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.FieldDefinition:
                found.Add(_metadata.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                var member = _metadata.GetMemberReference((MemberReferenceHandle)handle);
                AddType(member.Parent, found, provider);
                break;
            case HandleKind.MethodSpecification:
                var spec = _metadata.GetMethodSpecification((MethodSpecificationHandle)handle);
                AddMember(spec.Method, found, provider);
                spec.DecodeSignature(provider, null);
                break;
            default:
                AddType(handle, found, provider);
                break;
        }
    }

    /// <summary>Decodes signatures only to note every type definition of the assembly they name.</summary>
    private sealed class Collector(HashSet<TypeDefinitionHandle> found, TypeReferences owner) : ISignatureTypeProvider<bool, object?>
    {
        public bool GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => found.Add(handle);

        public bool GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => false;

        public bool GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        {
            owner._metadata.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
            return false;
        }

        public bool GetSZArrayType(bool elementType) => false;

        public bool GetArrayType(bool elementType, ArrayShape shape) => false;

        public bool GetByReferenceType(bool elementType) => false;

        public bool GetPointerType(bool elementType) => false;

        public bool GetPinnedType(bool elementType) => false;

        public bool GetGenericInstantiation(bool genericType, ImmutableArray<bool> typeArguments) => false;

        public bool GetGenericMethodParameter(object? genericContext, int index) => false;

        public bool GetGenericTypeParameter(object? genericContext, int index) => false;

        public bool GetModifiedType(bool modifier, bool unmodifiedType, bool isRequired) => false;

        public bool GetFunctionPointerType(MethodSignature<bool> signature) => false;

        public bool GetPrimitiveType(PrimitiveTypeCode typeCode) => false;
    }
}
