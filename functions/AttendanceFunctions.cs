using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TimeTracker.Api;
using TimeTracker.Api.Attendance;
using TimeTracker.Api.Http;

namespace TimeTracker.Functions;

/// <summary>HTTP adapters for Attendance: each function only hands the request to the shared handler.</summary>
public sealed class AttendanceFunctions(AttendanceServices services)
{
    [Function("ClockIn")]
    public Task<IActionResult> ClockIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ClockIn)] HttpRequest req) => AttendanceEndpoints.ClockIn(req, services).AsActionResult();

    [Function("ClockOut")]
    public Task<IActionResult> ClockOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ClockOut)] HttpRequest req) => AttendanceEndpoints.ClockOut(req, services).AsActionResult();

    [Function("CreateAttendancePair")]
    public Task<IActionResult> CreateAttendancePair([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CreateAttendance)] HttpRequest req) => AttendanceEndpoints.Create(req, services).AsActionResult();

    [Function("DeleteAttendanceEvent")]
    public Task<IActionResult> DeleteAttendanceEvent([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.AttendanceEvent)] HttpRequest req, string id) => AttendanceEndpoints.Delete(req, id, services).AsActionResult();

    [Function("QueryAttendanceEvents")]
    public Task<IActionResult> QueryAttendanceEvents([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.AttendanceEvents)] HttpRequest req) => AttendanceEndpoints.Query(req, services).AsActionResult();
}
