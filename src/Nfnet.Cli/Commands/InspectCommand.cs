using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nfnet.Analysis.Inspect;
using Nfnet.Dsl.Lowering;
using Nfnet.Models;
using Nfnet.Training.Models;
using static TorchSharp.torch;

namespace Nfnet.Cli.Commands;

/// <summary>
/// `nfnet inspect &lt;variant&gt; [--spec FILE] [--image-size N] [--depth 1|2|3] [--json]`: the layer table of the
/// variant's plan (module, kind, output shape, parameters, MACs; stage subtotals and totals), then the state_dict
/// entries of the module built from it.
/// </summary>
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
        var spec = new Option<string?>("--spec") { Description = "Spec file defining the variant (default: the built-in specs)." };
        var imageSize = new Option<int?>("--image-size") { Description = "Input height and width for the shapes and MACs (default: the variant's test size)." }
            .AtLeast(1);
        var depth = new Option<int>("--depth")
        {
            Description = "Rows down to: 1 stem, stages, final conv and head; 2 also stem convs and blocks; 3 also the convs, attention and skip gain inside each block.",
            DefaultValueFactory = _ => 2,
        }.Within(1, LayerTable.MaxDepth, lowIncluded: true, highIncluded: true);
        var json = new Option<bool>("--json") { Description = "Write one JSON document (every layer at every depth, and the tensors) instead of text." };
        var command = new Command("inspect", "Tabulate a variant's layers (output shape, parameters, MACs per module and stage) and list its state_dict tensors.")
        {
            variant, spec, imageSize, depth, json,
        };
        command.SetAction(parse => Run(context, parse.GetValue(variant)!, parse.GetValue(spec), parse.GetValue(imageSize), parse.GetValue(depth), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string name, string? spec, int? imageSize, int depth, bool json)
    {
        try
        {
            var specPath = spec is null ? null : Path.GetFullPath(spec, context.WorkingDirectory);
            if (VariantArgument.FindPlan(context, name, specPath) is not { } plan)
                return ExitCodes.Usage;
            int size = imageSize ?? plan.TestImageSize;
            ImageSizes.Check(size, plan);

            var table = LayerTable.Of(plan, size);
            var (tensors, parameters) = StateDict(plan, builtIn: specPath is null);
            var document = InspectDocument.From(table, tensors, parameters);
            if (json)
            {
                context.Out.WriteLine(JsonSerializer.Serialize(document, JsonOptions));
                return ExitCodes.Success;
            }

            context.Out.WriteLine($"{plan.Name} ({plan.ClassName}): {tensors.Count} tensors, {parameters.ToString("N0", CultureInfo.InvariantCulture)} parameters");
            context.Out.WriteLine();
            // A --spec plan is named by its full path; show it as the user would type it.
            var source = Path.IsPathRooted(plan.SourcePath) ? SpecSources.DisplayPath(plan.SourcePath, context.WorkingDirectory) : plan.SourcePath;
            context.Out.WriteLine($"Layers at {size}×{size} ({source}):");
            LayerTableText.Write(context.Out, table, depth);
            context.Out.WriteLine();
            context.Out.WriteLine("state_dict:");
            int width = 0;
            foreach (var tensor in tensors) width = System.Math.Max(width, tensor.Name.Length);
            foreach (var tensor in tensors)
                context.Out.WriteLine($"{tensor.Name.PadRight(width)}  [{string.Join(", ", tensor.Shape)}]");
            return ExitCodes.Success;
        }
        catch (System.Exception e) when (RunFailures.AreExpected(e))
        {
            return RunFailures.Report(context, "inspect", e);
        }
    }

    /// <summary>
    /// The state_dict of the module a user gets for <paramref name="plan"/>: the generated class for a built-in variant,
    /// the run-time <see cref="PlanModel"/> for a spec file. Built on the meta device, so F7+ needs no memory.
    /// </summary>
    private static (System.Collections.Generic.IReadOnlyList<TensorEntry> Tensors, long Parameters) StateDict(ModelPlan plan, bool builtIn)
    {
        using var model = builtIn ? NfnetZoo.Create(plan.Name, device: META) : new PlanModel(plan, device: META);
        return StateDictListing.Of(model);
    }
}
