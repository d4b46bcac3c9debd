namespace Eigenpal.Worker.Tests.Infrastructure;

/// <summary>Test classes in this collection share one PostgreSQL server (each with its own database).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
