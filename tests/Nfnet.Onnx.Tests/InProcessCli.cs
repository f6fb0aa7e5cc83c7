using System.IO;
using Nfnet.Cli;

namespace Nfnet.Onnx.Tests;

/// <summary>The nfnet command line run in this process, as a user runs it in <c>folder</c>.</summary>
internal static class InProcessCli
{
    /// <summary>Exit code, stdout (with \n line ends) and stderr of `nfnet ARGS`.</summary>
    public static (int Code, string Out, string Error) Run(string folder, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, new CliContext(output, error, folder));
        return (code, output.ToString().Replace("\r\n", "\n"), error.ToString());
    }
}
