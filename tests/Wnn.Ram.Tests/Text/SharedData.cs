namespace Wnn.Ram.Tests.Text;

/// <summary>Locates the workplace's shared test data: ../shared/data relative to the repository root (where Wnn.slnx is).</summary>
internal static class SharedData
{
    public static string Directory { get; } = Locate();

    public static string Gpt2RankFile => Path.Combine(Directory, "tokenizers", "gpt2.tiktoken");

    public static string Gpt2Vectors => Path.Combine(Directory, "tokenizers", "gpt2-vectors.json");

    public static string WikiText(string split) => Path.Combine(Directory, "wikitext-2", split);

    private static string Locate()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Wnn.slnx")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException($"no Wnn.slnx above {AppContext.BaseDirectory}; cannot find the repository root");
        }

        string data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        if (!System.IO.Directory.Exists(data))
        {
            throw new InvalidOperationException(
                $"shared test data is missing: expected {data} (../shared/data next to the repository root)");
        }

        return data;
    }
}
