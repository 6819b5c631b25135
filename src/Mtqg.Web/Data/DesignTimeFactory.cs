using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Mtqg.Data;

namespace Mtqg.Web.Data;

/// <summary>
/// Used by <c>dotnet ef migrations add … -- --provider Sqlite|Postgres</c> to build the model for one provider.
/// No database is contacted.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var provider = args.SkipWhile(a => a != "--provider").Skip(1).FirstOrDefault() ?? "Sqlite";
        var options = new DbContextOptionsBuilder<AppDbContext>();
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
            DatabaseSetup.Configure(options, DatabaseProvider.Postgres, "Host=localhost;Database=mtqg_design");
        else
            DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, "Data Source=design.db");
        return new AppDbContext(options.Options);
    }
}
