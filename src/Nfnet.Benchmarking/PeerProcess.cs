using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Nfnet.Benchmarking;

/// <summary>The peer could not be started or stopped answering.</summary>
public sealed class PeerFailedException : Exception
{
    public PeerFailedException(string message) : base(message) { }
}

/// <summary>
/// A PyTorch peer (benchmarks/timm-peer/nfnet_peer.py --serve) kept running beside us: it builds its model once, then
/// runs one round per request line ("train" or "eval") and answers one JSON line, so its rounds interleave with ours
/// and load on the machine falls on both alike. Only one side computes at a time: the other waits on the pipe.
/// </summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private PeerProcess(Process process) => _process = process;

    /// <summary>What the peer says it runs (its model and PyTorch version).</summary>
    public string Description { get; private set; } = "peer";

    /// <summary>Starts the peer for <paramref name="settings"/>' sizes and threads; waits for it to build its model.</summary>
    public static PeerProcess Start(BenchSettings settings, string peerVariant)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.PeerScript is null) throw new ArgumentException("No peer script.", nameof(settings));
        if (!File.Exists(settings.PeerScript)) throw new PeerFailedException($"peer script '{settings.PeerScript}' does not exist");
        var start = new ProcessStartInfo(settings.PeerPython)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(settings, peerVariant)) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PeerFailedException($"could not start {settings.PeerPython}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PeerFailedException($"could not start {settings.PeerPython}: {e.Message}");
        }
        var peer = new PeerProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (peer._stderr) peer._stderr.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        var hello = peer.ReadReply("start");
        peer.Description = hello.TryGetProperty("peer", out var description) ? description.GetString() ?? "peer" : "peer";
        return peer;
    }

    /// <summary>Runs one round of <paramref name="phase"/> ("train" or "eval") in the peer; its JSON answer.</summary>
    public JsonElement Run(string phase)
    {
        try
        {
            _process.StandardInput.WriteLine(phase);
            _process.StandardInput.Flush();
        }
        catch (IOException)
        {
            throw Failed(phase);
        }
        return ReadReply(phase);
    }

    private static IEnumerable<string> Arguments(BenchSettings s, string peerVariant)
    {
        string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
        return new[]
        {
            "-u", s.PeerScript!, "--serve", "--variant", peerVariant, "--batch", Number(s.Batch), "--image-size", Number(s.ImageSize),
            "--eval-batch", Number(s.EvalBatch), "--eval-size", Number(s.EvalSize), "--threads", Number(s.Threads),
            "--seed", s.Seed.ToString(CultureInfo.InvariantCulture),
        };
    }

    private JsonElement ReadReply(string phase)
    {
        var line = _process.StandardOutput.ReadLine();
        if (line is null) throw Failed(phase);
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement.Clone();
            if (root.TryGetProperty("error", out var error)) throw new PeerFailedException($"peer: {error.GetString()}");
            return root;
        }
        catch (JsonException)
        {
            throw new PeerFailedException($"peer answered '{line}' to '{phase}', not a JSON line");
        }
    }

    private PeerFailedException Failed(string phase)
    {
        _process.WaitForExit(5000);
        string tail;
        lock (_stderr) tail = _stderr.ToString().Trim();
        if (tail.Length > 2000) tail = tail[^2000..];
        var exit = _process.HasExited ? $" (exit code {_process.ExitCode})" : "";
        return new PeerFailedException($"peer stopped during '{phase}'{exit}{(tail.Length > 0 ? ":\n" + tail : "")}");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
        }
        _process.Dispose();
    }
}
