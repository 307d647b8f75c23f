using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NodaTime;
using TimeTracker.Api.Engagement;
using TimeTracker.Core.Analytics;

namespace TimeTracker.Tests.Unit;

/// <summary>The engagement writer copies runs of consecutive ranks at once; every id list must still be exact.</summary>
public sealed class DaysJsonResultTests
{
    [Fact]
    public async Task Writes_each_day_s_ids_in_order_whatever_runs_and_gaps_its_ranks_form()
    {
        string[] universe = ["a", "b\"quoted\"", "c", "d", "e", "f"];
        int[][] days = [[0, 1, 3], [5], [0, 1, 2, 3, 4, 5], [1, 2, 4, 5], [2]];
        var input = days.Select((ranks, i) => (new LocalDate(2026, 11, 20 - i), RankedIds.Of(universe,
            ranks.Select(r => universe[r])))).ToAsyncEnumerable();
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await new DaysJsonResult(input).ExecuteAsync(context);

        var written = JsonDocument.Parse(body.ToArray()).RootElement;
        Assert.True(written.GetProperty("success").GetBoolean());
        var month = written.GetProperty("month").EnumerateArray().ToList();
        Assert.Equal(days.Length, month.Count);
        for (var i = 0; i < days.Length; i++)
        {
            Assert.Equal(days[i].Select(r => universe[r]),
                month[i].GetProperty("usersList").EnumerateArray().Select(u => u.GetString()));
            Assert.Equal(days[i].Length, month[i].GetProperty("users").GetInt32());
            Assert.Equal(20 - i, month[i].GetProperty("day").GetInt32());
        }
    }
}
