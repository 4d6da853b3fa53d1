using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Wnn.Reports;

/// <summary>
/// Renders SVG figures to PNG with a headless Chromium (Debian's <c>chromium</c>, or the binary named by
/// <c>WNN_CHROMIUM</c>), one screenshot per figure at the SVG's own width and height. Each PNG is written to a temporary
/// name and renamed, so a failed render never leaves a partial file.
/// </summary>
public static partial class PngExport
{
    /// <summary>The Chromium binary to use, or null when none is installed.</summary>
    public static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable("WNN_CHROMIUM") is { Length: > 0 } named)
        {
            return File.Exists(named) ? named : null;
        }

        string[] dirs = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new[] { "chromium", "chromium-browser", "google-chrome" }.SelectMany(n => dirs.Select(d => Path.Combine(d, n))).FirstOrDefault(File.Exists);
    }

    /// <summary>The width and height attributes of an SVG document's root element (pixels), or 720 × 420.</summary>
    public static (int Width, int Height) Size(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        Match m = SizePattern().Match(svg);
        return m.Success
            ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            : (720, 420);
    }

    /// <summary>Renders <paramref name="svgPath"/> to <paramref name="pngPath"/>; throws <see cref="IOException"/> naming what failed.</summary>
    public static async Task RenderAsync(string chromium, string svgPath, string pngPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chromium);
        (int width, int height) = Size(await File.ReadAllTextAsync(svgPath, ct).ConfigureAwait(false));
        string profile = Path.Combine(Path.GetTempPath(), "wnn-chromium-" + Guid.NewGuid().ToString("N"));
        string temp = pngPath + ".tmp.png";
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1", "--no-first-run",
            "--user-data-dir=" + profile, $"--window-size={width},{height}", "--screenshot=" + temp, new Uri(Path.GetFullPath(svgPath)).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using Process process = Process.Start(start) ?? throw new IOException($"cannot start {chromium}");
            Task<string> stderr = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(60));
                try
                {
                    await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw new IOException($"{chromium} did not render {svgPath} within 60 s");
                }
            }

            if (process.ExitCode != 0 || !File.Exists(temp))
            {
                string last = (await stderr.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
                throw new IOException($"{chromium} exited with {process.ExitCode} rendering {svgPath}: {last}");
            }

            File.Move(temp, pngPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be closing its profile; a leftover temp directory is harmless.
            }
        }
    }

    [GeneratedRegex("<svg[^>]*?\\swidth=\"(\\d+)\"[^>]*?\\sheight=\"(\\d+)\"")]
    private static partial Regex SizePattern();
}
