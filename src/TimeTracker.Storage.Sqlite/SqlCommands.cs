using TimeTracker.Core.Collections;
using Microsoft.Data.Sqlite;

namespace TimeTracker.Storage.Sqlite;

/// <summary>Terse parameterised commands: <c>connection.Command(sql, tx, ("@id", id))</c>.</summary>
internal static class SqlCommands
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static int Execute(this SqliteConnection connection, string sql, SqliteTransaction? transaction, params (string, object?)[] parameters)
    {
        using var command = connection.Command(sql, transaction, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(this SqliteConnection connection, string sql, SqliteTransaction? transaction, params (string, object?)[] parameters)
    {
        using var command = connection.Command(sql, transaction, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public static List<T> Query<T>(this SqliteConnection connection, string sql, SqliteTransaction? transaction, Func<SqliteDataReader, T> map, params (string, object?)[] parameters)
    {
        using var command = connection.Command(sql, transaction, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    /// <summary>As <see cref="Query{T}"/>, for reads of up to hundreds of thousands of rows (a rollup step's): no
    /// array on the large-object heap (<see cref="SegmentedList{T}"/>).</summary>
    public static SegmentedList<T> QueryLarge<T>(this SqliteConnection connection, string sql,
        Func<SqliteDataReader, T> map, params (string, object?)[] parameters)
    {
        using var command = connection.Command(sql, null, parameters);
        using var reader = command.ExecuteReader();
        var rows = new SegmentedList<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    /// <summary>
    /// A list as one JSON parameter, for <c>IN (SELECT value FROM json_each(@p))</c>: binding hundreds of named
    /// parameters costs more than the query itself.
    /// </summary>
    public static string JsonList<T>(IEnumerable<T> values) => System.Text.Json.JsonSerializer.Serialize(values.Distinct());

    public static long Ticks(DateTimeOffset value) => value.UtcTicks;

    public static long? Ticks(DateTimeOffset? value) => value?.UtcTicks;

    public static DateTimeOffset Instant(this SqliteDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? NullableInstant(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static string? NullableString(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static int? NullableInt(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    /// <summary>SQLITE_CONSTRAINT_UNIQUE names the index columns in its message.</summary>
    public static bool IsUniqueViolation(this SqliteException e, string column) =>
        e.SqliteErrorCode == 19 && e.Message.Contains("UNIQUE", StringComparison.Ordinal) && e.Message.Contains(column, StringComparison.Ordinal);
}
