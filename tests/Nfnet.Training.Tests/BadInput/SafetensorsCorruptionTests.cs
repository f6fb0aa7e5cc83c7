using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Nfnet.Training.Weights;
using Xunit;
using static TorchSharp.torch;

namespace Nfnet.Training.Tests.BadInput;

/// <summary>Damaged safetensors files throw <see cref="SafetensorsFormatException"/> naming the problem, never an index or null error.</summary>
public class SafetensorsCorruptionTests
{
    private static byte[] File(string header, int dataBytes)
    {
        var headerBytes = Encoding.UTF8.GetBytes(header);
        return BitConverter.GetBytes((ulong)headerBytes.Length).Concat(headerBytes).Concat(new byte[dataBytes]).ToArray();
    }

    private static string Rejected(byte[] bytes) =>
        Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(new MemoryStream(bytes))).Message;

    private static byte[] TwoTensorFile()
    {
        using var a = arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        using var b = ones(4, dtype: ScalarType.Float32);
        var stream = new MemoryStream();
        SafetensorsFile.Write(stream, new Dictionary<string, Tensor> { ["a"] = a, ["b"] = b });
        return stream.ToArray();
    }

    [Theory]
    [InlineData(0, "it ends inside the header length")]
    [InlineData(5, "it ends inside the header length")]
    [InlineData(8, "runs past the end of the file")]
    [InlineData(20, "runs past the end of the file")]
    public void A_file_cut_before_its_data_is_truncated(int keep, string reason)
    {
        var message = Rejected(TwoTensorFile()[..keep]);
        Assert.Contains(reason, message);
    }

    [Fact]
    public void A_file_cut_inside_the_data_names_the_first_tensor_that_is_cut()
    {
        var bytes = TwoTensorFile();
        // 'a' (24 bytes) comes first, 'b' (16 bytes) last: losing 4 bytes cuts only 'b'; losing 20 cuts 'a'.
        Assert.Contains("file is truncated: tensor 'b' needs data bytes 24–40 but the file holds only 36", Rejected(bytes[..^4]));
        Assert.Contains("file is truncated: tensor 'a' needs data bytes 0–24 but the file holds only 20", Rejected(bytes[..^20]));
    }

    [Fact]
    public void Trailing_bytes_after_the_last_tensor_are_refused()
    {
        Assert.Contains("(trailing bytes)", Rejected(TwoTensorFile().Concat(new byte[4]).ToArray()));
    }

    [Fact]
    public void A_header_length_beyond_the_file_or_the_format_limit_is_refused()
    {
        var bytes = TwoTensorFile();
        BitConverter.GetBytes((ulong)bytes.Length).CopyTo(bytes, 0);
        Assert.Contains($"header length {bytes.Length} runs past the end of the file", Rejected(bytes));
        BitConverter.GetBytes(ulong.MaxValue).CopyTo(bytes, 0);
        Assert.Contains($"header length {ulong.MaxValue}", Rejected(bytes));
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}}""", 6,
        "tensor 'b' starts at byte 2, expected 4 (gap or overlap)")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 2, "tensor 'a' needs data bytes 0–4 but the file holds only 2")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}""", 4, "tensor 'a' has invalid data_offsets")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}""", 4, "tensor 'a' has invalid data_offsets")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}""", 4, "tensor 'a' has invalid data_offsets")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":["0","4"]}}""", 4, "tensor 'a' has a malformed header entry")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1]}}""", 4, "tensor 'a' has a malformed header entry")]
    [InlineData("""{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", 4, "tensor 'a' has a negative dimension")]
    [InlineData("""{"a":{"dtype":"F64","shape":[2305843009213693952],"data_offsets":[0,0]}}""", 0, "tensor 'a' has a malformed header entry")]
    [InlineData("""{"a":{"dtype":"complex64","shape":[1],"data_offsets":[0,8]}}""", 8, "tensor 'a' has unsupported dtype 'complex64' (supported: F64, F32")]
    [InlineData("""{"a":{"dtype":7,"shape":[1],"data_offsets":[0,4]}}""", 4, "tensor 'a' has a malformed header entry")]
    [InlineData("""{"a":[1,2]}""", 0, "tensor 'a' has a header entry that is not a JSON object")]
    [InlineData("""{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}""", 0,
        "tensor 'a' appears twice in the header")]
    [InlineData("""{"__metadata__":"v1"}""", 0, "'__metadata__' is not a JSON object")]
    [InlineData("""[1,2,3]""", 0, "header is not a JSON object")]
    [InlineData("""{"a":""", 0, "header is not valid JSON")]
    public void A_malformed_header_is_refused_naming_the_tensor(string header, int dataBytes, string reason)
    {
        Assert.Contains(reason, Rejected(File(header, dataBytes)));
    }

    [Fact]
    public void A_binary_header_is_not_json()
    {
        var bytes = BitConverter.GetBytes(8UL).Concat(new byte[] { 0xFF, 0xFE, 0x00, 0x81, 0xC3, 0x28, 0xA0, 0xA1 }).ToArray();
        Assert.Contains("header is not valid JSON", Rejected(bytes));
    }

    [Fact]
    public void A_path_error_names_the_file()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("missing.safetensors");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => SafetensorsFile.Read(missing)).Message);
        Assert.Contains("is a folder", Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(dir.Path)).Message);
        var cut = dir.File("cut.safetensors");
        System.IO.File.WriteAllBytes(cut, TwoTensorFile()[..3]);
        Assert.StartsWith($"{cut}: file is truncated", Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Read(cut)).Message);
    }

    [Fact]
    public void Trained_weights_with_a_non_numeric_image_size_are_refused()
    {
        using var dir = new TempDirectory();
        using var fc = zeros(3, 4);
        var path = dir.File("w.safetensors");
        SafetensorsFile.Write(path, new Dictionary<string, Tensor> { ["head.fc.weight"] = fc }, new Dictionary<string, string> { ["image_size"] = "big" });
        var error = Assert.Throws<SafetensorsFormatException>(() => TrainedWeights.Read(path));
        Assert.Contains("metadata image_size 'big' is not a positive integer", error.Message);
    }
}
