namespace TimeTracker.Core.Workspaces;

/// <summary>What counts as worked time in a workspace (docs/API.md, Work time from activity).</summary>
public enum WorkTimeSource
{
    /// <summary>Clocked-in time; activity samples only split it into active and idle.</summary>
    Attendance,

    /// <summary>
    /// Clocked-in time and sessions derived from the desktop tracker's samples: for teams whose tracker starting is
    /// their work starting, and who never clock in.
    /// </summary>
    Activity,
}
