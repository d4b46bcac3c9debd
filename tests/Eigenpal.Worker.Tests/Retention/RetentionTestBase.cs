using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Retention;

/// <summary>A migrated database of the test's own and the seeding of finished submissions in it.</summary>
public abstract class RetentionTestBase(PostgresServer postgres) : IAsyncLifetime
{
    private protected TrackingDatabase Db { get; private set; } = null!;

    private protected FinishedSubmissions Seed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = await TrackingDatabase.CreateAsync(postgres);
        Seed = new FinishedSubmissions(Db);
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();
}
