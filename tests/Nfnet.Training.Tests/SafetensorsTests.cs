using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Nfnet.Training.Weights;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Training.Tests;

public class SafetensorsTests
{
    /// <summary>Header length (u64 LE) + JSON + data, written byte by byte.</summary>
    private static byte[] HandBuiltFile()
    {
        // Data, with offsets relative to the end of the header:
        //   a  F32  [2]   bytes 0..8  : 1.5f = 0x3FC00000, -2.0f = 0xC0000000 (little-endian)
        //   b  F16  [2,1] bytes 8..12 : 1.0 = 0x3C00, -0.5 = 0xB800
        //   c  BF16 [2]   bytes 12..16: 3.0 = 0x4040, 1.0 = 0x3F80
        var data = new byte[]
        {
            0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0xC0,
            0x00, 0x3C, 0x00, 0xB8,
            0x40, 0x40, 0x80, 0x3F,
        };
        var header = Encoding.UTF8.GetBytes(
            """{"__metadata__":{"note":"hand"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F16","shape":[2,1],"data_offsets":[8,12]},"c":{"dtype":"BF16","shape":[2],"data_offsets":[12,16]}}""");
        var file = new List<byte>();
        file.AddRange(BitConverter.GetBytes((ulong)header.Length));
        file.AddRange(header);
        file.AddRange(data);
        return file.ToArray();
    }

    [Fact]
    public void Hand_built_stream_parses_to_the_encoded_values_and_dtypes()
    {
        using var content = SafetensorsFile.Read(new MemoryStream(HandBuiltFile()));

        Assert.Equal("hand", content.Metadata["note"]);
        var a = content.Tensors["a"];
        Assert.Equal(ScalarType.Float32, a.dtype);
        Assert.Equal(new[] { 1.5f, -2.0f }, a.data<float>().ToArray());
        var b = content.Tensors["b"];
        Assert.Equal(ScalarType.Float16, b.dtype);
        Assert.Equal(new long[] { 2, 1 }, b.shape);
        Assert.Equal(new[] { 1.0f, -0.5f }, b.to(ScalarType.Float32).data<float>().ToArray());
        var c = content.Tensors["c"];
        Assert.Equal(ScalarType.BFloat16, c.dtype);
        Assert.Equal(new[] { 3.0f, 1.0f }, c.to(ScalarType.Float32).data<float>().ToArray());
    }

    [Fact]
    public void Writing_what_was_read_reproduces_the_hand_built_bytes_except_header_padding()
    {
        using var content = SafetensorsFile.Read(new MemoryStream(HandBuiltFile()));
        var written = new MemoryStream();
        SafetensorsFile.Write(written, content.Tensors, content.Metadata);

        var original = HandBuiltFile();
        var bytes = written.ToArray();
        // Same tensor bytes at the end; header length padded to a multiple of 8.
        Assert.Equal(original[^16..], bytes[^16..]);
        Assert.Equal(0UL, BitConverter.ToUInt64(bytes, 0) % 8);
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.BFloat16)]
    public void Round_trip_is_bit_exact(ScalarType dtype)
    {
        random.manual_seed(7);
        var tensors = new Dictionary<string, Tensor>
        {
            ["w"] = randn(3, 4, 5).to(dtype),
            ["scalar"] = tensor(0.3f).to(dtype),
            ["empty"] = zeros(0, 3).to(dtype),
        };
        var stream = new MemoryStream();
        SafetensorsFile.Write(stream, tensors);
        stream.Position = 0;
        using var back = SafetensorsFile.Read(stream);

        foreach (var (name, t) in tensors)
        {
            Assert.Equal(t.dtype, back.Tensors[name].dtype);
            Assert.Equal(t.shape, back.Tensors[name].shape);
            Assert.Equal(t.bytes.ToArray(), back.Tensors[name].bytes.ToArray());
        }
    }

    [Fact]
    public void Model_export_then_strict_load_restores_identical_outputs()
    {
        using var dir = new TempDirectory();
        random.manual_seed(1);
        using var source = new Models.PlanModel(TinySpec.Plan());
        random.manual_seed(2);
        using var target = new Models.PlanModel(TinySpec.Plan());
        var path = dir.File("model.safetensors");

        Weights.ModelWeights.Export(source, path);
        Weights.ModelWeights.LoadStrict(target, path);

        source.eval();
        target.eval();
        var x = randn(2, 3, 32, 32);
        Assert.Equal(source.call(x).data<float>().ToArray(), target.call(x).data<float>().ToArray());
    }

    [Fact]
    public void Strict_load_lists_every_missing_unexpected_and_misshaped_tensor_and_copies_nothing()
    {
        random.manual_seed(3);
        using var model = new Models.PlanModel(TinySpec.Plan());
        var tensors = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
        tensors.Remove("stem.conv1.weight");
        tensors.Remove("head.fc.bias");
        tensors["head.fc.weight"] = zeros(5, 64);
        tensors["extra.weight"] = zeros(1);
        var before = model.state_dict()["final_conv.weight"].clone();
        tensors["final_conv.weight"] = ones_like(before);

        var error = Assert.Throws<WeightMismatchException>(() => ModelWeights.LoadStrict(model, tensors, "test.safetensors"));

        Assert.Equal(new[]
        {
            "unexpected: extra.weight [1]",
            "missing: head.fc.bias [4]",
            "shape mismatch: head.fc.weight is [5, 64] in the file, the model needs [4, 64]",
            "missing: stem.conv1.weight [8, 3, 3, 3]",
        }, error.Problems);
        Assert.Contains("4 problems", error.Message);
        Assert.True(model.state_dict()["final_conv.weight"].eq(before).all().item<bool>());
    }

    [Fact]
    public void F16_and_bf16_files_load_into_a_float32_model_as_their_widened_values()
    {
        random.manual_seed(4);
        using var model = new Models.PlanModel(TinySpec.Plan());
        var half = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().to(ScalarType.Float16));
        ModelWeights.LoadStrict(model, half);
        Assert.Equal(half["final_conv.weight"].to(ScalarType.Float32).data<float>().ToArray(),
            model.state_dict()["final_conv.weight"].data<float>().ToArray());

        var bf16 = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().to(ScalarType.BFloat16));
        ModelWeights.LoadStrict(model, bf16);
        Assert.Equal(bf16["stem.conv1.weight"].to(ScalarType.Float32).data<float>().ToArray(),
            model.state_dict()["stem.conv1.weight"].data<float>().ToArray());
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", 8, "needs 8 bytes")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "gap or overlap")]
    [InlineData("""{"a":{"dtype":"Q4","shape":[1],"data_offsets":[0,4]}}""", 4, "unsupported dtype 'Q4'")]
    [InlineData("""not json""", 0, "not valid JSON")]
    public void Malformed_files_are_rejected_with_the_reason(string header, int dataBytes, string reason)
    {
        var headerBytes = Encoding.UTF8.GetBytes(header);
        var file = BitConverter.GetBytes((ulong)headerBytes.Length).Concat(headerBytes).Concat(new byte[dataBytes]).ToArray();
        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(new MemoryStream(file)));
        Assert.Contains(reason, error.Message);
    }
}
