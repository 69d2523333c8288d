using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Schedule;

/// <summary>
/// The released schedule in the formats other tools read: frab/voc schedule.xml and schedule.json (validated
/// against the schemas in shared/specs/schedule by the tests), iCalendar with the event's VTIMEZONE, and a CSV
/// for organisers. Pure functions of a snapshot and the site's base URL, so a release builds them once.
/// </summary>
public static partial class ScheduleExports
{
    public const string Generator = "EventPlanner";

    // A fixed namespace for name-based (version 5) GUIDs of rooms and people, so they are stable across releases.
    private static readonly Guid Namespace = new("6c1b5d4e-3f0a-4d8e-9b7c-2a5e8f1d0c93");

    public static string Acronym(string slug)
    {
        var a = slug.Replace('-', '_');
        return a.Length >= 4 ? a : a.PadRight(4, '_');
    }

    public static string Slug(ReleaseSnapshot r, SnapSession s)
    {
        var words = NonSlug().Replace(s.Title.ToLowerInvariant(), "-").Trim('-', '_');
        if (words.Length > 60) words = words[..60].Trim('-', '_');
        if (words.Length < 4) words = "session";
        return $"{Acronym(r.Slug)}-{s.Id}-{words}";
    }

    public static Guid RoomGuid(long roomId) => NameGuid($"room:{roomId}");
    public static Guid PersonGuid(long userId) => NameGuid($"person:{userId}");
    public static Guid GuestGuid(SnapSession s, string name) => NameGuid($"guest:{s.Guid}:{name}");

    private static Guid NameGuid(string name)
    {
        var bytes = Namespace.ToByteArray(bigEndian: true).Concat(Encoding.UTF8.GetBytes(name)).ToArray();
        var hash = SHA1.HashData(bytes)[..16];
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }

