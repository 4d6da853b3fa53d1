using System.Net;

namespace Wnn.Client;

/// <summary>An error answer of the server, carrying its RFC 7807 problem details.</summary>
public sealed class WnnApiException : WnnException
{
    /// <summary>Creates the exception from a problem's status, title and detail.</summary>
    public WnnApiException(HttpStatusCode status, string title, string? detail)
        : base(detail is { Length: > 0 } ? $"{(int)status} {title}: {detail}" : $"{(int)status} {title}")
    {
        Status = status;
        Title = title;
        Detail = detail;
    }

    /// <summary>Creates an empty exception.</summary>
    public WnnApiException()
    {
        Title = "";
    }

    /// <summary>Creates the exception with a message.</summary>
    public WnnApiException(string message) : base(message)
    {
        Title = message;
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public WnnApiException(string message, Exception innerException) : base(message, innerException)
    {
        Title = message;
    }

    /// <summary>HTTP status code.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>Problem title.</summary>
    public string Title { get; }

    /// <summary>Problem detail (or the validation errors joined).</summary>
    public string? Detail { get; }
}
