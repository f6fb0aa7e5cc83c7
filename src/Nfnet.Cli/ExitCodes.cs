namespace Nfnet.Cli;

/// <summary>The process exit codes every command uses; scripts and CI branch on them, so they never change.</summary>
public static class ExitCodes
{
    /// <summary>Every spec compiled without errors (warnings are allowed).</summary>
    public const int Success = 0;

    /// <summary>At least one spec has an error, or a spec file could not be read.</summary>
    public const int SpecErrors = 1;

    /// <summary>The command line itself is wrong: an unknown option or command, or a path that does not exist.</summary>
    public const int Usage = 2;
}
