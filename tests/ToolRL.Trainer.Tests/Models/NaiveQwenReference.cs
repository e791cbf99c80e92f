using ToolRL.Trainer.Models;

namespace ToolRL.Trainer.Tests.Models;

/// <summary>
/// Qwen2/Qwen3 forward pass written from the equations with plain loops in double precision, for one
/// unpadded sequence. Shares nothing with the TorchSharp implementation except the weights.
/// </summary>
public sealed class NaiveQwenReference(ModelConfig config, IReadOnlyDictionary<string, float[]> weights)
{
    float[] W(string name) => weights.TryGetValue(name, out var w) ? w : throw new KeyNotFoundException(name);

    /// <summary>logits[t][v].</summary>
    public double[][] Logits(int[] tokens)
    {
        int h = config.HiddenSize, t = tokens.Length;
        var embed = W("model.embed_tokens.weight");
        var x = new double[t][];
        for (int i = 0; i < t; i++) x[i] = Enumerable.Range(0, h).Select(j => (double)embed[tokens[i] * h + j]).ToArray();
        for (int layer = 0; layer < config.NumHiddenLayers; layer++)
        {
            string p = $"model.layers.{layer}.";
            var normed = x.Select(v => RmsNorm(v, W(p + "input_layernorm.weight"))).ToArray();
            var attention = Attention(normed, p + "self_attn.");
            for (int i = 0; i < t; i++) for (int j = 0; j < h; j++) x[i][j] += attention[i][j];
            for (int i = 0; i < t; i++)
            {
                var n = RmsNorm(x[i], W(p + "post_attention_layernorm.weight"));
                var gate = MatVec(W(p + "mlp.gate_proj.weight"), null, n, config.IntermediateSize);
                var up = MatVec(W(p + "mlp.up_proj.weight"), null, n, config.IntermediateSize);
                var act = gate.Select((g, k) => g / (1 + Math.Exp(-g)) * up[k]).ToArray();
                var down = MatVec(W(p + "mlp.down_proj.weight"), null, act, h);
                for (int j = 0; j < h; j++) x[i][j] += down[j];
            }
        }
        var head = config.TieWordEmbeddings ? embed : W("lm_head.weight");
        return x.Select(v => MatVec(head, null, RmsNorm(v, W("model.norm.weight")), config.VocabSize)).ToArray();
    }

    double[][] Attention(double[][] x, string p)
    {
        int t = x.Length, heads = config.NumAttentionHeads, kv = config.NumKeyValueHeads, d = config.HeadDim;
        float[]? Bias(string n) => config.AttentionBias ? W(p + n) : null;
        var q = x.Select(v => MatVec(W(p + "q_proj.weight"), Bias("q_proj.bias"), v, heads * d)).ToArray();
        var k = x.Select(v => MatVec(W(p + "k_proj.weight"), Bias("k_proj.bias"), v, kv * d)).ToArray();
        var v = x.Select(v => MatVec(W(p + "v_proj.weight"), Bias("v_proj.bias"), v, kv * d)).ToArray();
        for (int i = 0; i < t; i++)
        {
            for (int head = 0; head < heads; head++) RopeHead(q[i], head * d, i, p + "q_norm.weight");
            for (int head = 0; head < kv; head++) RopeHead(k[i], head * d, i, p + "k_norm.weight");
        }
        var merged = new double[t][];
        for (int i = 0; i < t; i++)
        {
            merged[i] = new double[heads * d];
            for (int head = 0; head < heads; head++)
            {
                int kvHead = head / (heads / kv);
                var scores = new double[i + 1];
                for (int j = 0; j <= i; j++)
                {
                    double s = 0;
                    for (int c = 0; c < d; c++) s += q[i][head * d + c] * k[j][kvHead * d + c];
                    scores[j] = s / Math.Sqrt(d);
                }
                double max = scores.Max(), sum = scores.Sum(s => Math.Exp(s - max));
                for (int j = 0; j <= i; j++)
                {
                    double weight = Math.Exp(scores[j] - max) / sum;
                    for (int c = 0; c < d; c++) merged[i][head * d + c] += weight * v[j][kvHead * d + c];
                }
            }
        }
        return merged.Select(m => MatVec(W(p + "o_proj.weight"), null, m, config.HiddenSize)).ToArray();
    }

    /// <summary>Qwen3: RMSNorm over the head first. Then rotate pairs (c, c + d/2) by position · θ^(−2c/d).</summary>
    void RopeHead(double[] vector, int offset, int position, string normName)
    {
        int d = config.HeadDim;
        if (config.Family == ModelFamily.Qwen3)
        {
            var normed = RmsNorm(vector.Skip(offset).Take(d).ToArray(), W(normName));
            Array.Copy(normed, 0, vector, offset, d);
        }
        for (int c = 0; c < d / 2; c++)
        {
            double angle = position * Math.Pow(config.RopeTheta, -2.0 * c / d);
            double a = vector[offset + c], b = vector[offset + c + d / 2];
            vector[offset + c] = a * Math.Cos(angle) - b * Math.Sin(angle);
            vector[offset + c + d / 2] = b * Math.Cos(angle) + a * Math.Sin(angle);
        }
    }

    double[] RmsNorm(double[] v, float[] weight)
    {
        double ms = v.Sum(a => a * a) / v.Length;
        double scale = 1 / Math.Sqrt(ms + config.RmsNormEps);
        return v.Select((a, i) => a * scale * weight[i]).ToArray();
    }

    static double[] MatVec(float[] w, float[]? bias, double[] v, int rows)
    {
        int cols = v.Length;
        var result = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double s = bias?[r] ?? 0;
            for (int c = 0; c < cols; c++) s += w[r * cols + c] * v[c];
            result[r] = s;
        }
        return result;
    }
}
