using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wnn.Reports.Tests;

public sealed partial class ExportTests
{
    // The rules of nbformat's v4.5 JSON schema (nbformat/v4/nbformat.v4.5.schema.json) that a written notebook touches.
    private static void AssertValidNotebook(JsonElement nb)
    {
        Assert.Equal(["metadata", "nbformat", "nbformat_minor", "cells"], nb.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4, nb.GetProperty("nbformat").GetInt32());
        Assert.True(nb.GetProperty("nbformat_minor").GetInt32() >= 5);
        JsonElement kernel = nb.GetProperty("metadata").GetProperty("kernelspec");
        Assert.Equal(JsonValueKind.String, kernel.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.String, kernel.GetProperty("display_name").ValueKind);
        Assert.Equal(JsonValueKind.String, nb.GetProperty("metadata").GetProperty("language_info").GetProperty("name").ValueKind);
        var ids = new HashSet<string>();
        foreach (JsonElement cell in nb.GetProperty("cells").EnumerateArray())
        {
            string type = cell.GetProperty("cell_type").GetString()!;
            string[] allowed = type == "code" ? ["id", "cell_type", "metadata", "source", "outputs", "execution_count"] : ["id", "cell_type", "metadata", "source", "attachments"];
            string[] required = type == "code" ? allowed : allowed[..4];
            Assert.Contains(type, new[] { "code", "markdown", "raw" });
            Assert.All(cell.EnumerateObject(), p => Assert.Contains(p.Name, allowed));
            Assert.All(required, r => Assert.True(cell.TryGetProperty(r, out _), $"{type} cell lacks {r}"));
            string id = cell.GetProperty("id").GetString()!;
            Assert.Matches(CellId(), id);
            Assert.True(ids.Add(id), $"cell id {id} repeats");
            Assert.Equal(JsonValueKind.Object, cell.GetProperty("metadata").ValueKind);
            JsonElement source = cell.GetProperty("source");
            Assert.True(source.ValueKind == JsonValueKind.String || source.EnumerateArray().All(l => l.ValueKind == JsonValueKind.String));
            if (type == "code")
            {
                Assert.Equal(JsonValueKind.Array, cell.GetProperty("outputs").ValueKind);
                Assert.Contains(cell.GetProperty("execution_count").ValueKind, new[] { JsonValueKind.Null, JsonValueKind.Number });
            }
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9-_]{1,64}$")]
    private static partial Regex CellId();

    private static (int Code, string Out) Python(string script)
    {
        // Debian's python3 (the pyenv one on PATH may lack the standard modules the system has).
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using Process p = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
        p.StandardInput.Write(script);
        p.StandardInput.Close();
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    [Fact]
    public void The_notebook_is_valid_nbformat_4_5_and_its_cells_run_or_compile_in_python()
    {
        using var tiny = new TinyStudy();
        string text = NotebookReport.Write(tiny.Report());
        using JsonDocument doc = JsonDocument.Parse(text);
        AssertValidNotebook(doc.RootElement);
        string[] code = [.. doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString())))];
        Assert.Equal(7, code.Length);

        // The data cell needs only the standard library: run it. The plotting cells need pandas and matplotlib (not
        // installed here): compile them, which catches any syntax error.
        string path = Path.Combine(tiny.Dir, "cells.json");
        File.WriteAllText(path, JsonSerializer.Serialize(code));
        (int rc, string output) = Python($"import json\ncells = json.load(open({JsonSerializer.Serialize(path)}))\nns = {{}}\nexec(cells[0], ns)\nfor i, c in enumerate(cells[1:]):\n    compile(c, f'cell{{i}}', 'exec')\nprint(ns['objective'], ns['minimize'], sorted(ns['trials'][0]['params']), ns['trials'][5].get('intermediate'))\n");
        Assert.True(rc == 0, output);
        Assert.Equal("6 trials; 4 complete\nvalue True ['lr', 'x'] {'0': 90, '1': 80}\n", output);
    }

    [Fact]
    public async Task A_figure_renders_to_a_png_of_the_svg_size_with_chromium()
    {
        string chromium = PngExport.FindChromium() ?? throw new InvalidOperationException("chromium is not installed (Debian's chromium, as the dashboard tests use); PNG export needs it");
        using var tiny = new TinyStudy();
        ReportFigure history = ReportFigures.Render(tiny.Report())[0];
        string svg = Path.Combine(tiny.Dir, "history.svg"), png = Path.Combine(tiny.Dir, "history.png");
        File.WriteAllText(svg, history.Svg);
        await PngExport.RenderAsync(chromium, svg, png, CancellationToken.None);
        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        int height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
        Assert.Equal(PngExport.Size(history.Svg), (width, height));
        Assert.Equal((720, 420), (width, height));
        Assert.True(bytes.Length > 5000, $"{bytes.Length} bytes: too small for a drawn chart");
        Assert.False(File.Exists(png + ".tmp.png"));

        IOException e = await Assert.ThrowsAsync<IOException>(() => PngExport.RenderAsync("/bin/false", svg, Path.Combine(tiny.Dir, "x.png"), CancellationToken.None));
        Assert.Contains("/bin/false exited with 1", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(tiny.Dir, "x.png")));
    }
}
