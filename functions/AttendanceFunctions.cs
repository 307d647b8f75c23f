using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TimeTracker.Api;
using TimeTracker.Api.Http;
using TimeTracker.Api.Attendance;

namespace TimeTracker.Functions;

/// <summary>HTTP adapters for Attendance: each function only hands the request to the shared handler.</summary>
public sealed class AttendanceFunctions
{
    [Function("ClockIn")]
    public Task<IActionResult> ClockIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ClockIn)] HttpRequest req) => AttendanceEndpoints.ClockIn(req).AsActionResult();

    [Function("ClockOut")]
    public Task<IActionResult> ClockOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ClockOut)] HttpRequest req) => AttendanceEndpoints.ClockOut(req).AsActionResult();

    [Function("CreateAttendancePair")]
    public Task<IActionResult> CreateAttendancePair([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CreateAttendance)] HttpRequest req) => AttendanceEndpoints.Create(req).AsActionResult();

    [Function("DeleteAttendanceEvent")]
    public Task<IActionResult> DeleteAttendanceEvent([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.AttendanceEvent)] HttpRequest req, string id) => AttendanceEndpoints.Delete(req, id).AsActionResult();

    [Function("QueryAttendanceEvents")]
    public Task<IActionResult> QueryAttendanceEvents([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AttendanceEvents)] HttpRequest req) => AttendanceEndpoints.Query(req).AsActionResult();
}
