namespace TimeTracker.Core.Attendance;

public enum SessionWriteResult
{
    Written,
    /// <summary>The member already has an open session.</summary>
    AlreadyOpen,
    /// <summary>The member has no open session to close.</summary>
    NoneOpen,
    /// <summary>The session would overlap another session of the member.</summary>
    Overlaps,
}
