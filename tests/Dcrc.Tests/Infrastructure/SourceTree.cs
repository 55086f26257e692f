using System.Text.RegularExpressions;

namespace Dcrc.Tests.Infrastructure;

/// <summary>The C# and Razor sources of src/Dcrc, read from the checkout the test assembly was built in.</summary>
public static partial class SourceTree
{
    private static readonly Lazy<IReadOnlyList<(string Path, string Text)>> _files = new(() =>
    {
        var root = Path.Combine(RepositoryRoot(), "src", "Dcrc");
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal)
                        && !f.StartsWith("node_modules/", StringComparison.Ordinal) && !f.StartsWith("wwwroot/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllText(Path.Combine(root, f))))
            .ToList();
    });

    /// <summary>Paths relative to src/Dcrc with '/' separators, and their text.</summary>
    public static IReadOnlyList<(string Path, string Text)> Files => _files.Value;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dcrc.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Dcrc.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The text without comments (// and /* */), so that a name in a comment counts as no use.</summary>
    public static string WithoutComments(string text) => Comments().Replace(text, m => m.Value.StartsWith('"') ? m.Value : " ");

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""|//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();
}
