namespace TimeTracker.Core.Members;

public enum MemberStatus
{
    Active,
    Invited,
    Deleted,
}

public static class MemberStatuses
{
    public static string ToWireName(this MemberStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out MemberStatus status) =>
        Enum.TryParse(value?.Trim(), ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(value, out _);
}
