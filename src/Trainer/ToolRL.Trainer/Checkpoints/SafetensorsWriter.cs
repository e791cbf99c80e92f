using System.Text;
using System.Text.Json;
using ToolRL.IO;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Checkpoints;

/// <summary>Writes a .safetensors file atomically (temporary file in the same folder, then rename).</summary>
internal static class SafetensorsWriter
{
    /// <summary>Writes the named tensors (F32/BF16/F16) in the given order, with optional metadata.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors writing needs a little-endian host.");
        var list = tensors.ToList();
        var duplicate = list.GroupBy(t => t.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Tensor name '{duplicate.Key}' appears twice.");
        byte[] header = Header(list, metadata);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(BitConverter.GetBytes((ulong)header.Length));
            stream.Write(header);
            foreach (var (_, tensor) in list)
            {
                using var cpu = tensor.detach().cpu().contiguous();
                stream.Write(cpu.bytes);
            }
        });
    }

    static byte[] Header(List<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata) json.WriteString(k, v);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in tensors)
            {
                string dtype = SafetensorsDtype.FromScalarType(tensor.dtype);
                long size = tensor.numel() * SafetensorsDtype.ElementSize(dtype);
                json.WriteStartObject(name);
                json.WriteString("dtype", dtype);
                json.WriteStartArray("shape");
                foreach (long d in tensor.shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + size);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += size;
            }
            json.WriteEndObject();
        }
        // Pad with spaces to a multiple of 8 so the data section is aligned, as HF's writer does.
        var bytes = buffer.ToArray().ToList();
        while (bytes.Count % 8 != 0) bytes.Add((byte)' ');
        return bytes.ToArray();
    }
}
