using System.Text;

namespace Nfnet.Dsl.Emit;

/// <summary>An indentation-aware text builder that always writes '\n', whatever the platform.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
            _builder.Append(' ', _indent * 4).Append(text);
        _builder.Append('\n');
        return this;
    }

    public SourceWriter Open(string text = "{")
    {
        Line(text);
        _indent++;
        return this;
    }

    public SourceWriter Close(string text = "}")
    {
        _indent--;
        return Line(text);
    }

    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    public SourceWriter Dedent()
    {
        _indent--;
        return this;
    }

    public override string ToString() => _builder.ToString();
}