    private static string Offset(ReleaseSnapshot r, DateTimeOffset utc) =>
        TimeZoneInfo.ConvertTime(utc, r.Zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Offset(ReleaseSnapshot r, DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, r.Zone.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private static string Duration(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";

    private static string? Language(string language) => language.Trim().ToLowerInvariant() switch
    {
        "" => null,
        "english" => "en",
        "bahasa melayu" or "malay" => "ms",
        "german" or "deutsch" => "de",
        "french" or "français" => "fr",
        var l when l.Length <= 3 => l,
        _ => language,
    };

    private static string? TrackSlug(string name)
    {
        var s = NonSlug().Replace(name.ToLowerInvariant(), "-").Trim('-', '_');
        return TrackSlugPattern().IsMatch(s) ? s : null;
    }

    public static string SessionUrl(string baseUrl, ReleaseSnapshot r, long id) => $"{baseUrl}/events/{r.Slug}/sessions/{id}";
    public static string SpeakerUrl(string baseUrl, ReleaseSnapshot r, long id) => $"{baseUrl}/events/{r.Slug}/speakers/{id}";

    private static IEnumerable<(SnapDay Day, int Index, IReadOnlyList<SnapSession> Sessions)> Days(ReleaseSnapshot r) =>
        r.Days.Select((d, i) => (d, i + 1, (IReadOnlyList<SnapSession>)r.Sessions.Where(s => r.LocalDate(s) == d.Date).OrderBy(s => s.StartsAt).ThenBy(s => s.Id).ToList()));

    // ---- schedule.json ----

    public static byte[] Json(ReleaseSnapshot r, string baseUrl, SessionLinkSet? links = null)
    {
        links ??= SessionLinkSet.Empty;
        var days = new JsonArray();
        foreach (var (day, index, sessions) in Days(r))
        {
            var rooms = new JsonObject();
            foreach (var room in r.Rooms)
            {
                rooms[room.Name] = new JsonArray(sessions.Where(s => s.RoomId == room.Id).Select(s => (JsonNode)JsonEvent(r, s, baseUrl, links.For(s.Id))).ToArray());
            }
            days.Add(new JsonObject
            {
                ["index"] = index,
                ["date"] = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["day_start"] = Offset(r, day.Date, day.OpensAt),
                ["day_end"] = Offset(r, day.Date, day.ClosesAt),
                ["rooms"] = rooms,
            });
        }
        var conference = new JsonObject
        {
            ["acronym"] = Acronym(r.Slug),
            ["title"] = r.EventName,
            ["start"] = r.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["end"] = r.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["daysCount"] = r.Days.Count,
            ["timeslot_duration"] = "00:05",
            ["url"] = $"{baseUrl}/events/{r.Slug}",
            ["tracks"] = new JsonArray(r.Tracks.Select(t => (JsonNode)WithSlug(new JsonObject { ["name"] = t.Name, ["color"] = t.Colour }, TrackSlug(t.Name))).ToArray()),
            ["rooms"] = new JsonArray(r.Rooms.Select(room => (JsonNode)new JsonObject
            {
                ["name"] = room.Name, ["guid"] = RoomGuid(room.Id).ToString(), ["capacity"] = room.Capacity,
            }).ToArray()),
            ["days"] = days,
        };
        if (ZonePattern().IsMatch(r.TimeZone)) conference["time_zone_name"] = r.TimeZone;
        var root = new JsonObject
        {
            ["$schema"] = "https://c3voc.de/schedule/schema.json",
            ["generator"] = new JsonObject { ["name"] = Generator, ["version"] = "1" },
            ["schedule"] = new JsonObject
            {
                ["version"] = r.Number.ToString(CultureInfo.InvariantCulture),
                ["base_url"] = $"{baseUrl}/events/{r.Slug}/",
                ["conference"] = conference,
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(root, new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject WithSlug(JsonObject o, string? slug)
    {
        if (slug is not null) o["slug"] = slug;
        return o;
    }

    private static JsonObject JsonEvent(ReleaseSnapshot r, SnapSession s, string baseUrl, IReadOnlyList<SessionLink> extra) => new()
    {
        ["id"] = s.Id,
        ["guid"] = s.Guid,
        ["date"] = Offset(r, s.StartsAt),
        ["start"] = r.Local(s.StartsAt).ToString("HH:mm", CultureInfo.InvariantCulture),
        ["end"] = Offset(r, s.EndsAt),
        ["duration"] = Duration(s.DurationMinutes),
        ["room"] = s.Room,
        ["slug"] = Slug(r, s),
        ["url"] = SessionUrl(baseUrl, r, s.Id),
        ["title"] = s.Title,
        ["subtitle"] = "",
        ["track"] = s.Track,
        ["type"] = s.Kind,
        ["language"] = Language(s.Language),
        ["abstract"] = s.Abstract,
        ["description"] = DescriptionWithParts(r, s),
        ["persons"] = new JsonArray(s.Speakers.Select(p => (JsonNode)new JsonObject
        {
            ["id"] = p.Id, ["guid"] = PersonGuid(p.Id).ToString(), ["public_name"] = p.Name, ["url"] = SpeakerUrl(baseUrl, r, p.Id),
        }).Concat((s.Guests ?? []).Select(name => (JsonNode)new JsonObject
        {
            // A guest has no account, so no id or speaker page: a person by name (the schema's pretalx shape).
            ["name"] = name, ["guid"] = GuestGuid(s, name).ToString(),
        })).ToArray()),
        ["links"] = new JsonArray(PartLinks(s, baseUrl).Select(l => (JsonNode)new JsonObject { ["type"] = "slides", ["url"] = l.Url, ["title"] = l.Title })
            .Concat(extra.Where(l => !l.Attachment).Select(l => (JsonNode)JsonReference(l, baseUrl))).ToArray()),
        ["attachments"] = new JsonArray(extra.Where(l => l.Attachment).Select(l => (JsonNode)JsonReference(l, baseUrl)).ToArray()),
    };

    private static JsonObject JsonReference(SessionLink l, string baseUrl) => new() { ["type"] = l.Type, ["url"] = AbsoluteUrl(l.Url, baseUrl), ["title"] = l.Title };

    private static string AbsoluteUrl(string url, string baseUrl) => url.StartsWith('/') ? baseUrl + url : url;

    // ---- schedule.xml ----

    public static byte[] Xml(ReleaseSnapshot r, string baseUrl, SessionLinkSet? links = null)
    {
        links ??= SessionLinkSet.Empty;
        using var stream = new MemoryStream();
        using (var w = XmlTextScrubber.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("schedule");
            w.WriteStartElement("generator");
            w.WriteAttributeString("name", Generator);
            w.WriteAttributeString("version", "1");
            w.WriteEndElement();
            w.WriteElementString("url", $"{baseUrl}/events/{r.Slug}/schedule.xml");
            w.WriteElementString("version", r.Number.ToString(CultureInfo.InvariantCulture));
            w.WriteStartElement("conference");
            w.WriteElementString("acronym", Acronym(r.Slug));
            w.WriteElementString("title", r.EventName);
            w.WriteElementString("start", r.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteElementString("end", r.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteElementString("days", r.Days.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("timeslot_duration", "00:05");
            w.WriteElementString("base_url", $"{baseUrl}/events/{r.Slug}/");
            w.WriteElementString("url", $"{baseUrl}/events/{r.Slug}");
            w.WriteElementString("time_zone_name", r.TimeZone);
            foreach (var t in r.Tracks)
            {
                w.WriteStartElement("track");
                w.WriteAttributeString("name", t.Name);
                w.WriteAttributeString("color", t.Colour.ToLowerInvariant());
                if (TrackSlug(t.Name) is { } slug && XmlTrackSlug().IsMatch(slug)) w.WriteAttributeString("slug", slug);
                w.WriteString(t.Name);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            foreach (var (day, index, sessions) in Days(r))
            {
                w.WriteStartElement("day");
                w.WriteAttributeString("index", index.ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("date", day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteAttributeString("start", Offset(r, day.Date, day.OpensAt));
                w.WriteAttributeString("end", Offset(r, day.Date, day.ClosesAt));
                foreach (var room in r.Rooms)
                {
                    w.WriteStartElement("room");
                    w.WriteAttributeString("name", room.Name);
                    w.WriteAttributeString("guid", RoomGuid(room.Id).ToString());
                    foreach (var s in sessions.Where(s => s.RoomId == room.Id)) XmlEvent(w, r, s, baseUrl, links.For(s.Id));
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void XmlEvent(XmlWriter w, ReleaseSnapshot r, SnapSession s, string baseUrl, IReadOnlyList<SessionLink> extra)
    {
        w.WriteStartElement("event");
        w.WriteAttributeString("guid", s.Guid);
        w.WriteAttributeString("id", s.Id.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("room", s.Room);
        w.WriteElementString("title", s.Title);
        w.WriteElementString("subtitle", "");
        w.WriteElementString("type", s.Kind);
        w.WriteElementString("date", Offset(r, s.StartsAt));
        w.WriteElementString("start", r.Local(s.StartsAt).ToString("HH:mm", CultureInfo.InvariantCulture));
        w.WriteElementString("duration", Duration(s.DurationMinutes));
        w.WriteElementString("abstract", s.Abstract);
        w.WriteElementString("slug", Slug(r, s));
        w.WriteElementString("track", s.Track ?? "");
        w.WriteElementString("language", Language(s.Language) ?? "");
        w.WriteElementString("description", DescriptionWithParts(r, s));
        w.WriteElementString("url", SessionUrl(baseUrl, r, s.Id));
        w.WriteStartElement("persons");
        foreach (var p in s.Speakers)
        {
            w.WriteStartElement("person");
            w.WriteAttributeString("id", p.Id.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("guid", PersonGuid(p.Id).ToString());
            w.WriteString(p.Name);
            w.WriteEndElement();
        }
        foreach (var name in s.Guests ?? [])
        {
            w.WriteStartElement("person");
            w.WriteAttributeString("guid", GuestGuid(s, name).ToString());
            w.WriteString(name);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteStartElement("links");
        foreach (var (url, title) in PartLinks(s, baseUrl))
        {
            w.WriteStartElement("link");
            w.WriteAttributeString("href", url);
            w.WriteAttributeString("type", "slides");
            w.WriteString(title);
            w.WriteEndElement();
        }
        foreach (var l in extra.Where(l => !l.Attachment)) XmlReference(w, "link", l, baseUrl);
        w.WriteEndElement();
        if (extra.Any(l => l.Attachment))
        {
            w.WriteStartElement("attachments");
            foreach (var l in extra.Where(l => l.Attachment)) XmlReference(w, "attachment", l, baseUrl);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void XmlReference(XmlWriter w, string element, SessionLink l, string baseUrl)
    {
        w.WriteStartElement(element);
        w.WriteAttributeString("href", AbsoluteUrl(l.Url, baseUrl));
        w.WriteAttributeString("type", l.Type);
        w.WriteString(l.Title);
        w.WriteEndElement();
    }

    // ---- iCalendar ----

    /// <summary>Sessions (possibly of several events, each in its own zone) as one calendar with a VTIMEZONE per zone.</summary>
    public static byte[] Ics(IEnumerable<(ReleaseSnapshot Release, SnapSession Session)> items, string calendarName, string baseUrl,
        IEnumerable<AgendaFeedEntry>? entries = null, Func<long, IReadOnlyList<SessionLink>>? linksOf = null)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//EventPlanner//Schedule//EN" };
        calendar.AddProperty("X-WR-CALNAME", TextInput.ForCalendar(calendarName));
        var zones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (r, s) in items.OrderBy(i => i.Session.StartsAt).ThenBy(i => i.Session.Id))
        {
            if (zones.Add(r.TimeZone)) calendar.AddTimeZone(VTimeZone.FromDateTimeZone(r.TimeZone, r.StartsOn.ToDateTime(TimeOnly.MinValue).AddYears(-1), includeHistoricalData: false));
            var speakers = !s.SpeakerNames.Any() ? "" : $"\n\nWith {string.Join(", ", s.SpeakerNames)}.";
            if (s.Parts is { Count: > 0 }) speakers += "\n\n" + DescriptionWithParts(r, s with { Description = "" });
            // Calendar apps show the description and little else: materials go there as "title: url" lines.
            if (linksOf?.Invoke(s.Id) is { Count: > 0 } extra) speakers += "\n\n" + string.Join("\n", extra.Select(l => $"{l.Title}: {AbsoluteUrl(l.Url, baseUrl)}"));
            calendar.Events.Add(new CalendarEvent
            {
                Uid = s.Guid,
                Sequence = r.Number,
                DtStamp = new CalDateTime(r.ReleasedAt.UtcDateTime, "UTC"),
                DtStart = new CalDateTime(r.Local(s.StartsAt), r.TimeZone),
                DtEnd = new CalDateTime(r.Local(s.EndsAt), r.TimeZone),
                // Stored text may predate the input checks: keep what iCalendar cannot carry out of the file.
                Summary = TextInput.ForCalendar(s.Title),
                Location = TextInput.ForCalendar(s.Room),
                Description = TextInput.ForCalendar($"{s.Abstract}{speakers}\n\n{r.EventName}: {SessionUrl(baseUrl, r, s.Id)}".Trim()),
                Url = new Uri(SessionUrl(baseUrl, r, s.Id)),
            });
        }
        foreach (var entry in entries ?? [])
        {
            // Entries other features contribute to an agenda (see IAgendaFeedContributor), each in its event's zone.
            var zone = TimeZoneInfo.FindSystemTimeZoneById(entry.TimeZone);
            if (zones.Add(entry.TimeZone)) calendar.AddTimeZone(VTimeZone.FromDateTimeZone(entry.TimeZone, entry.StartsAt.UtcDateTime.AddYears(-1), includeHistoricalData: false));
            var url = entry.Url.StartsWith('/') ? baseUrl.TrimEnd('/') + entry.Url : entry.Url;
            calendar.Events.Add(new CalendarEvent
            {
                Uid = entry.Uid,
                DtStamp = new CalDateTime(entry.ChangedAt.UtcDateTime, "UTC"),
                DtStart = new CalDateTime(TimeZoneInfo.ConvertTime(entry.StartsAt, zone).DateTime, entry.TimeZone),
                DtEnd = new CalDateTime(TimeZoneInfo.ConvertTime(entry.EndsAt, zone).DateTime, entry.TimeZone),
                Summary = TextInput.ForCalendar(entry.Title),
                Location = TextInput.ForCalendar(entry.Location),
                Description = TextInput.ForCalendar(entry.Description),
                Url = new Uri(url),
            });
        }
        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? "");
    }

    public static byte[] Ics(ReleaseSnapshot r, string baseUrl, SessionLinkSet? links = null) =>
        Ics(r.Sessions.Select(s => (r, s)), r.EventName, baseUrl, linksOf: links is null || links.IsEmpty ? null : links.For);

    // ---- CSV for organisers ----

    public static byte[] Csv(ReleaseSnapshot r)
    {
        var sb = new StringBuilder();
        sb.Append("id,guid,title,type,track,date,start,end,room,speakers,duration_minutes\r\n");
        foreach (var s in r.Sessions.OrderBy(s => s.StartsAt).ThenBy(s => r.RoomOrder(s.RoomId)))
        {
            var start = r.Local(s.StartsAt);
            string[] cells = [s.Id.ToString(CultureInfo.InvariantCulture), s.Guid, s.Title, s.Kind, s.Track ?? "", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                start.ToString("HH:mm", CultureInfo.InvariantCulture), r.Local(s.EndsAt).ToString("HH:mm", CultureInfo.InvariantCulture), s.Room,
                string.Join("; ", s.SpeakerNames), s.DurationMinutes.ToString(CultureInfo.InvariantCulture)];
            sb.Append(string.Join(',', cells.Select(CsvCell))).Append("\r\n");
        }
        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
    }

    // Quotes what needs it, and defuses cells a spreadsheet would run as a formula.
    private static string CsvCell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex NonSlug();

    [GeneratedRegex("^[a-z0-9_-]+[a-z0-9]$")]
    private static partial Regex TrackSlugPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]+$")]
    private static partial Regex XmlTrackSlug();

    [GeneratedRegex("^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")]
    private static partial Regex ZonePattern();
}
