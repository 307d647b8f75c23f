using Microsoft.Extensions.Configuration;
using TimeTracker.Server;

namespace TimeTracker.Tests.Unit;

/// <summary>
/// The Server's builder does not watch its configuration files: the watcher covers the content root recursively, and
/// the SQLite database under it would wake it on every write.
/// </summary>
public sealed class ServerBuilderTests
{
    [Fact]
    public void Configuration_files_are_read_once_not_watched()
    {
        var builder = ServerSetup.CreateServerBuilder(["--urls", "http://127.0.0.1:0"]);
        var files = builder.Configuration.Sources.OfType<FileConfigurationSource>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, source => Assert.False(source.ReloadOnChange, source.Path));
        Assert.Equal("http://127.0.0.1:0", builder.Configuration["urls"]);
    }

    [Fact]
    public void The_shipped_settings_apply_when_started_from_another_directory_and_the_command_line_still_wins()
    {
        var elsewhere = Directory.CreateTempSubdirectory("server-cwd").FullName;
        try
        {
            var builder = ServerSetup.CreateServerBuilder(["--contentRoot", elsewhere,
                "--Logging:LogLevel:Default", "Warning"]);

            Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
            Assert.Equal("Warning", builder.Configuration["Logging:LogLevel:Default"]);
            Assert.Equal(elsewhere, builder.Environment.ContentRootPath.TrimEnd(Path.DirectorySeparatorChar));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
