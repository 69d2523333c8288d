using EventPlanner.Scheduling;

namespace EventPlanner.Bench.Generator;

/// <summary>
/// A seeded scheduling problem shaped like the generated event (FOSDEM: devrooms hosting one or two tracks, a few
/// main rooms for keynotes and main talks, speakers mostly available throughout, stars clustered by interest).
/// Built in memory: the solver's input, not the app's database.
/// </summary>
public static class SolverInstance
{
    /// <param name="starsByTrack">
    /// False (the bench's instance since issue 16 began): each star is the better of two draws from all the sessions of
    /// the attendee's tracks and the main track together, so main's 110 talks are three quarters of every draw and, with
    /// their popularity lead, take about 89 % of all stars while their rooms hold about 18 % of the seats; every popular
    /// pair then lies among them. True: each star first picks one of the attendee's tracks (main is one of them), then
    /// the better of two draws inside it. The solve scenario reports both.
    /// </param>
    public static SchedulingProblem Generate(int seed, int sessions, int rooms, int days, int tracks, int attendees, int starsPerAttendee = 5,
        bool starsByTrack = false)
    {
        var random = SeededRandom.For(seed, "solver-instance");
        var dayList = Enumerable.Range(0, days).Select(d => d % 2 == 0 ? new EventDay(d, 10 * 60, 19 * 60) : new EventDay(d, 9 * 60, 17 * 60)).ToList();

        // Main rooms take keynotes and main-track talks; devrooms host their tracks (track k: room k and room k + half).
        var mainRooms = Math.Max(1, rooms / 12);
        var devrooms = Math.Max(1, rooms - mainRooms);
        var trackNames = Enumerable.Range(0, tracks).Select(k => $"track-{k:000}").ToList();
        var hosted = Enumerable.Range(0, devrooms).Select(_ => new List<string>()).ToList();
        for (var k = 0; k < tracks; k++)
        {
            hosted[k % devrooms].Add(trackNames[k]);
            if (devrooms > 1) hosted[(k + devrooms / 2) % devrooms].Add(trackNames[k]);
        }
        var roomList = new List<Room>();
        for (var r = 0; r < mainRooms; r++)
            roomList.Add(new Room($"main-{r}", r == 0 ? 1400 : 500 - 50 * Math.Min(r, 6), StepFree: true, SessionTypes: ["keynote", "talk"], Tracks: ["main"]));
        for (var r = 0; r < devrooms; r++)
            roomList.Add(new Room($"dev-{r:000}", 60 + 20 * random.Next(0, 15), StepFree: random.NextDouble() < 0.7,
                SessionTypes: r % 15 == 7 ? ["workshop", "talk", "lightning"] : ["talk", "lightning"], Tracks: hosted[r].Distinct().ToList()));

        // Sessions: a few keynotes, main talks for a tenth, the rest in tracks.
        var keynotes = Math.Min(2 * days, Math.Max(1, sessions / 200));
        var mainTalks = Math.Max(0, sessions / 10 - keynotes);
        var list = new List<SessionToPlace>();
        var speakers = new List<Speaker>();
        var speakerPool = new List<string>();
        var popularity = new double[sessions];
        for (var i = 0; i < sessions; i++)
        {
            popularity[i] = Math.Pow(random.NextDouble(), 3) * 100 + (i < keynotes + mainTalks ? 50 : 0);
            string track, type;
            int duration;
            if (i < keynotes) (track, type, duration) = ("main", "keynote", 45);
            else if (i < keynotes + mainTalks) (track, type, duration) = ("main", "talk", 45);
            else
            {
                track = trackNames[random.Next(tracks)];
                var roll = random.NextDouble();
                (type, duration) = roll < 0.1 ? ("lightning", 15) : roll < 0.6 ? ("talk", 25) : roll < 0.8 ? ("talk", 40) : roll < 0.97 ? ("talk", 50) : ("workshop", 90);
            }
            var candidates = roomList.Where(r => r.Tracks!.Contains(track) && r.SessionTypes!.Contains(type)).ToList();
            if (candidates.Count == 0) (type, duration) = ("talk", 50);
            candidates = roomList.Where(r => r.Tracks!.Contains(track) && r.SessionTypes!.Contains(type)).ToList();
            var maxCapacity = candidates.Max(r => r.Capacity);
            var audience = Math.Min(maxCapacity, (int)(20 + popularity[i] * 4));
            var needsStepFree = random.NextDouble() < 0.05 && candidates.Any(r => r.StepFree && r.Capacity >= audience);

            // A tenth of the speakers give a second session; some talks have a co-speaker.
            var ids = new List<string>();
            ids.Add(speakerPool.Count > 10 && random.NextDouble() < 0.1 ? random.Pick(speakerPool) : NewSpeaker());
            if (random.NextDouble() < 0.15) ids.Add(NewSpeaker());
            list.Add(new SessionToPlace($"s{i:0000}", duration, type, track, ids.Distinct().ToList(), audience, (int)popularity[i],
                NeedsStepFree: needsStepFree, Keynote: type == "keynote"));
        }

        string NewSpeaker()
        {
            var id = $"p{speakers.Count:0000}";
            var roll = random.NextDouble();
            IReadOnlyList<TimeWindow>? available = null, busy = null, preferred = null;
            if (roll < 0.15 && days > 1) { var d = random.Next(days); available = [new(d, 0, 24 * 60)]; }
            else if (roll < 0.22) { var d = random.Next(days); available = [.. Enumerable.Range(0, days).Where(x => x != d).Select(x => new TimeWindow(x, 0, 24 * 60)), new(d, 13 * 60, 24 * 60)]; }
            if (random.NextDouble() < 0.03) { var d = random.Next(days); var h = random.Next(10, 16); busy = [new(d, h * 60, h * 60 + 60)]; }
            if (random.NextDouble() < 0.1) preferred = Enumerable.Range(0, days).Select(x => random.NextDouble() < 0.5 ? new TimeWindow(x, 0, 13 * 60) : new TimeWindow(x, 13 * 60, 24 * 60)).ToList();
            speakers.Add(new Speaker(id, available, busy, preferred));
            speakerPool.Add(id);
            return id;
        }

        // Stars: each attendee follows two or three tracks and stars popular sessions in them, plus main talks.
        var byTrack = list.Select((s, i) => (s, i)).GroupBy(x => x.s.Track!).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToList());
        var trackKeys = byTrack.Keys.ToList();
        var coStars = new Dictionary<(int, int), int>();
        for (var a = 0; a < attendees; a++)
        {
            var follows = Enumerable.Range(0, 2 + random.Next(2)).Select(_ => random.Pick(trackKeys)).Append("main").Distinct().ToList();
            var all = follows.SelectMany(t => byTrack.GetValueOrDefault(t) ?? []).ToList();
            var starred = new HashSet<int>();
            for (var n = 0; n < starsPerAttendee && all.Count > 0; n++)
            {
                var pool = starsByTrack ? byTrack.GetValueOrDefault(random.Pick(follows)) ?? [] : all;
                if (pool.Count == 0) continue;
                // Popularity-weighted pick: the better of two draws.
                int x = random.Pick(pool), y = random.Pick(pool);
                starred.Add(popularity[x] >= popularity[y] ? x : y);
            }
            var s = starred.Order().ToList();
            for (var i = 0; i < s.Count; i++)
                for (var j = i + 1; j < s.Count; j++)
                    coStars[(s[i], s[j])] = coStars.GetValueOrDefault((s[i], s[j])) + 1;
        }
        var pairs = coStars.Where(p => p.Value >= 2).OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(sessions * 3)
            .Select(p => new PopularPair(list[p.Key.Item1].Id, list[p.Key.Item2].Id, p.Value)).ToList();

        return new SchedulingProblem
        {
            GridMinutes = 5,
            Days = dayList,
            Rooms = roomList,
            Sessions = list,
            Speakers = speakers,
            PopularPairs = pairs,
        };
    }
}
