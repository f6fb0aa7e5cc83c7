using System;
using Nfnet.Serving;

namespace Nfnet.Serving.Probe;

/// <summary>`probe MODEL IMAGE...`: the top-5 of each image, printed as `nfnet predict` prints them, then what the process loaded.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: probe MODEL IMAGE...");
            return 2;
        }
        using (var classifier = OnnxClassifier.Open(args[0]))
        {
            foreach (var image in args[1..])
            {
                Console.WriteLine(image);
                var ranked = classifier.Classify(image, 5);
                for (int k = 0; k < ranked.Count; k++)
                    Console.WriteLine($"  {k + 1}. {ranked[k].ClassName,-24} {ranked[k].Probability * 100,6:F2}%");
            }
        }
        Console.Write(LoadReport.Text());
        return 0;
    }
}
