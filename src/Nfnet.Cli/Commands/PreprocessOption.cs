using System.CommandLine;
using System.Linq;
using Nfnet.Imaging;

namespace Nfnet.Cli.Commands;

/// <summary>`--preprocess deepmind|timm`: the evaluation preprocessing preset of evaluate, predict and export.</summary>
public static class PreprocessOption
{
    public static Option<string> Create() => new Option<string>("--preprocess")
    {
        Description = "Evaluation preprocessing: 'deepmind' (shorter side to size + 32, centre crop, as the paper) or 'timm' (the variant's "
                      + "crop_pct and crop mode, bicubic, its mean/std: what timm's pretrained weights expect).",
        DefaultValueFactory = _ => PreprocessPreset.DeepMindName,
    }.AcceptOnlyFromAmong(PreprocessPreset.Names.ToArray());
}
