using System.IO;

namespace Nfnet.Cli;

/// <summary>
/// What a command writes to and where relative paths start. Passed in rather than read from
/// <see cref="System.Console"/> and <see cref="System.Environment.CurrentDirectory"/> so tests can run commands
/// in-process, in parallel, without touching process-wide state.
/// </summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, string WorkingDirectory);
