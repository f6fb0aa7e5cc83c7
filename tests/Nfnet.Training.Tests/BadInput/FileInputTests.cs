using System.IO;
using Nfnet.Cli;
using Xunit;

namespace Nfnet.Training.Tests.BadInput;

/// <summary>Missing or unusable files and folders are named in one line with a non-zero exit; none of these builds a model.</summary>
public class FileInputTests
{
    [Fact]
    public void A_missing_weights_file_is_named()
    {
        using var dir = new TempDirectory();
        BadInputCli.Rejects(dir.Path, ExitCodes.SpecErrors, new[] { "evaluate", "--weights", "nope.safetensors", "--data", "synthetic" },
            "nfnet evaluate: no such weights file: ", "nope.safetensors");
    }

    [Fact]
    public void A_folder_given_as_weights_is_named_as_a_folder()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("weights"));
        BadInputCli.Rejects(dir.Path, ExitCodes.SpecErrors, new[] { "evaluate", "--weights", "weights", "--data", "synthetic" },
            "is a folder, not a weights file");
    }

    [Fact]
    public void A_missing_image_is_named_before_the_weights_are_read()
    {
        using var dir = new TempDirectory();
        // The weights are missing too: the image is checked first, so its name is what the user sees.
        BadInputCli.Rejects(dir.Path, ExitCodes.SpecErrors, new[] { "predict", "--weights", "nope.safetensors", "cat.png" },
            "nfnet predict: no such image file 'cat.png'");
    }

    [Fact]
    public void A_missing_data_folder_is_named_by_train_and_evaluate()
    {
        using var dir = new TempDirectory();
        BadInputCli.Rejects(dir.Path, ExitCodes.SpecErrors, new[] { "train", "--data", "photos", "--out", "run" }, "--data 'photos': no such folder");
        BadInputCli.Rejects(dir.Path, ExitCodes.SpecErrors, new[] { "evaluate", "--weights", "w.safetensors", "--data", "photos" },
            "nfnet evaluate: --data 'photos': no such folder");
    }

    [Fact]
    public void A_data_folder_without_class_subfolders_or_images_is_explained()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("flat"));
        File.WriteAllText(dir.File("flat/readme.txt"), "no classes here");
        Directory.CreateDirectory(dir.File("imageless/cat"));
        File.WriteAllText(dir.File("imageless/cat/notes.txt"), "not an image");

        BadInputCli.Rejects(dir.Path, ExitCodes.SpecErrors, new[] { "train", "--data", "flat", "--out", "run" }, "has no class subfolders");
        BadInputCli.Rejects(dir.Path, ExitCodes.SpecErrors, new[] { "train", "--data", "imageless", "--out", "run" },
            "imageless has no images (.png, .jpg, .jpeg, .bmp) in its class subfolders");
    }

    [Fact]
    public void An_out_path_that_is_a_file_is_refused_by_train_and_spp()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("taken"), "a file");
        BadInputCli.Rejects(dir.Path, ExitCodes.Usage, new[] { "train", "--out", "taken" }, "nfnet train: --out 'taken' is a file; it must be a folder");
        BadInputCli.Rejects(dir.Path, ExitCodes.Usage, new[] { "spp", "F0", "--out", "taken" }, "nfnet spp: --out 'taken' is a file; it must be a folder");
        Assert.Equal("a file", File.ReadAllText(dir.File("taken")));
    }

    [Fact]
    public void A_missing_spec_is_named()
    {
        using var dir = new TempDirectory();
        BadInputCli.Rejects(dir.Path, ExitCodes.SpecErrors, new[] { "train", "--spec", "nope.nfnet.yaml", "--variant", "T" },
            "nfnet train: --spec '", "nope.nfnet.yaml': no such file");
    }

    [Fact]
    public void An_invalid_spec_prints_its_diagnostics_in_canonical_form()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.nfnet.yaml"), TinySpec.Yaml.Replace("depth: [1, 2]", "depht: [1, 2]", System.StringComparison.Ordinal));
        var error = BadInputCli.Rejects(dir.Path, ExitCodes.SpecErrors,
            new[] { "evaluate", "--spec", "bad.nfnet.yaml", "--variant", "T", "--weights", "w.safetensors", "--data", "synthetic" },
            "nfnet evaluate: ", "bad.nfnet.yaml(", "): error NFN", "'depht'");
        Assert.DoesNotContain("no such weights file", error);
    }
}
