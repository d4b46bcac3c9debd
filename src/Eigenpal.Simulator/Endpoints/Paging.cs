using System.Globalization;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>
/// <c>limit</c>/<c>offset</c> query values: limit defaults to 50 and is capped at a maximum page
/// size, 100 unless the caller says otherwise (a larger value is served as the cap, as the
/// response's <c>limit</c> shows); a limit below 1, a negative offset or a non-integer is a 400.
/// </summary>
internal readonly record struct Paging(int Limit, int Offset)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static bool TryRead(HttpContext context, out Paging paging, out IResult? error) =>
        TryRead(context, MaxLimit, out paging, out error);

    public static bool TryRead(HttpContext context, int maxLimit, out Paging paging, out IResult? error)
    {
        paging = default;
        error = null;
        var query = context.Request.Query;
        var limit = Math.Min(DefaultLimit, maxLimit);
        var offset = 0;
        if (query.TryGetValue("limit", out var rawLimit) && !(int.TryParse(rawLimit, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) && limit >= 1))
        {
            error = ApiErrors.Validation(context, "query.limit", "limit must be an integer of at least 1.");
            return false;
        }

        if (query.TryGetValue("offset", out var rawOffset) && !(int.TryParse(rawOffset, NumberStyles.Integer, CultureInfo.InvariantCulture, out offset) && offset >= 0))
        {
            error = ApiErrors.Validation(context, "query.offset", "offset must be a non-negative integer.");
            return false;
        }

        paging = new Paging(Math.Min(limit, maxLimit), offset);
        return true;
    }
}
