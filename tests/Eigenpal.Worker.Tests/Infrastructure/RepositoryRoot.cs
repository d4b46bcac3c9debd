namespace Eigenpal.Worker.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Directory { get; } = Find();

    public static string Path(string relative) => System.IO.Path.Combine(Directory, relative);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Eigenpal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Eigenpal.sln not found above " + AppContext.BaseDirectory);
    }
}
