using Eigenpal.Api.Http;
using Eigenpal.Api.V1.Wire;

namespace Eigenpal.Api.V1;

/// <summary>The v1 automation endpoints (<c>{prefix}/automations</c>): list and get. Obtain it from <see cref="EigenpalClient.Automations"/>.</summary>
public sealed class AutomationsClient
{
    private readonly EigenpalTransport _transport;
    private readonly V1Paths _paths;

    internal AutomationsClient(EigenpalTransport transport, V1Paths paths)
    {
        _transport = transport;
        _paths = paths;
    }

    /// <summary>Lists the automations the key can see, one page at a time (<c>GET {prefix}/automations</c>).</summary>
    /// <param name="query">Filters and paging; unset values are left out.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AutomationsPage> ListAsync(AutomationListQuery? query = null, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(
            new ApiRequest(
                HttpMethod.Get,
                _paths.Automations,
                new QueryBuilder().Add("search", query?.Search).Add("type", query?.Type).Add("limit", query?.Limit).Add("offset", query?.Offset).Build()),
            V1JsonContext.Default.AutomationsPage,
            cancellationToken);

    /// <summary>Gets one automation with its input and output schemas (<c>GET {prefix}/automations/{id}</c>).</summary>
    /// <param name="idOrAlias">Its id, or a typed alias such as <c>workflows.extract-invoice</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EigenpalNotFoundException">No such automation.</exception>
    public Task<AutomationDetail> GetAsync(string idOrAlias, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(new ApiRequest(HttpMethod.Get, _paths.Automation(idOrAlias)), V1JsonContext.Default.AutomationDetail, cancellationToken);
}
