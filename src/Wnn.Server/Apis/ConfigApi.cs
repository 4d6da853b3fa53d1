using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Wnn.Server.Apis;

/// <summary><c>/api/config/schema</c>: the configuration schema the dashboard's flow builder renders its form from.</summary>
public static class ConfigApi
{
    /// <summary>Maps the schema endpoint.</summary>
    public static RouteGroupBuilder MapConfigApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/config").WithTags("Config");
        group.MapGet("/schema", GetSchema);
        return group;
    }

    /// <summary>Every configuration key: name, type, default, range or values, documentation, aliases, group, resume rule.</summary>
    public static Ok<ConfigSchemaDocument> GetSchema() => TypedResults.Ok(ConfigSchemaDocument.Current);
}
