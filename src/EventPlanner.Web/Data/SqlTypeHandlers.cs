using System.Data;
using System.Globalization;
using Dapper;

namespace EventPlanner.Web.Data;

/// <summary>
/// Times are stored as UTC ISO-8601 text, dates as yyyy-MM-dd and times of day as HH:mm, so the
/// files read the same in the sqlite3 shell and sort correctly as text.
/// </summary>
public static class SqlTypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        // Dates go through the handler below as yyyy-MM-dd text on both engines: the same text Microsoft.Data.Sqlite
        // writes for a DateOnly, and what PostgreSQL's text columns compare with (Npgsql would send a date).
        // A TimeOnly parameter goes as the very text Microsoft.Data.Sqlite writes for one (HH:mm:ss, with a fraction
        // only when there is one), so SQLite files keep their bytes and PostgreSQL gets text too.
        SqlMapper.RemoveTypeMap(typeof(DateOnly));
        SqlMapper.RemoveTypeMap(typeof(DateOnly?));
        SqlMapper.RemoveTypeMap(typeof(TimeOnly));
        SqlMapper.RemoveTypeMap(typeof(TimeOnly?));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new TimeOnlyHandler());
    }

    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = Format(value);
        }

        public override DateTimeOffset Parse(object value) =>
            DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        public override DateOnly Parse(object value) => DateOnly.ParseExact((string)value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private sealed class TimeOnlyHandler : SqlMapper.TypeHandler<TimeOnly>
    {
        public override void SetValue(IDbDataParameter parameter, TimeOnly value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.Ticks % TimeSpan.TicksPerSecond == 0
                ? value.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
                : value.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        }

        public override TimeOnly Parse(object value) =>
            TimeOnly.ParseExact((string)value, ["HH:mm", "HH:mm:ss", "HH:mm:ss.fffffff"], CultureInfo.InvariantCulture);
    }
}
