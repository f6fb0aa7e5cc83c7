using Nfnet.Dsl.Attributes;
using Nfnet.Dsl.Common;

namespace Nfnet.Generators.Models;

/// <summary>What an [NfnetModel] class gives the pipeline: its spec, or why it cannot be completed (then Spec is null).</summary>
internal sealed record AttributeExtraction(AttributeSpec? Spec, bool IsInternal, EquatableArray<DiagnosticInfo> Diagnostics);

