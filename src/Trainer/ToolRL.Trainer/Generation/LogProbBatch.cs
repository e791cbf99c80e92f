using static TorchSharp.torch;

namespace ToolRL.Trainer.Generation;

/// <summary>
/// A padded batch of (prompt, response) pairs laid out as [left pads | prompt | response | right pads]:
/// all prompts end at column <see cref="PromptLength"/> − 1 and responses start at <see cref="PromptLength"/>.
/// </summary>
internal sealed class LogProbBatch : IDisposable
{
    LogProbBatch(Tensor inputIds, Tensor positions, Tensor attentionMask, Tensor responseIds, Tensor responseMask, int promptLength)
    {
        InputIds = inputIds; Positions = positions; AttentionMask = attentionMask;
        ResponseIds = responseIds; ResponseMask = responseMask; PromptLength = promptLength;
    }

    /// <summary>[B, P + R] token ids.</summary>
    public Tensor InputIds { get; }
    /// <summary>[B, P + R] per-row positions.</summary>
    public Tensor Positions { get; }
    /// <summary>[B, P + R] 1 for real tokens, 0 for pads.</summary>
    public Tensor AttentionMask { get; }
    /// <summary>[B, R] response tokens (pads where masked).</summary>
    public Tensor ResponseIds { get; }
    /// <summary>[B, R] float 1/0: which response slots are real.</summary>
    public Tensor ResponseMask { get; }
    /// <summary>P, the padded prompt length.</summary>
    public int PromptLength { get; }
    /// <summary>R, the padded response length.</summary>
    public int ResponseLength => (int)ResponseIds.shape[1];

    /// <summary>Builds the batch on <paramref name="device"/> (default CPU).</summary>
    public static LogProbBatch Create(IReadOnlyList<(IReadOnlyList<int> Prompt, IReadOnlyList<int> Response)> pairs, int padTokenId = 0, Device? device = null)
    {
        if (pairs.Count == 0) throw new ArgumentException("The batch is empty.", nameof(pairs));
        if (pairs.Any(p => p.Prompt.Count == 0)) throw new ArgumentException("Every prompt needs at least one token.", nameof(pairs));
        device ??= CPU;
        int rows = pairs.Count, p = pairs.Max(x => x.Prompt.Count), r = Math.Max(1, pairs.Max(x => x.Response.Count)), width = p + r;
        var ids = new long[rows * width];
        var mask = new long[rows * width];
        var positions = new long[rows * width];
        var responseIds = new long[rows * r];
        var responseMask = new float[rows * r];
        for (int row = 0; row < rows; row++)
        {
            var (prompt, response) = pairs[row];
            int start = p - prompt.Count, position = 0;
            for (int i = 0; i < width; i++)
            {
                int k = row * width + i;
                ids[k] = padTokenId;
                if (i >= start && i < p) { ids[k] = prompt[i - start]; mask[k] = 1; }
                else if (i >= p && i - p < response.Count) { ids[k] = response[i - p]; mask[k] = 1; }
                positions[k] = position;
                if (mask[k] == 1) position++;
            }
            for (int j = 0; j < r; j++)
            {
                bool real = j < response.Count;
                responseIds[row * r + j] = real ? response[j] : padTokenId;
                responseMask[row * r + j] = real ? 1f : 0f;
            }
        }
        return new LogProbBatch(
            tensor(ids, [rows, width], device: device), tensor(positions, [rows, width], device: device),
            tensor(mask, [rows, width], device: device), tensor(responseIds, [rows, r], device: device),
            tensor(responseMask, [rows, r], device: device), p);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        InputIds.Dispose(); Positions.Dispose(); AttentionMask.Dispose(); ResponseIds.Dispose(); ResponseMask.Dispose();
    }
}
