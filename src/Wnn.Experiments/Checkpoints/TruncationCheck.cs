using System.Text.Json;

namespace Wnn.Experiments.Checkpoints;

/// <summary>
/// Tells a truncated JSON file (gzipped or not) from a corrupt one: the content read is a valid beginning of a JSON
/// document that stops before the document ends. .NET's gzip reader ends quietly at a cut, so the JSON is what shows it.
/// </summary>
internal static class TruncationCheck
{
    /// <summary>Whether the (decompressed) content of <paramref name="resolved"/> is an unfinished prefix of a JSON document.</summary>
    public static bool EndsEarly(string resolved)
    {
        try
        {
            using Stream stream = CheckpointFile.OpenRead(resolved);
            byte[] buffer = new byte[1 << 16];
            int length = 0;
            var state = default(JsonReaderState);
            bool anyToken = false;
            int depth = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                int n = stream.Read(buffer, length, buffer.Length - length);
                if (n == 0)
                {
                    // Nothing at all, an open object or array, or a token cut in the middle.
                    return !anyToken || length > 0 || depth > 0;
                }

                length += n;
                var reader = new Utf8JsonReader(buffer.AsSpan(0, length), isFinalBlock: false, state);
                while (reader.Read())
                {
                    anyToken = true;
                    depth += reader.TokenType switch
                    {
                        JsonTokenType.StartObject or JsonTokenType.StartArray => 1,
                        JsonTokenType.EndObject or JsonTokenType.EndArray => -1,
                        _ => 0,
                    };
                    if (depth == 0)
                    {
                        return false; // the document is complete; whatever is wrong, it is not a cut
                    }
                }

                state = reader.CurrentState;
                int consumed = (int)reader.BytesConsumed;
                Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
                length -= consumed;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException or CheckpointException)
        {
            return false;
        }
    }
}
