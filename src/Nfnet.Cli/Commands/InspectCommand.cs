using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nfnet.Models;
using static TorchSharp.torch;

namespace Nfnet.Cli.Commands;

/// <summary>`nfnet inspect &lt;variant&gt; [--json]`: the generated module's state_dict entries and totals.</summary>
public static class InspectCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Keeps "F0+" readable instead of "F0\u002B"; the document is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliContext context)
    {
        var variant = VariantArgument.Create();
        var json = new Option<bool>("--json") { Description = "Write one JSON document instead of a table." };
        var command = new Command("inspect", "Build a generated model and list its state_dict tensors (name, shape) and totals.")
        {
            variant,
            json,
        };
        command.SetAction(parse => Run(context, parse.GetValue(variant)!, parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string name, bool json)
    {
        var info = VariantArgument.Find(context, name);
        if (info is null)
            return ExitCodes.Usage;

        // The meta device gives every shape without allocating: F7+ would otherwise need gigabytes just to be listed.
        var document = Describe(info.Name);
        if (json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(document, JsonOptions));
            return ExitCodes.Success;
        }

        context.Out.WriteLine($"{document.Variant} ({info.ClassName}): {document.Tensors.Count} tensors, "
                              + $"{document.Parameters.ToString("N0", CultureInfo.InvariantCulture)} parameters");
        int width = document.Tensors.Max(t => t.Name.Length);
        foreach (var tensor in document.Tensors)
            context.Out.WriteLine($"{tensor.Name.PadRight(width)}  [{string.Join(", ", tensor.Shape)}]");
        return ExitCodes.Success;
    }

    /// <summary>The state_dict of <paramref name="variant"/>, built on the meta device, in registration order.</summary>
    public static InspectDocument Describe(string variant)
    {
        using var model = NfnetZoo.Create(variant, device: META);
        var tensors = new List<TensorEntry>();
        long parameters = 0;
        foreach (var (key, tensor) in model.state_dict())
        {
            tensors.Add(new TensorEntry(key, tensor.shape));
            parameters += tensor.numel();
        }
        return new InspectDocument(variant, parameters, tensors);
    }
}

/// <summary>`nfnet inspect --json` output: {"variant":"F0","parameters":71489284,"tensors":[{"name":...,"shape":[...]}]}.</summary>
/// <param name="Parameters">Elements over all state_dict tensors; NFNets have no buffers, so this is the parameter count.</param>
public sealed record InspectDocument(string Variant, long Parameters, IReadOnlyList<TensorEntry> Tensors);

/// <summary>One state_dict entry.</summary>
public sealed record TensorEntry(string Name, long[] Shape);
