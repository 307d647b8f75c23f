namespace TimeTracker.Core.Members;

public enum DeleteMemberResult
{
    Deleted,
    NotFound,
    /// <summary>The member is the workspace's last active owner; a workspace must keep one.</summary>
    LastOwner,
}
