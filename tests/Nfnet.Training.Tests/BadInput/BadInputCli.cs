using System.IO;
using Nfnet.Cli;
using Xunit;

namespace Nfnet.Training.Tests.BadInput;

/// <summary>Runs `nfnet` in-process and checks what every rejection must share: the exit code, the message, no stack trace.</summary>
internal static class BadInputCli
{
    public static (int Code, string Out, string Error) Run(string workingDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, new CliContext(output, error, workingDirectory));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <paramref name="args"/> and asserts the exit code, that stderr contains every fragment, and that no stack trace leaked.</summary>
    public static string Rejects(string workingDirectory, int exitCode, string[] args, params string[] fragments)
    {
        var (code, output, error) = Run(workingDirectory, args);
        Assert.True(code == exitCode, $"exit {code}, expected {exitCode}; stderr: {error}");
        foreach (var fragment in fragments)
            Assert.Contains(fragment, error);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("   at ", output);
        return error;
    }
}
