using Eigenpal.Simulator.Admin;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Hosting;
using Eigenpal.Simulator.V1;

var builder = WebApplication.CreateBuilder(args);

// Listen on the documented default unless --urls, ASPNETCORE_URLS or URLS says otherwise.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

builder.AddSimulator();

var app = builder.Build();
app.MapEigenpalApi();
app.MapEigenpalV1Api();
app.MapSimulatorAdmin();
await app.RunAsync();
