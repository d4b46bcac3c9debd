using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Faults;
using Eigenpal.Simulator.V1.Auth;
using Eigenpal.Simulator.V1.Automations;
using Eigenpal.Simulator.V1.Files;
using Eigenpal.Simulator.V1.Runs;

namespace Eigenpal.Simulator.V1;

/// <summary>Maps the Eigenpal v1 surface (runs, files, automations, auth check) onto a host that called <c>AddSimulator</c>.</summary>
public static class EigenpalV1ApiEndpoints
{
    /// <summary>
    /// Maps every v1 route under <c>/v1</c> and under <c>/api/v1</c> (which answer is
    /// <see cref="Options.ModeOptions.V1Prefix"/>), plus the storage route <c>PUT /_storage/{uploadId}</c>
    /// that negotiated pre-signed uploads go to. As on the legacy routes, every API request is counted,
    /// then authenticated, then exposed to the faults in force; unknown paths under <c>/v1</c> get a 404 envelope.
    /// </summary>
    public static IEndpointRouteBuilder MapEigenpalV1Api(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        MapUnder(app, V1Request.V1);
        MapUnder(app, V1Request.ApiV1);
        app.MapPut(StorageEndpoint.PathPrefix + "/{uploadId}", StorageEndpoint.Put)
            .WithMetadata(new ApiOperation(V1EndpointNames.StoragePut))
            .AddEndpointFilter<RequestCountingFilter>();
        app.Map("/v1/{**rest}", (HttpContext context) =>
            ApiErrors.NotFound(context, "<root>", $"No API route matches {context.Request.Method} {context.Request.Path}."));
        return app;
    }

    private static void MapUnder(IEndpointRouteBuilder app, string prefix)
    {
        var api = app.MapGroup(prefix);
        api.AddEndpointFilter(SurfaceGate.V1(prefix));
        api.AddEndpointFilter<RequestCountingFilter>();
        api.AddEndpointFilter<ApiKeyFilter>();
        api.AddEndpointFilter<FaultFilter>();

        Name(api.MapPost("/runs", RunStartEndpoint.Start), V1EndpointNames.StartRun).DisableAntiforgery();
        Name(api.MapGet("/runs", RunsListEndpoint.List), V1EndpointNames.ListRuns);
        Name(api.MapGet("/runs/{id}", RunEndpoints.Get), V1EndpointNames.GetRun);
        Name(api.MapPost("/runs/{id}/cancel", RunEndpoints.Cancel), V1EndpointNames.CancelRun);
        Name(api.MapPost("/runs/{id}/rerun", RerunEndpoint.Rerun), V1EndpointNames.RerunRun);

        Name(api.MapPost("/files/uploads", UploadEndpoints.Negotiate), V1EndpointNames.CreateUpload);
        Name(api.MapPost("/files/uploads/{uploadId}/complete", UploadEndpoints.Complete), V1EndpointNames.CompleteUpload);
        Name(api.MapDelete("/files/uploads/{uploadId}", UploadEndpoints.Abort), V1EndpointNames.AbortUpload);
        Name(api.MapPost("/files", FilesEndpoints.Create), V1EndpointNames.CreateFile).DisableAntiforgery();
        Name(api.MapGet("/files/{id}", FilesEndpoints.Get), V1EndpointNames.GetFile);
        Name(api.MapDelete("/files/{id}", FilesEndpoints.Delete), V1EndpointNames.DeleteFile);
        Name(api.MapGet("/files/{id}/content", FilesEndpoints.Content), V1EndpointNames.GetFileContent);

        Name(api.MapGet("/automations", AutomationsEndpoints.List), V1EndpointNames.ListAutomations);
        Name(api.MapGet("/automations/{id}", AutomationsEndpoints.Get), V1EndpointNames.GetAutomation);
        Name(api.MapGet("/automations/{id}/versions", AutomationsEndpoints.Versions), V1EndpointNames.ListAutomationVersions);
        Name(api.MapGet("/automations/{id}/triggers", AutomationsEndpoints.Triggers), V1EndpointNames.GetAutomationTriggers);
        Name(api.MapGet("/auth/check", AuthCheckEndpoint.Check), V1EndpointNames.CheckAuth);
    }

    private static RouteHandlerBuilder Name(RouteHandlerBuilder route, string name) => route.WithMetadata(new ApiOperation(name));
}
