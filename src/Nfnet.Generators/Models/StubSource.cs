using Nfnet.Dsl.Emit;

namespace Nfnet.Generators.Models;

/// <summary>One stub class to write (see <see cref="ModelStubs"/>).</summary>
/// <param name="OriginPath">The spec (or attributed C# file) relative to the spec root, as its messages name it.</param>
/// <param name="CompletesUserClass">True for an [NfnetModel] class: the stub is the generated part of the user's class.</param>
internal sealed record StubSource(ModelStub Stub, string OriginPath, string HintName, bool CompletesUserClass);
