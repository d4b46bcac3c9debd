using System.ComponentModel.DataAnnotations;

namespace Eigenpal.Storage;

/// <summary>Where the tracking store lives. Bound from <c>ConnectionStrings:Eigenpal</c>.</summary>
public sealed class EigenpalStoreOptions
{
    /// <summary>The Npgsql connection string of the PostgreSQL database that holds the tracking schema.</summary>
    [Required(ErrorMessage = "ConnectionStrings__Eigenpal is not set: give the PostgreSQL connection string, e.g. Host=localhost;Database=eigenpal;Username=eigenpal;Password=...")]
    public string ConnectionString { get; set; } = "";

    /// <summary>Redacts the password so options can be logged safely.</summary>
    public override string ToString() => StoreConnection.Describe(ConnectionString);
}
