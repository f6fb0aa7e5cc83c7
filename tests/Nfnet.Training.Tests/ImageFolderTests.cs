using System.IO;
using System.Linq;
using Nfnet.Imaging;
using Nfnet.Training.Data;
using SkiaSharp;
using Xunit;

namespace Nfnet.Training.Tests;

public class ImageFolderTests
{
    private static void WriteSolid(string path, int width, int height, SKColor colour, SKEncodedImageFormat format)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        File.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>red/ holds 6 red PNGs (one corrupt file too), blue/ holds 4 blue JPEGs.</summary>
    private static void WriteFolder(string root)
    {
        for (int i = 0; i < 6; i++) WriteSolid(Path.Combine(root, "red", $"r{i}.png"), 40 + i, 30, new SKColor(255, 0, 0), SKEncodedImageFormat.Png);
        for (int i = 0; i < 4; i++) WriteSolid(Path.Combine(root, "blue", $"b{i}.jpg"), 30, 50, new SKColor(0, 0, 255), SKEncodedImageFormat.Jpeg);
        File.WriteAllBytes(Path.Combine(root, "red", "broken.png"), new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 });
        File.WriteAllText(Path.Combine(root, "red", "notes.txt"), "not an image, not listed");
    }

    [Fact]
    public void Classes_are_sorted_folder_names_and_a_corrupt_file_is_reported_and_skipped()
    {
        using var dir = new TempDirectory();
        WriteFolder(dir.Path);
        var warnings = new StringWriter();

        var folder = ImageFolder.Scan(dir.Path, heldOutFraction: 0.25, seed: 1, warnings);
        var train = folder.Train(16);
        var heldOut = folder.HeldOut(16);

        Assert.Equal(new[] { "blue", "red" }, folder.ClassNames);
        // 7 red files (one broken) and 4 blue: round(7·0.25) = 2 and round(4·0.25) = 1 held out.
        Assert.Equal(11, folder.TrainFiles.Count + folder.HeldOutFiles.Count);
        Assert.Equal(3, folder.HeldOutFiles.Count);
        Assert.Empty(folder.TrainFiles.Select(f => f.Path).Intersect(folder.HeldOutFiles.Select(f => f.Path)));
        Assert.Equal(10, train.Count + heldOut.Count);
        var skipped = Assert.Single(train.Skipped.Concat(heldOut.Skipped));
        Assert.EndsWith("broken.png", skipped);
        Assert.Contains("broken.png", warnings.ToString());
    }

    [Fact]
    public void Pixels_are_imagenet_normalized_rgb_in_chw_order()
    {
        using var dir = new TempDirectory();
        WriteFolder(dir.Path);
        var set = ImageFolder.ForEvaluation(dir.Path, 8, TextWriter.Null);
        int red = set.Files.Select((f, i) => (f, i)).First(p => p.f.Path.EndsWith("r0.png")).i;
        int blue = set.Files.Select((f, i) => (f, i)).First(p => p.f.Path.EndsWith("b0.jpg")).i;
        var pixels = new float[3 * 8 * 8];

        set.Load(red, pixels, null);
        Assert.Equal(1, set.LabelOf(red));
        Assert.All(pixels[..64], v => Assert.Equal((1f - 0.485f) / 0.229f, v, 5));
        Assert.All(pixels[64..128], v => Assert.Equal((0f - 0.456f) / 0.224f, v, 5));
        Assert.All(pixels[128..], v => Assert.Equal((0f - 0.406f) / 0.225f, v, 5));

        // JPEG is lossy: within a few levels of pure blue.
        set.Load(blue, pixels, null);
        Assert.Equal(0, set.LabelOf(blue));
        Assert.All(pixels[128..], v => Assert.InRange(v * 0.225f + 0.406f, 0.95f, 1.0001f));
        Assert.All(pixels[..64], v => Assert.InRange(v * 0.229f + 0.485f, -0.0001f, 0.05f));
    }

    [Fact]
    public void Train_and_val_subfolders_are_used_as_the_split()
    {
        using var dir = new TempDirectory();
        WriteFolder(Path.Combine(dir.Path, "train"));
        WriteSolid(Path.Combine(dir.Path, "val", "red", "v.png"), 20, 20, new SKColor(255, 0, 0), SKEncodedImageFormat.Png);

        var folder = ImageFolder.Scan(dir.Path, 0.5, 1, TextWriter.Null);

        Assert.Equal(11, folder.TrainFiles.Count);
        Assert.Equal(1, Assert.Single(folder.HeldOutFiles).Label);
    }

    [Fact]
    public void Downscaling_uses_a_triangle_filter_as_wide_as_the_scale_factor()
    {
        // 4×4 image of four constant 2×2 quadrants halved to 2×2. With scale 1/2 the triangle filter has radius 2
        // source pixels, so output pixel 0 weighs source pixels 0, 1, 2 (centres 0.5, 1.5, 2.5 around 1.0) by
        // 0.75, 0.75, 0.25 (sum 1.75), as PIL's antialiased bilinear does. By hand, rows then columns:
        //   top rows [10 10 60 60] → 30/1.75 = 17.143 and 92.5/1.75 = 52.857; bottom rows [110 110 250 250] → 130, 230;
        //   then vertically (1.5·17.143 + 0.25·130)/1.75 = 33.27, (1.5·52.857 + 0.25·230)/1.75 = 78.16,
        //   (0.25·17.143 + 1.5·130)/1.75 = 113.88, (0.25·52.857 + 1.5·230)/1.75 = 204.69.
        var rgb = new byte[4 * 4 * 3];
        byte[] quadrant = { 10, 60, 110, 250 };
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++)
                for (int c = 0; c < 3; c++)
                    rgb[(y * 4 + x) * 3 + c] = quadrant[(y / 2) * 2 + x / 2];

        var half = ImageResize.ShorterSideThenCenterCrop(rgb, 4, 4, 2, 2);

        Assert.Equal(new byte[] { 33, 33, 33, 78, 78, 78, 114, 114, 114, 205, 205, 205 }, half);
    }

    [Fact]
    public void Resize_then_centre_crop_keeps_the_middle_of_the_longer_side()
    {
        // 6 wide × 2 high, columns 0..5 valued 0, 50, 100, 150, 200, 250: shorter side stays 2, the crop keeps columns 2 and 3.
        var rgb = new byte[6 * 2 * 3];
        for (int y = 0; y < 2; y++)
            for (int x = 0; x < 6; x++)
                for (int c = 0; c < 3; c++)
                    rgb[(y * 6 + x) * 3 + c] = (byte)(50 * x);

        var crop = ImageResize.ShorterSideThenCenterCrop(rgb, 6, 2, 2, 2);

        Assert.Equal(new byte[] { 100, 100, 100, 150, 150, 150, 100, 100, 100, 150, 150, 150 }, crop);
    }
}
