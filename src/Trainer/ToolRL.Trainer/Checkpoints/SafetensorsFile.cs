using System.Text;
using System.Text.Json;
using ToolRL.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Checkpoints;

/// <summary>
/// Reads a .safetensors file: an 8-byte little-endian header length N, N bytes of JSON
/// (<c>{"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}</c>), then the raw
/// little-endian tensor bytes. The header is validated on open; tensors are read on demand.
/// </summary>
internal sealed class SafetensorsFile : IDisposable
{
    const long MaxHeaderBytes = 100L << 20;
    readonly FileStream stream;
    readonly long dataStart;

    SafetensorsFile(string path, FileStream stream, long dataStart, Dictionary<string, SafetensorsEntry> entries, Dictionary<string, string> metadata)
    {
        Path = path;
        this.stream = stream;
        this.dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>The file path.</summary>
    public string Path { get; }
    /// <summary>Tensor records by name.</summary>
    public IReadOnlyDictionary<string, SafetensorsEntry> Entries { get; }
    /// <summary>The optional <c>__metadata__</c> string map.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Opens and validates the header.</summary>
    public static SafetensorsFile Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Safetensors file '{path}' does not exist.", path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            long length = stream.Length;
            if (length < 8) throw Bad(path, null, $"it is {length} bytes long, shorter than the 8-byte header length");
            Span<byte> prefix = stackalloc byte[8];
            stream.ReadExactly(prefix);
            // Compared as unsigned: a length of 0xFFFF… must not wrap to a negative number and pass.
            ulong claimed = BitConverter.ToUInt64(prefix);
            if (claimed > MaxHeaderBytes || claimed > (ulong)(length - 8))
                throw Bad(path, "header length", $"the header claims {claimed} bytes but the file has {length - 8} after the length (truncated or not safetensors)");
            if (claimed < 2)
                throw Bad(path, "header length", $"the header claims {claimed} bytes, too few for a JSON object");
            long headerLength = (long)claimed;
            var header = new byte[headerLength];
            stream.ReadExactly(header);
            long dataStart = 8 + headerLength;
            var (entries, metadata) = ParseHeader(path, header, length - dataStart);
            return new SafetensorsFile(path, stream, dataStart, entries, metadata);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads a tensor into a new CPU tensor of its stored dtype.</summary>
    public Tensor Read(string name)
    {
        if (!Entries.TryGetValue(name, out var entry))
            throw new KeyNotFoundException($"Tensor '{name}' is not in '{Path}'.");
        if (!SafetensorsDtype.IsSupported(entry.Dtype))
            throw new NotSupportedException($"'{Path}': tensor '{name}' has dtype '{entry.Dtype}'; supported: F32, BF16, F16.");
        var dtype = SafetensorsDtype.ToScalarType(entry.Dtype);
        var tensor = empty(entry.Shape, dtype, CPU);
        try
        {
            stream.Position = dataStart + entry.Begin;
            stream.ReadExactly(tensor.bytes);
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => stream.Dispose();

    static (Dictionary<string, SafetensorsEntry>, Dictionary<string, string>) ParseHeader(string path, byte[] header, long dataLength)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(header, new JsonDocumentOptions { AllowDuplicateProperties = false }); }
        catch (JsonException e) { throw Bad(path, "header", $"the header is not valid JSON ({e.Message})"); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw Bad(path, "header", "the header is not a JSON object");
            var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    if (property.Value.ValueKind != JsonValueKind.Object)
                        throw Bad(path, "__metadata__", $"must be an object of strings, got {Json.Describe(property.Value.ValueKind)}");
                    foreach (var m in property.Value.EnumerateObject())
                        metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()!
                            : throw Bad(path, $"__metadata__.{m.Name}", $"must be a string, got {Json.Describe(m.Value.ValueKind)}");
                    continue;
                }
                entries[property.Name] = ParseEntry(path, property.Name, property.Value, dataLength);
            }
            return (entries, metadata);
        }
    }

    static SafetensorsEntry ParseEntry(string path, string name, JsonElement value, long dataLength)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Bad(path, name, $"a tensor record must be an object, got {Json.Describe(value.ValueKind)}");
        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Bad(path, $"{name}.dtype", "missing or not a string");
        if (!value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw Bad(path, $"{name}.shape", "missing or not an array");
        if (!value.TryGetProperty("data_offsets", out var offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array
            || offsetsElement.GetArrayLength() != 2)
            throw Bad(path, $"{name}.data_offsets", "missing or not a two-number array [begin, end]");
        string dtype = dtypeElement.GetString()!;
        long[] shape = shapeElement.EnumerateArray()
            .Select(e => WholeNumber(e, out long d) ? d : throw Bad(path, $"{name}.shape", $"dimensions must be whole numbers ≥ 0, got {e.GetRawText()}"))
            .ToArray();
        if (!WholeNumber(offsetsElement[0], out long begin) || !WholeNumber(offsetsElement[1], out long end))
            throw Bad(path, $"{name}.data_offsets", $"must be whole numbers ≥ 0, got {offsetsElement.GetRawText()}");
        if (end < begin || end > dataLength)
            throw Bad(path, $"{name}.data_offsets", $"spans bytes [{begin}, {end}) but the data section has {dataLength} bytes (truncated file?)");
        var entry = new SafetensorsEntry(name, dtype, shape, begin, end);
        if (SafetensorsDtype.IsSupported(dtype))
        {
            long needed;
            try { needed = checked(shape.Aggregate(1L, (a, b) => checked(a * b)) * SafetensorsDtype.ElementSize(dtype)); }
            catch (OverflowException) { throw Bad(path, $"{name}.shape", $"[{string.Join(", ", shape)}] has more elements than a file can hold"); }
            if (needed != end - begin)
                throw Bad(path, name, $"{dtype}, shape [{string.Join(", ", shape)}] needs {needed} bytes but spans {end - begin}");
        }
        return entry;
    }

    static bool WholeNumber(JsonElement e, out long value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value) && value >= 0;
    }

    static InvalidFileException Bad(string path, string? field, string why) => new(path, field, why);

    internal static string HeaderText(byte[] header) => Encoding.UTF8.GetString(header);
}
