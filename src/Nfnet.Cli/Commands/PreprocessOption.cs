using System.CommandLine;

namespace Nfnet.Cli.Commands;

/// <summary>`--preprocess deepmind|timm`: the evaluation preprocessing preset of evaluate and predict.</summary>
public static class PreprocessOption
{
    public static Option<string> Create() => new Option<string>("--preprocess")
    {
        Description = "Evaluation preprocessing: 'deepmind' (shorter side to size + 32, centre crop, as the paper) or 'timm' (the variant's "
                      + "crop_pct and crop mode, bicubic, its mean/std: what timm's pretrained weights expect).",
        DefaultValueFactory = _ => "deepmind",
    }.AcceptOnlyFromAmong("deepmind", "timm");
}
