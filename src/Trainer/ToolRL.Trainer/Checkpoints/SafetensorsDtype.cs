using static TorchSharp.torch;

namespace ToolRL.Trainer.Checkpoints;

/// <summary>The safetensors dtypes this runtime reads and writes, and their torch counterparts.</summary>
internal static class SafetensorsDtype
{
    /// <summary>True for the dtype names this runtime reads (F32, BF16, F16).</summary>
    public static bool IsSupported(string dtype) => dtype is "F32" or "BF16" or "F16";

    /// <summary>Bytes per element of a supported dtype name (F32, BF16, F16).</summary>
    public static int ElementSize(string dtype) => dtype switch
    {
        "F32" => 4,
        "BF16" or "F16" => 2,
        _ => throw Unsupported(dtype),
    };

    /// <summary>The torch scalar type of a supported dtype name.</summary>
    public static ScalarType ToScalarType(string dtype) => dtype switch
    {
        "F32" => ScalarType.Float32,
        "BF16" => ScalarType.BFloat16,
        "F16" => ScalarType.Float16,
        _ => throw Unsupported(dtype),
    };

    /// <summary>The safetensors name of a torch scalar type.</summary>
    public static string FromScalarType(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float16 => "F16",
        _ => throw new NotSupportedException($"Tensors of dtype {type} cannot be saved; supported: float32, bfloat16, float16."),
    };

    /// <summary>Parses "float32"/"fp32"/"bfloat16"/"bf16"/"float16"/"fp16" (case-insensitive).</summary>
    public static ScalarType ParseTorchDtype(string name) => name.ToLowerInvariant() switch
    {
        "float32" or "fp32" or "f32" => ScalarType.Float32,
        "bfloat16" or "bf16" => ScalarType.BFloat16,
        "float16" or "fp16" or "f16" or "half" => ScalarType.Float16,
        _ => throw new NotSupportedException($"dtype '{name}' is not supported; use float32, bfloat16 or float16."),
    };

    /// <summary>HF's config.json spelling (torch_dtype).</summary>
    public static string ToTorchDtypeName(ScalarType type) => type switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float16 => "float16",
        _ => throw new NotSupportedException($"dtype {type} is not supported."),
    };

    static NotSupportedException Unsupported(string dtype) =>
        new($"safetensors dtype '{dtype}' is not supported; supported: F32, BF16, F16.");
}
