using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using Nfnet.Dsl;
using Nfnet.Dsl.Attributes;
using Nfnet.Dsl.Diagnostics;
using Nfnet.Dsl.Emit;
using Nfnet.Dsl.Lowering;
using Nfnet.Dsl.Validation;

namespace Nfnet.Cli.Commands;

/// <summary>
/// `nfnet emit [paths...] --out DIR [--root DIR] [--zoo-namespace NS]`: writes the C# files the source generator adds for these specs, under
/// the generator's hint names and byte for byte the same, because both call the same emitter with the same relative path.
/// </summary>
public static class EmitCommand
{
    /// <summary>What the generator adds its sources with: UTF-8 without a byte-order mark.</summary>
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CliContext context)
    {
        var paths = PathsArgument.Create();
        var output = new Option<string>("--out")
        {
            Description = "Folder to write the generated .g.cs files to (created if missing; files of the same name are overwritten).",
            Required = true,
        };
        var root = new Option<string?>("--root")
        {
            Description = "Folder spec paths are named relative to in file names and headers, like the generator's NfnetSpecRoot "
                          + "(default: the working directory).",
        };
        var zooNamespace = new Option<string>("--zoo-namespace")
        {
            Description = "Namespace of NfnetZoo, like the generator's NfnetZooNamespace (which defaults to the project's RootNamespace). "
                          + $"Default: {ModelEmitter.DefaultZooNamespace}, what the generator uses when the project names none.",
            DefaultValueFactory = _ => ModelEmitter.DefaultZooNamespace,
        };
        var command = new Command("emit", "Write the C# the source generator produces for the specs.") { paths, output, root, zooNamespace };
        command.SetAction(parse => Run(context, PathsArgument.Values(parse, paths), parse.GetValue(output)!, parse.GetValue(root), parse.GetValue(zooNamespace)!));
        return command;
    }

    private static int Run(CliContext context, IReadOnlyList<string> paths, string outputFolder, string? root, string zooNamespace)
    {
        if (!IdentifierRules.IsNamespace(zooNamespace))
        {
            context.Error.WriteLine($"nfnet: --zoo-namespace '{zooNamespace}' is not a C# namespace (dot-separated identifiers, such as MyApp.Models)");
            return ExitCodes.Usage;
        }
        if (!SpecSources.TryExpand(paths, context.WorkingDirectory, out var sources, out var error))
        {
            context.Error.WriteLine($"nfnet: {error}");
            return ExitCodes.Usage;
        }
        var rootFolder = Path.GetFullPath(root ?? ".", context.WorkingDirectory);
        if (!Directory.Exists(rootFolder))
        {
            context.Error.WriteLine($"nfnet: root '{root}' does not exist");
            return ExitCodes.Usage;
        }
        var compilations = SpecLoader.CompileAll(sources, context.Error);
        if (compilations is null)
            return ExitCodes.SpecErrors;

        var files = new List<GeneratedFile> { NfnetModelAttributeSource.Create() };
        var diagnostics = compilations.SelectMany(c => c.Diagnostics).ToList();
        var plans = new List<ModelPlan>();
        for (var i = 0; i < sources.Count; i++)
        {
            var relative = Path.GetRelativePath(rootFolder, sources[i].FullPath).Replace('\\', '/');
            foreach (var plan in compilations[i].Plans)
            {
                files.Add(ModelEmitter.EmitModel(plan, relative));
                plans.Add(plan);
            }
        }
        var clashes = DuplicateNames(plans);
        diagnostics.AddRange(clashes);
        // As in the generator: no registry when names clash (it could not compile), and none without variants.
        if (plans.Count > 0 && clashes.Count == 0)
            files.Add(ModelEmitter.EmitZoo(plans, zooNamespace));

        foreach (var diagnostic in diagnostics)
            context.Error.WriteLine(diagnostic.ToCanonicalString());
        var outputFull = Path.GetFullPath(outputFolder, context.WorkingDirectory);
        try
        {
            Directory.CreateDirectory(outputFull);
            foreach (var file in files)
                File.WriteAllText(Path.Combine(outputFull, file.HintName), file.Text, Utf8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"nfnet: cannot write to '{outputFolder}': {e.Message}");
            return ExitCodes.SpecErrors;
        }
        context.Out.WriteLine($"wrote {files.Count} file{(files.Count == 1 ? "" : "s")} to {outputFolder}");
        return diagnostics.Any(d => d.IsError) ? ExitCodes.SpecErrors : ExitCodes.Success;
    }

    /// <summary>Variants named alike in different files, which NfnetZoo cannot tell apart (the generator reports the same).</summary>
    private static List<SpecDiagnostic> DuplicateNames(IReadOnlyList<ModelPlan> plans) =>
        plans.GroupBy(p => p.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(p => DiagnosticCatalog.DuplicateVariant.At(SourceSpan.StartOf(p.SourcePath),
                $"variant '{g.Key}' is defined more than once ({string.Join(", ", g.Select(x => x.SourcePath).Distinct())}); NfnetZoo needs unique names")))
            .ToList();
}
