using System.Diagnostics;
using System.Text.RegularExpressions;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Contract;

/// <summary>
/// The project explains itself: comments cite documents in the repository (docs/), never the team's own notes
/// outside it, and every citation of a file in docs/ (with an optional section after a comma) names a real file and
/// one of its "##" sections. This file is left out of the scan: it spells the patterns it looks for.
/// </summary>
public sealed partial class DocumentationTests
{
    [GeneratedRegex(@"DESIGN(\.md)? ?§|DESIGN\.md|\bseeds?\s*0\d\d|shared/seeds|\.\./shared")]
    private static partial Regex OutsideDocument();

    [GeneratedRegex(@"docs/(?<file>[A-Z]+\.md)(?:, (?<section>[A-Z][^.;:)<]*))?")]
    private static partial Regex Citation();

    private static IEnumerable<(string Path, string Text)> TrackedSources()
    {
        var start = new ProcessStartInfo("git", ["ls-files", "*.cs", "*.props", "*.csproj", "*.bicep", "*.js", "*.rsp", "*.yaml", "*.json"])
        {
            RedirectStandardOutput = true, WorkingDirectory = RepositoryRoot.Path,
        };
        using var git = Process.Start(start)!;
        var files = git.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
        return files.Where(f => !f.EndsWith("package-lock.json") && !f.EndsWith("Contract/DocumentationTests.cs")).Select(f => (f, File.ReadAllText(Path.Combine(RepositoryRoot.Path, f))));
    }

    [Fact]
    public void No_source_cites_a_document_outside_the_repository()
    {
        var offenders = TrackedSources().SelectMany(f => f.Text.Split('\n').Select((line, i) => (f.Path, Line: i + 1, Text: line)))
            .Where(l => OutsideDocument().IsMatch(l.Text)).Select(l => $"{l.Path}:{l.Line}: {l.Text.Trim()}").ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void Every_cited_document_and_section_exists()
    {
        var citations = TrackedSources().SelectMany(f => Citation().Matches(f.Text).Select(m => (f.Path, m))).ToList();
        Assert.NotEmpty(citations);
        foreach (var (path, match) in citations)
        {
            var document = Path.Combine(RepositoryRoot.Path, "docs", match.Groups["file"].Value);
            Assert.True(File.Exists(document), $"{path} cites {match.Value}, which does not exist");
            if (!match.Groups["section"].Success) continue;
            var headings = File.ReadAllLines(document).Where(l => l.StartsWith("## ")).Select(l => l[3..]);
            Assert.True(headings.Any(h => match.Groups["section"].Value.StartsWith(Title(h), StringComparison.Ordinal)),
                $"{path} cites {match.Value}; {match.Groups["file"].Value} has no such section");
        }
    }

    /// <summary>"Work-time analysis — TrackPilots" and "Attendance (camelCase…)" are cited by their first words.</summary>
    private static string Title(string heading) => heading.Split([" — ", " ("], StringSplitOptions.None)[0];
}
