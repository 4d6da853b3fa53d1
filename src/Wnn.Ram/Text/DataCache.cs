using System.Globalization;

namespace Wnn.Ram.Text;

/// <summary>
/// The folder where fetched data and token caches live: <c>$WNN_DATA</c> when set, else <c>~/.cache/wnn</c>. Holds
/// <c>gpt2.tiktoken</c>, <c>brown/</c> (corpus files) and <c>tokens/</c> (<see cref="TokenCache"/>).
/// </summary>
public sealed class DataCache
{
    /// <summary>Environment variable that overrides the default folder.</summary>
    public const string EnvironmentVariable = "WNN_DATA";

    /// <summary>Uses <paramref name="root"/>, or the default folder when it is null or empty.</summary>
    public DataCache(string? root = null) => Root = Path.GetFullPath(string.IsNullOrWhiteSpace(root) ? DefaultRoot() : root);

    /// <summary>The folder.</summary>
    public string Root { get; }

    /// <summary>The GPT-2 rank file in tiktoken format.</summary>
    public string Gpt2RankFile => Path.Combine(Root, "gpt2.tiktoken");

    /// <summary>The Brown corpus folder (files ca01 … cr09).</summary>
    public string BrownDirectory => Path.Combine(Root, "brown");

    /// <summary>The token cache folder.</summary>
    public string TokensDirectory => Path.Combine(Root, "tokens");

    /// <summary><c>$WNN_DATA</c> when set, else <c>~/.cache/wnn</c>.</summary>
    public static string DefaultRoot()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "wnn");
    }

    /// <summary>What the cache holds: the GPT-2 ranks, the Brown corpus and every token cache file.</summary>
    public IReadOnlyList<CachedItem> List()
    {
        var items = new List<CachedItem>();
        var ranks = new FileInfo(Gpt2RankFile);
        items.Add(new CachedItem("gpt2", ranks.FullName, ranks.Exists, ranks.Exists ? ranks.Length : 0,
            ranks.Exists ? "GPT-2 BPE ranks (tiktoken format)" : "missing: run `./wnn data fetch gpt2`"));
        var brown = new DirectoryInfo(BrownDirectory);
        if (brown.Exists)
        {
            FileInfo[] files = brown.GetFiles();
            int corpus = files.Count(f => f.Name.Length == 4 && f.Name[0] == 'c' && char.IsAsciiDigit(f.Name[3]));
            items.Add(new CachedItem("brown", brown.FullName, true, files.Sum(f => f.Length), $"Brown corpus, {corpus} files"));
        }
        else
        {
            items.Add(new CachedItem("brown", brown.FullName, false, 0, "missing: run `./wnn data fetch brown`"));
        }

        var tokens = new DirectoryInfo(TokensDirectory);
        if (tokens.Exists)
        {
            foreach (FileInfo file in tokens.GetFiles("*.tokens").OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                string detail = TokenCache.ReadHeader(file.FullName) is var (tokenizer, vocabulary, count)
                    ? string.Create(CultureInfo.InvariantCulture, $"{count:N0} tokens, {tokenizer} (V={vocabulary})")
                    : "not a token cache file (ignored)";
                items.Add(new CachedItem("tokens", file.FullName, true, file.Length, detail));
            }
        }

        return items;
    }
}
