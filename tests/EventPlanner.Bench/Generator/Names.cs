namespace EventPlanner.Bench.Generator;

/// <summary>Word lists the steps draw from; changing them changes the generated content (and its digest).</summary>
public static class Names
{
    public static readonly string[] Given =
    [
        "Aisha", "Ahmad", "Siti", "Wei Ling", "Arjun", "Priya", "Mei", "Hafiz", "Nurul", "Kumar",
        "Ana", "Bruno", "Chloé", "Dries", "Elif", "Femke", "Gaspard", "Hanne", "Ines", "Jonas",
        "Kofi", "Lena", "Mateo", "Nadia", "Olu", "Pieter", "Quentin", "Rosa", "Sven", "Tomás",
        "Uma", "Viktor", "Wiebke", "Xavier", "Yara", "Zainab", "Léa", "Mikko", "Saoirse", "Tariq",
        "Ewa", "Kenji", "Lucía", "Noor", "Oskar", "Rahel", "Sami", "Thu", "Valentina", "Yusuf",
    ];

    public static readonly string[] Family =
    [
        "Abdullah", "Tan", "Lim", "Ng", "Raman", "Wong", "Ibrahim", "Chong", "Nair", "Ismail",
        "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
        "Dubois", "Lambert", "Martin", "Moreau", "Fontaine", "Schmidt", "Becker", "Novák", "Kowalski", "Horvat",
        "Silva", "Santos", "García", "Rossi", "Bianchi", "Okafor", "Mensah", "Haddad", "Yilmaz", "Kaya",
        "Nguyen", "Tanaka", "Kim", "Park", "O'Brien", "Murphy", "Virtanen", "Andersson", "Olsen", "Costa",
    ];

    /// <summary>Track names in the spirit of FOSDEM's main tracks and developer rooms.</summary>
    public static readonly string[] Tracks =
    [
        "Main track", "Community", "Lightning talks", "Rust", "Go", "Python", "JavaScript", "Kernel",
        "Embedded, Mobile and Automotive", "Databases", "PostgreSQL", "SQLite", "Containers", "Security",
        "Open Hardware", "Legal and Policy", "Education", "Web Performance", "Browsers", "LLVM", "Free Java",
        "Erlang, Elixir and Friends", "Networking", "Monitoring and Observability", "Open Source Design",
        "Accessibility", "Translations", "Graphics", "Retrocomputing", "HPC, Big Data and Data Science",
        "Geospatial", "Package Management", "Distributions", "Declarative and Minimalistic Computing",
        "Software Defined Radio", "Energy", "Open Media", "RISC-V", "Testing and Automation",
        "Infrastructure as Code", "Confidential Computing", "Music Production", "Collaboration and Content Management",
        "Modern Email", "Matrix", "Nix and NixOS", "Identity and Access Management", "BSD", "Ada", "Zig",
        "Haskell", "OCaml", "Kotlin", "Swift", "Julia", "Perl and Raku", ".NET", "Ruby", "WebAssembly",
        "Virtualization", "Firmware and Bootloaders", "Open Source in Government", "Public Code",
        "Mobile Linux", "FOSS on Phones", "Social Web", "Decentralised Internet", "Open Research",
        "Low-code", "Tool the Docs", "Funding the Commons", "Game Development", "Video Streaming",
        "Audio, Video and Graphics Creation", "Containers and Kubernetes Operations",
    ];

    /// <summary>The large halls first; the rest of the rooms get building codes.</summary>
    public static readonly (string Name, int Capacity)[] Halls =
    [
        ("Main Hall", 1400), ("Auditorium K", 800), ("Auditorium H", 450), ("Seminar Room 1", 180),
        ("Seminar Room 2", 150), ("Lecture Theatre A", 300), ("Lecture Theatre B", 250), ("Workshop Room", 60),
    ];

    public static readonly string[] Buildings = ["AW", "H", "K", "UA", "UB", "UD"];

    public static readonly string[] AccessNotes =
    [
        "", "", "", "Step-free access via the lift by the main stairs.", "Induction loop; ask at the desk for a receiver.",
        "Stairs only; the lift key is at the info desk.", "Reserved wheelchair spaces in the front row.",
    ];

    public static readonly string[] Words =
    [
        "community", "free", "software", "open", "source", "volunteers", "talks", "workshops", "hallway", "track",
        "developers", "maintainers", "packaging", "kernel", "licences", "documentation", "translation", "design",
        "security", "testing", "hardware", "networks", "databases", "compilers", "browsers", "privacy", "standards",
        "sustainable", "funding", "governance", "accessibility", "education", "research", "mentoring", "newcomers",
        "welcome", "coffee", "stickers", "badges", "schedule", "rooms", "speakers", "attendees", "friends", "code",
    ];

    public static string Sentence(Random random, int words)
    {
        var picked = Enumerable.Range(0, words).Select(_ => random.Pick(Words)).ToArray();
        picked[0] = char.ToUpperInvariant(picked[0][0]) + picked[0][1..];
        return string.Join(' ', picked) + ".";
    }

    public static string Paragraph(Random random, int sentences) =>
        string.Join(' ', Enumerable.Range(0, sentences).Select(_ => Sentence(random, random.Next(6, 14))));
}
