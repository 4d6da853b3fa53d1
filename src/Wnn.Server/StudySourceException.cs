namespace Wnn.Server;

/// <summary>A sweep or study that cannot be read (missing database, no such study); answered as a 404 or shown in the list.</summary>
internal sealed class StudySourceException(string message, Exception? inner = null) : Exception(message, inner);
