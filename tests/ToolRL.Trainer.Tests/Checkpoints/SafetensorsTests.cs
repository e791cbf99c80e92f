using ToolRL.IO;
using System.Text;
using ToolRL.Trainer.Checkpoints;
using ToolRL.Trainer.Tests.Support;
using static TorchSharp.torch;

namespace ToolRL.Trainer.Tests.Checkpoints;

/// <summary>The safetensors reader/writer: layout, dtypes, and clear errors for bad files.</summary>
public sealed class SafetensorsTests
{
    static void WriteRaw(string path, string header, int dataBytes)
    {
        var h = Encoding.UTF8.GetBytes(header);
        using var f = File.Create(path);
        f.Write(BitConverter.GetBytes((ulong)h.Length));
        f.Write(h);
        f.Write(new byte[dataBytes]);
    }

    [Xunit.Theory]
    [InlineData(ScalarType.Float32, "F32")]
    [InlineData(ScalarType.BFloat16, "BF16")]
    [InlineData(ScalarType.Float16, "F16")]
    public void WrittenTensorsReadBackBitExactWithHeaderLayout(ScalarType dtype, string name)
    {
        using var dir = new TempDirectory();
        string path = dir.Sub("t.safetensors");
        using var a = randn(3, 5).to(dtype);
        using var b = arange(7f).to(dtype);
        SafetensorsWriter.Write(path, [new("a.weight", a), new("b", b)], new Dictionary<string, string> { ["format"] = "pt" });

        byte[] raw = File.ReadAllBytes(path);
        long headerLength = (long)BitConverter.ToUInt64(raw, 0);
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + 22 * (name == "F32" ? 4 : 2), raw.Length);
        Assert.Contains($"\"dtype\":\"{name}\"", Encoding.UTF8.GetString(raw, 8, (int)headerLength));

        using var file = SafetensorsFile.Open(path);
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal(new long[] { 3, 5 }, file.Entries["a.weight"].Shape);
        using var ra = file.Read("a.weight");
        using var rb = file.Read("b");
        Assert.Equal(dtype, ra.dtype);
        Assert.Equal(a.bytes.ToArray(), ra.bytes.ToArray());
        Assert.Equal(b.bytes.ToArray(), rb.bytes.ToArray());
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp-*"));
    }

    [Xunit.Fact]
    public void TruncatedFileIsRejectedWithAClearMessage()
    {
        using var dir = new TempDirectory();
        string path = dir.Sub("t.safetensors");
        using var a = randn(16, 16);
        SafetensorsWriter.Write(path, [new("a", a)]);
        byte[] raw = File.ReadAllBytes(path);
        File.WriteAllBytes(path, raw[..(raw.Length - 10)]);
        var e = Assert.Throws<InvalidFileException>(() => SafetensorsFile.Open(path));
        Assert.Equal("a.data_offsets", e.Field);
        Assert.Contains("truncated", e.Message);

        File.WriteAllBytes(path, raw[..20]);
        Assert.Contains("header claims", Assert.Throws<InvalidFileException>(() => SafetensorsFile.Open(path)).Message);
        File.WriteAllBytes(path, raw[..5]);
        Assert.Contains("shorter than", Assert.Throws<InvalidFileException>(() => SafetensorsFile.Open(path)).Message);
    }

    [Xunit.Fact]
    public void MalformedHeadersAndUnsupportedDtypesAreNamed()
    {
        using var dir = new TempDirectory();
        string path = dir.Sub("t.safetensors");
        WriteRaw(path, "{not json", 0);
        Assert.Contains("not valid JSON", Assert.Throws<InvalidFileException>(() => SafetensorsFile.Open(path)).Message);
        WriteRaw(path, "{\"x\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8);
        Assert.Contains("data_offsets", Assert.Throws<InvalidFileException>(() => SafetensorsFile.Open(path)).Message);
        WriteRaw(path, "{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8);
        Assert.Contains("needs 12 bytes", Assert.Throws<InvalidFileException>(() => SafetensorsFile.Open(path)).Message);
        WriteRaw(path, "{\"x\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8);
        using var file = SafetensorsFile.Open(path);
        var e = Assert.Throws<NotSupportedException>(() => file.Read("x"));
        Assert.Contains("I64", e.Message);
        Assert.Contains("not in", Assert.Throws<KeyNotFoundException>(() => file.Read("y")).Message);
    }
}
