namespace TimeTracker.Core.Storage;

/// <summary>A value that must be unique per workspace (email, username) is already taken.</summary>
public sealed class DuplicateValueException(string field) : Exception($"The {field} is already taken in this workspace.")
{
    public string Field { get; } = field;
}
