import BakeoffModel

/// One slide of the talk: what is shown, and what its speaker says.
public struct Slide: Hashable, Sendable {
    /// A stable id (`title`, `architecture`, a stage id, `cost-risk`, `ask`), usable in `talk.speakers`.
    public var id: String
    public var title: String
    /// The slide's Markdown body (user text already escaped).
    public var body: String
    /// What the speaker says, in plain sentences; its word count times the pace gives the slide's time.
    public var notes: String

    public init(id: String, title: String, body: String, notes: String) {
        self.id = id
        self.title = title
        self.body = body
        self.notes = notes
    }
}

/// Who speaks which slide, how long each part takes, and whether the talk fits its rules.
public struct TalkPlan: Hashable, Sendable {
    public struct Part: Hashable, Sendable {
        public var slide: String
        public var speaker: String
        public var words: Int
        public var seconds: Int
    }

    public var parts: [Part]
    /// Member id → seconds, in the team's member order.
    public var perSpeaker: [(member: String, seconds: Int)]
    public var totalSeconds: Int
    public var limitSeconds: Int
    public var minimumPerMemberSeconds: Int
    /// Every rule the plan breaks, in words; empty when the talk fits.
    public var problems: [String]

    public var fits: Bool { problems.isEmpty }

    public static func == (a: TalkPlan, b: TalkPlan) -> Bool {
        a.parts == b.parts && a.perSpeaker.map(\.member) == b.perSpeaker.map(\.member)
            && a.perSpeaker.map(\.seconds) == b.perSpeaker.map(\.seconds) && a.problems == b.problems
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(parts)
        hasher.combine(problems)
    }

    /// Words in a note: runs of letters or digits (so "5:00" and "p95" count once each).
    public static func words(in text: String) -> Int {
        var count = 0
        var inWord = false
        for c in text {
            let partOfWord = c.isLetter || c.isNumber || (inWord && (c == "'" || c == "’"))
            if partOfWord && !inWord { count += 1 }
            inWord = partOfWord
        }
        return count
    }

    /// Plans `slides` for `team`: explicit speakers from `talk.speakers`, the rest balanced in contiguous blocks.
    public static func plan(slides: [Slide], team: Team) -> TalkPlan {
        let talk = team.talk
        let pace = Double(max(1, talk.wordsPerMinute))
        let wordCounts = slides.map { Self.words(in: $0.notes) }
        let seconds = wordCounts.map { Int((Double($0) * 60 / pace).rounded()) }
        let speakers = assignSpeakers(seconds: seconds, slides: slides, team: team)
        var parts: [Part] = []
        var perMember: [String: Int] = [:]
        for i in slides.indices {
            parts.append(Part(slide: slides[i].id, speaker: speakers[i], words: wordCounts[i], seconds: seconds[i]))
            perMember[speakers[i], default: 0] += seconds[i]
        }
        let perSpeaker = team.members.map { (member: $0.id, seconds: perMember[$0.id] ?? 0) }
        let total = seconds.reduce(0, +)
        var problems: [String] = []
        if total > talk.limitSeconds {
            problems.append(
                "the talk takes \(Numbers.minutesSeconds(total)), over its limit of \(Numbers.minutesSeconds(talk.limitSeconds)); shorten the notes")
        }
        for (member, time) in perSpeaker where time < talk.minimumPerMemberSeconds {
            let name = team.member(member)?.name ?? member
            problems.append(
                time == 0
                    ? "\(name) has no slide; every member must speak at least \(Numbers.minutesSeconds(talk.minimumPerMemberSeconds))"
                    : "\(name) speaks \(Numbers.minutesSeconds(time)), under the minimum of \(Numbers.minutesSeconds(talk.minimumPerMemberSeconds))")
        }
        return TalkPlan(
            parts: parts, perSpeaker: perSpeaker, totalSeconds: total, limitSeconds: talk.limitSeconds,
            minimumPerMemberSeconds: talk.minimumPerMemberSeconds, problems: problems)
    }

    /// Slides named in `talk.speakers` keep their speaker; the others go, in order, to contiguous blocks
    /// that bring every member as close as possible to an equal share of the talk.
    static func assignSpeakers(seconds: [Int], slides: [Slide], team: Team) -> [String] {
        let members = team.members.map(\.id)
        guard !members.isEmpty else { return slides.map { _ in "" } }
        var result = slides.map { team.talk.speakers[$0.id] }
        var time: [String: Int] = [:]
        for (i, speaker) in result.enumerated() { if let speaker { time[speaker, default: 0] += seconds[i] } }
        let free = result.indices.filter { result[$0] == nil }
        let total = seconds.reduce(0, +)
        let share = Double(total) / Double(members.count)
        // Members still under their share take the free slides in member order, each until it reaches its share.
        var queue = members.filter { Double(time[$0] ?? 0) < share }
        if queue.isEmpty { queue = members }
        var q = 0
        for (n, i) in free.enumerated() {
            let member = queue[min(q, queue.count - 1)]
            result[i] = member
            time[member, default: 0] += seconds[i]
            // Move on at the share, or when the slides left are just enough for the members still silent.
            let slidesLeft = free.count - n - 1
            let silentLeft = queue.dropFirst(q + 1).filter { (time[$0] ?? 0) == 0 }.count
            if q < queue.count - 1, Double(time[member]!) >= share || slidesLeft <= silentLeft { q += 1 }
        }
        return result.map { $0 ?? members[0] }
    }

    /// The plan as a terminal report: per slide, per speaker, the total, and every problem.
    public func report(team: Team) -> String {
        var lines: [String] = []
        let nameOf = { (id: String) in team.member(id)?.name ?? id }
        let slideWidth = max(5, parts.map(\.slide.count).max() ?? 5)
        lines.append("slide".padding(toLength: slideWidth, withPad: " ", startingAt: 0) + "  words   time  speaker")
        for part in parts {
            let words = String(part.words)
            lines.append(
                part.slide.padding(toLength: slideWidth, withPad: " ", startingAt: 0) + "  "
                    + String(repeating: " ", count: max(0, 5 - words.count)) + words + "  "
                    + pad(Numbers.minutesSeconds(part.seconds), 5) + "  " + nameOf(part.speaker))
        }
        lines.append("")
        for (member, seconds) in perSpeaker {
            let mark = seconds < minimumPerMemberSeconds ? "  under \(Numbers.minutesSeconds(minimumPerMemberSeconds))" : ""
            lines.append("\(nameOf(member)): \(Numbers.minutesSeconds(seconds))\(mark)")
        }
        lines.append(
            "total: \(Numbers.minutesSeconds(totalSeconds)) of \(Numbers.minutesSeconds(limitSeconds))")
        lines += problems.map { "problem: \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
