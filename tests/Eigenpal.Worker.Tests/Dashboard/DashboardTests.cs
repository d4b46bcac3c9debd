namespace Eigenpal.Worker.Tests.Dashboard;

/// <summary>The dashboard test classes share one seeded store and one worker process (seeding takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardTests : ICollectionFixture<SeededDashboard>
{
    public const string Name = "dashboard";
}
