using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TimeTracker.Api.Exports;

/// <summary>
/// Timesheet exports for payroll: an endpoint whose request asks for <c>Accept: text/csv</c> answers its rows as CSV
/// (RFC 4180 quoting by CsvHelper, a header row, invariant culture, UTC instants) with the same permissions as JSON.
/// </summary>
public static class CsvExport
{
    public const string MediaType = "text/csv";

    public static bool IsRequested(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase));

    public static IResult Of<T>(IEnumerable<T> rows, string fileName) => new Result<T>(rows, fileName);

    /// <summary>Instants as CSV cells: UTC, seconds, with Z, so spreadsheets and scripts read them alike.</summary>
    public static string? Utc(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class Result<T>(IEnumerable<T> rows, string fileName) : IResult
    {
        // Names and comments are people's text: a leading '=' or '+' would run as a formula in a spreadsheet.
        private static readonly CsvWriterOptions Options = new()
        {
            FormatProvider = CultureInfo.InvariantCulture,
            Injection = CsvInjection.Escape,
            TrueValue = "true",
            FalseValue = "false",
        };

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = $"{MediaType}; charset=utf-8";
            response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"{fileName}\"";
            await using var csv = CsvWriter.Create(response.Body, Options, leaveOpen: true);
            await csv.WriteRecordsAsync(rows, httpContext.RequestAborted);
            await csv.FlushAsync(httpContext.RequestAborted);
        }
    }
}
