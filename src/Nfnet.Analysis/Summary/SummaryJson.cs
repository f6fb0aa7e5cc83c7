using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Nfnet.Analysis.Summary;

/// <summary>Writes the summary document as indented camelCase JSON.</summary>
public static class SummaryJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // The default encoder escapes '+' (HTML safety), which would print "F0\u002B"; this JSON is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter writer, SummaryDocument document) =>
        writer.WriteLine(JsonSerializer.Serialize(document, Options));
}
