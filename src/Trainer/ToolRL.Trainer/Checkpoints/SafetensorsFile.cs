using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Checkpoints;

/// <summary>
/// Reads a .safetensors file: an 8-byte little-endian header length N, N bytes of JSON
/// (<c>{"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}</c>), then the raw
/// little-endian tensor bytes. The header is validated on open; tensors are read on demand.
/// </summary>
public sealed class SafetensorsFile : IDisposable
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
            if (length < 8) throw Bad(path, $"it is {length} bytes long, shorter than the 8-byte header length");
            Span<byte> prefix = stackalloc byte[8];
            stream.ReadExactly(prefix);
            long headerLength = (long)BitConverter.ToUInt64(prefix);
            if (headerLength > MaxHeaderBytes || headerLength > length - 8)
                throw Bad(path, $"the header claims {headerLength} bytes but the file has {length - 8} after the length (truncated or not safetensors)");
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
        try { document = JsonDocument.Parse(header); }
        catch (JsonException e) { throw Bad(path, $"the header is not valid JSON ({e.Message})"); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw Bad(path, "the header is not a JSON object");
            var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    foreach (var m in property.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString() ?? "";
                    continue;
                }
                entries[property.Name] = ParseEntry(path, property.Name, property.Value, dataLength);
            }
            return (entries, metadata);
        }
    }

    static SafetensorsEntry ParseEntry(string path, string name, JsonElement value, long dataLength)
    {
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !value.TryGetProperty("data_offsets", out var offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array
            || offsetsElement.GetArrayLength() != 2)
            throw Bad(path, $"tensor '{name}' lacks dtype, shape or a two-number data_offsets");
        string dtype = dtypeElement.GetString()!;
        long[] shape = shapeElement.EnumerateArray().Select(e => e.GetInt64()).ToArray();
        long begin = offsetsElement[0].GetInt64(), end = offsetsElement[1].GetInt64();
        if (shape.Any(d => d < 0)) throw Bad(path, $"tensor '{name}' has a negative dimension");
        if (begin < 0 || end < begin || end > dataLength)
            throw Bad(path, $"tensor '{name}' spans bytes [{begin}, {end}) but the data section has {dataLength} bytes (truncated file?)");
        var entry = new SafetensorsEntry(name, dtype, shape, begin, end);
        if (dtype is "F32" or "BF16" or "F16" && entry.ElementCount * SafetensorsDtype.ElementSize(dtype) != end - begin)
            throw Bad(path, $"tensor '{name}' ({dtype}, shape [{string.Join(", ", shape)}]) needs {entry.ElementCount * SafetensorsDtype.ElementSize(dtype)} bytes but spans {end - begin}");
        return entry;
    }

    static InvalidDataException Bad(string path, string why) => new($"Invalid safetensors file '{path}': {why}.");

    internal static string HeaderText(byte[] header) => Encoding.UTF8.GetString(header);
}
