using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Eigenpal.Worker.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Eigenpal.Worker.Tests.Deployment;

/// <summary>
/// Checks docker-compose.yml and the Dockerfiles against the repository, since no Docker engine runs
/// in CI: the files they name exist and the services agree on names, keys, hosts and ports.
/// </summary>
public sealed partial class DockerComposeTests
{
    private static readonly string RepoRoot = RepositoryRoot.Directory;
    private static readonly YamlMappingNode Services = LoadServices();

    [Fact]
    public void Defines_postgres_simulator_and_worker()
    {
        Assert.Equal(["postgres", "simulator", "worker"], Services.Children.Keys.Select(Scalar).Order());
    }

    [Theory]
    [InlineData("simulator", "src/Eigenpal.Simulator/Dockerfile")]
    [InlineData("worker", "src/Eigenpal.Worker/Dockerfile")]
    public void Builds_from_a_dockerfile_that_exists(string service, string expectedDockerfile)
    {
        var (context, dockerfile) = BuildOf(service);

        Assert.Equal(RepoRoot, context);
        Assert.Equal(Path.Combine(RepoRoot, expectedDockerfile), dockerfile);
        Assert.True(File.Exists(dockerfile), $"{dockerfile} is missing");
    }

    [Theory]
    [InlineData("simulator")]
    [InlineData("worker")]
    public void Every_dockerfile_copy_source_exists_in_the_build_context(string service)
    {
        var (context, dockerfile) = BuildOf(service);
        var sources = CopySources(File.ReadAllText(dockerfile)).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(
            File.Exists(Path.Combine(context, source)) || Directory.Exists(Path.Combine(context, source)),
            $"{Path.GetFileName(dockerfile)} of {service} copies '{source}', which is not in the repository"));
    }

    [Theory]
    [InlineData("simulator", "src/Eigenpal.Simulator/Eigenpal.Simulator.csproj")]
    [InlineData("worker", "src/Eigenpal.Worker/Eigenpal.Worker.csproj")]
    public void Dockerfile_runs_the_published_assembly_as_a_non_root_user(string service, string project)
    {
        var text = File.ReadAllText(BuildOf(service).Dockerfile);
        var finalStage = text[text.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        var projectPath = Path.Combine(RepoRoot, project);
        var assemblyName = XDocument.Load(projectPath).Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault()
            ?? Path.GetFileNameWithoutExtension(projectPath);

        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", text);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0\b", finalStage);
        Assert.Matches(@"(?m)^USER \$APP_UID$", finalStage);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{assemblyName}.dll\"]", finalStage, StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_image_runs_the_worker_when_started_without_a_command()
    {
        var text = File.ReadAllText(BuildOf("worker").Dockerfile);

        Assert.Matches(@"(?m)^CMD \[""worker""\]$", text[text.LastIndexOf("\nFROM ", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void Worker_waits_for_healthy_postgres_and_simulator()
    {
        var dependsOn = Mapping(Service("worker"), "depends_on");

        foreach (var dependency in new[] { "postgres", "simulator" })
        {
            Assert.Equal("service_healthy", Scalar(Mapping(dependsOn, dependency)["condition"]));
            Assert.True(Service(dependency).Children.ContainsKey("healthcheck"), $"{dependency} has no healthcheck");
        }
    }

    [Fact]
    public void Worker_is_configured_with_the_documented_variable_names()
    {
        var names = Environment("worker").Keys;

        // Any setting about the database or the Eigenpal API must use one of these exact names:
        // a typo such as EIGENPAL_APIKEY or ConnectionStrings__Default would be silently ignored.
        var apiOrDatabase = names.Where(name =>
            name.Contains("EIGENPAL", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["ConnectionStrings__Eigenpal", "EIGENPAL_API_KEY", "EIGENPAL_BASE_URL"], apiOrDatabase.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Dashboard__AllowRemote", names);
    }

    [Fact]
    public void Worker_api_key_is_one_the_simulator_accepts()
    {
        var simulatorKeys = Environment("simulator")
            .Where(variable => SimulatorApiKeyName().IsMatch(variable.Key))
            .Select(variable => variable.Value)
            .ToList();

        Assert.NotEmpty(simulatorKeys);
        Assert.Contains(Environment("worker")["EIGENPAL_API_KEY"], simulatorKeys);
    }

    [Fact]
    public void Worker_base_url_points_at_the_simulator_service_and_port()
    {
        var baseUrl = new Uri(Environment("worker")["EIGENPAL_BASE_URL"]);

        Assert.True(Services.Children.ContainsKey(baseUrl.Host), $"no service named '{baseUrl.Host}'");
        Assert.Equal("simulator", baseUrl.Host);
        Assert.Contains(baseUrl.Port, ListeningPorts("simulator"));
    }

    [Fact]
    public void Worker_connection_string_matches_the_postgres_service()
    {
        var postgres = Environment("postgres");
        var settings = Environment("worker")["ConnectionStrings__Eigenpal"]
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);

        Assert.Equal("postgres", settings["Host"]);
        Assert.Equal("5432", settings["Port"]);
        Assert.Equal(postgres["POSTGRES_DB"], settings["Database"]);
        Assert.Equal(postgres["POSTGRES_USER"], settings["Username"]);
        Assert.Equal(postgres["POSTGRES_PASSWORD"], settings["Password"]);
    }

    [Theory]
    [InlineData("simulator", 5080)]
    [InlineData("worker", 5081)]
    public void Published_ports_agree_with_aspnetcore_urls(string service, int expectedPort)
    {
        var listening = ListeningPorts(service);
        var published = PublishedContainerPorts(service);

        Assert.Equal([expectedPort], listening);
        Assert.Equal(listening.Order(), published.Order());
    }

    private static YamlMappingNode Service(string name) => Mapping(Services, name);

    private static (string Context, string Dockerfile) BuildOf(string service)
    {
        var build = Mapping(Service(service), "build");
        var context = Path.GetFullPath(Path.Combine(RepoRoot, Scalar(build["context"])));
        var dockerfile = Path.GetFullPath(Path.Combine(context, Scalar(build["dockerfile"])));
        return (context.TrimEnd(Path.DirectorySeparatorChar), dockerfile);
    }

    private static Dictionary<string, string> Environment(string service)
    {
        var node = Service(service)["environment"];
        return node switch
        {
            YamlMappingNode map => map.Children.ToDictionary(pair => Scalar(pair.Key), pair => Scalar(pair.Value), StringComparer.Ordinal),
            YamlSequenceNode list => list.Children.Select(Scalar).Select(item => item.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : string.Empty, StringComparer.Ordinal),
            _ => throw new InvalidOperationException($"{service}.environment is neither a mapping nor a list"),
        };
    }

    private static List<int> ListeningPorts(string service) =>
        [.. Environment(service)["ASPNETCORE_URLS"]
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => new Uri(url.Replace("://+:", "://localhost:", StringComparison.Ordinal)
                .Replace("://*:", "://localhost:", StringComparison.Ordinal)).Port)];

    private static List<int> PublishedContainerPorts(string service)
    {
        var ports = (YamlSequenceNode)Service(service)["ports"];
        return [.. ports.Children.Select(port => port switch
        {
            // Long syntax: { target: 5080, published: "5080", host_ip: 127.0.0.1 }
            YamlMappingNode map => int.Parse(Scalar(map["target"]), System.Globalization.CultureInfo.InvariantCulture),
            // Short syntax: [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]
            _ => int.Parse(Scalar(port).Split('/')[0].Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture),
        })];
    }

    /// <summary>The source paths of every COPY/ADD that reads the build context (not another stage).</summary>
    private static IEnumerable<string> CopySources(string dockerfile)
    {
        var instructions = dockerfile.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n');
        foreach (var line in instructions.Select(l => l.Trim()))
        {
            var match = CopyInstruction().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var rest = match.Groups["args"].Value.Trim();
            var args = rest.StartsWith('[')
                ? JsonSerializer.Deserialize<string[]>(rest) ?? []
                : rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (args.Any(arg => arg.StartsWith("--from=", StringComparison.Ordinal)))
            {
                continue;
            }

            var paths = args.Where(arg => !arg.StartsWith("--", StringComparison.Ordinal)).ToArray();
            foreach (var source in paths[..^1])
            {
                yield return source.TrimEnd('/');
            }
        }
    }

    private static YamlMappingNode Mapping(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlMappingNode map
            ? map
            : throw new InvalidOperationException($"'{key}' is missing or not a mapping");

    private static string Scalar(YamlNode node) =>
        (node as YamlScalarNode)?.Value ?? throw new InvalidOperationException($"expected a scalar at {node.Start}");

    private static YamlMappingNode LoadServices()
    {
        using var reader = new StreamReader(Path.Combine(RepoRoot, "docker-compose.yml"));
        var yaml = new YamlStream();
        yaml.Load(reader);
        return Mapping((YamlMappingNode)yaml.Documents[0].RootNode, "services");
    }

    [GeneratedRegex(@"^(?:COPY|ADD)\s+(?<args>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex CopyInstruction();

    [GeneratedRegex(@"^Simulator__ApiKeys__\d+$")]
    private static partial Regex SimulatorApiKeyName();
}
