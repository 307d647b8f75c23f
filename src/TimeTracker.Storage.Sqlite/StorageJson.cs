using System.Text.Json.Serialization;
using TimeTracker.Core.Members;

namespace TimeTracker.Storage.Sqlite;

/// <summary>Source-generated serializers for JSON columns: no reflection on hot reads (1,000 members per analysis).</summary>
[JsonSerializable(typeof(MemberProfile))]
internal sealed partial class StorageJson : JsonSerializerContext;
