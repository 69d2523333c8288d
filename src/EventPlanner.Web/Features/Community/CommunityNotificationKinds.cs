using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Community;

/// <summary>
/// What community rooms tell people: the organisers hear of new groups, room requests and answers to their
/// proposals; a group's hosts hear whether their group and their room requests were approved, declined or moved.
/// </summary>
public static class CommunityNotificationKinds
{
    private static Dictionary<string, string> Sample(params (string Key, string Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    public static readonly NotificationKind GroupSubmitted = new()
    {
        Name = "community-group-submitted",
        Label = "Community rooms: a new group asks to be approved (to organisers)",
        Placeholders = ["group", "description", "manage_link"],
        SampleValues = Sample(("group", "Ubuntu Malaysia"), ("description", "The local Ubuntu community: install party and packaging Q&A."),
            ("manage_link", "https://example.org/events/fossmy-2026/community/manage")),
        Subject = "New community group for {event_name}: {group}",
        Body = """
            Hello {recipient_name},

            **{group}** would like to host community sessions at {event_name}:

            {description}

            Approve or decline the group: {manage_link}
            """,
    };

    public static readonly NotificationKind GroupApproved = new()
    {
        Name = "community-group-approved",
        Label = "Community rooms: a group was approved (to its hosts)",
        Placeholders = ["group", "group_link"],
        SampleValues = Sample(("group", "Ubuntu Malaysia"), ("group_link", "https://example.org/events/fossmy-2026/community/groups/3")),
        Subject = "{group} is approved for {event_name}",
        Body = """
            Hello {recipient_name},

            The organisers of {event_name} approved **{group}**. You can now ask for a room next to the main programme:

            {group_link}
            """,
    };

    public static readonly NotificationKind GroupDeclined = new()
    {
        Name = "community-group-declined",
        Label = "Community rooms: a group was declined (to its hosts)",
        Placeholders = ["group", "reason"],
        SampleValues = Sample(("group", "Ubuntu Malaysia"), ("reason", "We already have a Ubuntu room run by the LoCo team.")),
        Subject = "{group} at {event_name}: not this time",
        Body = """
            Hello {recipient_name},

            The organisers of {event_name} could not approve **{group}**:

            {reason}
            """,
    };

    public static readonly NotificationKind RequestReceived = new()
    {
        Name = "community-request-received",
        Label = "Community rooms: a room request arrived (to organisers)",
        Placeholders = ["group", "when", "room", "attendance", "purpose", "av_needs", "manage_link"],
        SampleValues = Sample(("group", "Fedora Malaysia"), ("when", "Sat 28 Nov 14:00–16:00"), ("room", "Room Fedora"), ("attendance", "40"),
            ("purpose", "Fedora 43 release party and packaging clinic."), ("av_needs", "Projector, two microphones"),
            ("manage_link", "https://example.org/events/fossmy-2026/community/manage/2026-11-28")),
        Subject = "Room request from {group}: {when}",
        Body = """
            Hello {recipient_name},

            **{group}** asks for {room}, {when}, for {attendance} people.

            Purpose: {purpose}
            AV needs: {av_needs}

            Approve, decline or propose another time: {manage_link}
            """,
    };

    public static readonly NotificationKind BlockApproved = new()
    {
        Name = "community-block-approved",
        Label = "Community rooms: a room request was approved (to the group's hosts)",
        Placeholders = ["group", "when", "room", "note", "block_link"],
        SampleValues = Sample(("group", "Fedora Malaysia"), ("when", "Sat 28 Nov 14:00–16:00"), ("room", "Room Fedora"), ("note", ""),
            ("block_link", "https://example.org/events/fossmy-2026/community/blocks/7")),
        Subject = "{room} is yours: {when}",
        Body = """
            Hello {recipient_name},

            The organisers of {event_name} approved the room request of **{group}**: {room}, {when}. {note}

            Add your sessions (they appear in the public schedule at once): {block_link}
            """,
    };

    public static readonly NotificationKind BlockDeclined = new()
    {
        Name = "community-block-declined",
        Label = "Community rooms: a room request was declined (to the group's hosts)",
        Placeholders = ["group", "when", "room", "reason", "group_link"],
        SampleValues = Sample(("group", "Fedora Malaysia"), ("when", "Sat 28 Nov 14:00–16:00"), ("room", "Room Fedora"),
            ("reason", "The room is needed for the keynote overflow."), ("group_link", "https://example.org/events/fossmy-2026/community/groups/3")),
        Subject = "Room request declined: {when}",
        Body = """
            Hello {recipient_name},

            The organisers of {event_name} declined the request of **{group}** for {room}, {when}:

            {reason}

            You can ask for another time: {group_link}
            """,
    };

    public static readonly NotificationKind BlockMoved = new()
    {
        Name = "community-block-moved",
        Label = "Community rooms: organisers propose another room or time (to the group's hosts)",
        Placeholders = ["group", "requested", "proposed", "note", "group_link"],
        SampleValues = Sample(("group", "FOSSChix"), ("requested", "Room Ubuntu, Sat 28 Nov 14:00–16:00"), ("proposed", "Room Fedora, Sun 29 Nov 10:00–12:00"),
            ("note", "Room Ubuntu hosts the workshop track that afternoon."), ("group_link", "https://example.org/events/fossmy-2026/community/groups/3")),
        Subject = "Another time for {group}'s room? {proposed}",
        Body = """
            Hello {recipient_name},

            You asked for {requested}. The organisers of {event_name} propose **{proposed}** instead. {note}

            Accept or decline the proposal: {group_link}
            """,
    };

    public static readonly NotificationKind ProposalAnswered = new()
    {
        Name = "community-proposal-answered",
        Label = "Community rooms: a group answered a proposal (to organisers)",
        Placeholders = ["group", "answer", "proposed", "manage_link"],
        SampleValues = Sample(("group", "FOSSChix"), ("answer", "accepted"), ("proposed", "Room Fedora, Sun 29 Nov 10:00–12:00"),
            ("manage_link", "https://example.org/events/fossmy-2026/community/manage/2026-11-29")),
        Subject = "{group} {answer} your proposal: {proposed}",
        Body = """
            Hello {recipient_name},

            **{group}** {answer} the room you proposed: {proposed}.

            Community rooms: {manage_link}
            """,
    };

    public static IReadOnlyList<NotificationKind> All { get; } =
        [GroupSubmitted, GroupApproved, GroupDeclined, RequestReceived, BlockApproved, BlockDeclined, BlockMoved, ProposalAnswered];
}
