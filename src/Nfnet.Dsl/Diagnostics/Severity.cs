namespace Nfnet.Dsl.Diagnostics;

public enum Severity
{
    Warning,
    Error,
}
