namespace Nfnet.Dsl.Diagnostics;

public enum Severity
{
    Warning,
    Error,
    /// <summary>A note: worth knowing, never a build warning (the IDE shows it as a message).</summary>
    Info,
}
