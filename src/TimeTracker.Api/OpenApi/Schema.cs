using System.Text.Json.Nodes;

namespace TimeTracker.Api.OpenApi;

/// <summary>Terse JSON Schema (OpenAPI 3.1) builders, so the catalog reads like the shapes it describes.</summary>
internal static class Schema
{
    public static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    public static JsonObject String(string? format = null, object? example = null) => Typed("string", format, example);

    public static JsonObject NullableString(string? format = null) => Nullable(String(format));

    public static JsonObject Integer(object? example = null) => Typed("integer", null, example);

    public static JsonObject Number() => Typed("number", null, null);

    public static JsonObject Boolean() => Typed("boolean", null, null);

    public static JsonObject Uuid() => String("uuid");

    public static JsonObject DateTime() => String("date-time");

    public static JsonObject Enum(params string[] values) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]) };

    public static JsonObject Array(JsonNode items) => new() { ["type"] = "array", ["items"] = items };

    /// <summary>An object; properties whose name ends in '?' are optional, the rest required.</summary>
    public static JsonObject Object(params (string Name, JsonNode Schema)[] properties)
    {
        var props = new JsonObject();
        var required = new JsonArray();
        foreach (var (name, schema) in properties)
        {
            var bare = name.TrimEnd('?');
            props[bare] = schema;
            if (!name.EndsWith('?')) required.Add(bare);
        }
        var result = new JsonObject { ["type"] = "object", ["properties"] = props };
        if (required.Count > 0) result["required"] = required;
        return result;
    }

    /// <summary>A map of string keys, e.g. WebWork's <c>errors: {field: [message]}</c>.</summary>
    public static JsonObject Map(JsonNode values) => new() { ["type"] = "object", ["additionalProperties"] = values };

    /// <summary>The schema or JSON null (OpenAPI 3.1 type arrays; refs become <c>oneOf</c>).</summary>
    public static JsonObject Nullable(JsonObject schema)
    {
        if (schema["$ref"] is not null)
            return new JsonObject { ["oneOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
        schema["type"] = new JsonArray(schema["type"]!.GetValue<string>(), "null");
        return schema;
    }

    public static JsonObject WithExample(this JsonObject schema, JsonNode example)
    {
        schema["examples"] = new JsonArray(example);
        return schema;
    }

    public static JsonObject Describe(this JsonObject schema, string description)
    {
        schema["description"] = description;
        return schema;
    }

    private static JsonObject Typed(string type, string? format, object? example)
    {
        var schema = new JsonObject { ["type"] = type };
        if (format is not null) schema["format"] = format;
        if (example is not null) schema["examples"] = new JsonArray(JsonValue.Create(example));
        return schema;
    }
}
