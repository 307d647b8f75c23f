using System.Text.RegularExpressions;

namespace TimeTracker.Core.Members;

public static partial class EmailAddress
{
    // Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is the mail server's business.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Shape();

    public static bool IsValid(string? value) => value is { Length: <= 254 } && Shape().IsMatch(value);
}
