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
    /// The slide's picture, relative to `reports/slides/` (shown beside the body), and its description.
    public var image: String?
    public var imageAlt: String
    /// A backup slide after the ask: shown only to answer a question, never timed in the talk.
    public var backup: Bool

    public init(
        id: String, title: String, body: String, notes: String, image: String? = nil, imageAlt: String = "",
        backup: Bool = false
    ) {
        self.id = id
        self.title = title
        self.body = body
        self.notes = notes
        self.image = image
        self.imageAlt = imageAlt
        self.backup = backup
    }
}

/// Who speaks which slide, how long each part takes, and whether the talk fits its rules.
public struct TalkPlan: Hashable, Sendable {
    public struct Part: Hashable, Sendable {
        public var slide: String
        public var speaker: String
        public var words: Int
        /// Speaking time of the notes.
        public var seconds: Int
        /// Time lost before the slide: the slide change, plus the speaker change when the speaker changes.
        public var transitionSeconds: Int
    }

    public var parts: [Part]
    /// Member id → seconds, in the team's member order.
    public var perSpeaker: [(member: String, seconds: Int)]
    public var totalSeconds: Int
    public var limitSeconds: Int
    public var minimumPerMemberSeconds: Int
    /// The margin the talk keeps under its limit; each member keeps an equal share of it over the minimum.
    public var safetyMarginSeconds: Int
    /// Every rule the plan breaks, in words; empty when the talk fits.
    public var problems: [String]
    /// What the course asks that the plan cannot fix (the team's size), in words.
    public var warnings: [String]

    /// The least a member must speak, with their share of the safety margin.
    public var memberTargetSeconds: Int { minimumPerMemberSeconds + Self.memberMargin(safetyMarginSeconds, members: perSpeaker.count) }

    public var fits: Bool { problems.isEmpty }

    public static func == (a: TalkPlan, b: TalkPlan) -> Bool {
        a.parts == b.parts && a.perSpeaker.map(\.member) == b.perSpeaker.map(\.member)
            && a.perSpeaker.map(\.seconds) == b.perSpeaker.map(\.seconds) && a.problems == b.problems
            && a.warnings == b.warnings
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

    /// Each member's share of the safety margin (rounded up), so that every part, not only the whole, has room.
    public static func memberMargin(_ margin: Int, members: Int) -> Int { members > 0 ? (margin + members - 1) / members : 0 }

    /// The seconds lost to slide and speaker changes when `slides` main slides are shared by `speakers` members
    /// in contiguous blocks.
    public static func transitions(slides: Int, speakers: Int, talk: TalkSettings) -> Int {
        max(0, slides - 1) * talk.slideChangeSeconds + max(0, min(slides, speakers) - 1) * talk.speakerChangeSeconds
    }

    /// Plans `slides` for `team`: explicit speakers from `talk.speakers`, the rest balanced in contiguous blocks.
    /// Backup slides are not part of the talk. A member's time is their speaking plus the slide changes of their
    /// slides; the total adds the speaker changes. `teamSize`: the size the course asks for (a warning outside).
    public static func plan(slides allSlides: [Slide], team: Team, teamSize: ClosedRange<Int>? = nil) -> TalkPlan {
        let talk = team.talk
        let slides = allSlides.filter { !$0.backup }
        let pace = Double(max(1, talk.wordsPerMinute))
        let wordCounts = slides.map { Self.words(in: $0.notes) }
        let seconds = wordCounts.map { Int((Double($0) * 60 / pace).rounded()) }
        let speakers = assignSpeakers(seconds: seconds, slides: slides, team: team)
        var parts: [Part] = []
        var perMember: [String: Int] = [:]
        for i in slides.indices {
            let change = i == 0 ? 0 : talk.slideChangeSeconds + (speakers[i] == speakers[i - 1] ? 0 : talk.speakerChangeSeconds)
            parts.append(
                Part(slide: slides[i].id, speaker: speakers[i], words: wordCounts[i], seconds: seconds[i], transitionSeconds: change))
            perMember[speakers[i], default: 0] += seconds[i] + (i == 0 ? 0 : talk.slideChangeSeconds)
        }
        let perSpeaker = team.members.map { (member: $0.id, seconds: perMember[$0.id] ?? 0) }
        let total = parts.reduce(0) { $0 + $1.seconds + $1.transitionSeconds }
        var problems: [String] = []
        let usable = talk.limitSeconds - talk.safetyMarginSeconds
        if total > usable {
            problems.append(
                "the talk takes \(Numbers.minutesSeconds(total))"
                    + (talk.slideChangeSeconds + talk.speakerChangeSeconds > 0 ? " with its slide and speaker changes" : "")
                    + ", over its limit of \(Numbers.minutesSeconds(talk.limitSeconds))"
                    + (talk.safetyMarginSeconds > 0
                        ? " less a \(talk.safetyMarginSeconds) s safety margin (\(Numbers.minutesSeconds(usable)))" : "")
                    + "; shorten the notes")
        }
        let target = talk.minimumPerMemberSeconds + memberMargin(talk.safetyMarginSeconds, members: team.members.count)
        for (member, time) in perSpeaker where time < target {
            let name = team.member(member)?.name ?? member
            problems.append(
                time == 0
                    ? "\(name) has no slide; every member must speak at least \(Numbers.minutesSeconds(talk.minimumPerMemberSeconds))"
                    : "\(name) speaks \(Numbers.minutesSeconds(time)), under the minimum of "
                        + "\(Numbers.minutesSeconds(talk.minimumPerMemberSeconds))"
                        + (target > talk.minimumPerMemberSeconds ? " plus \(target - talk.minimumPerMemberSeconds) s of safety margin" : ""))
        }
        var warnings: [String] = []
        if let teamSize, !teamSize.contains(team.members.count) {
            warnings.append(
                "the team has \(Prose.count(team.members.count, "member")); the course asks for "
                    + "\(teamSize.lowerBound)–\(teamSize.upperBound)")
        }
        return TalkPlan(
            parts: parts, perSpeaker: perSpeaker, totalSeconds: total, limitSeconds: talk.limitSeconds,
            minimumPerMemberSeconds: talk.minimumPerMemberSeconds, safetyMarginSeconds: talk.safetyMarginSeconds,
            problems: problems, warnings: warnings)
    }

    /// Slides named in `talk.speakers` keep their speaker; the others are split, in order, into one
    /// contiguous block per member (in the team's order) so that the member who speaks least speaks as long
    /// as possible, and then the one who speaks most as briefly as possible.
    static func assignSpeakers(seconds: [Int], slides: [Slide], team: Team) -> [String] {
        let members = team.members.map(\.id)
        guard !members.isEmpty else { return slides.map { _ in "" } }
        var result = slides.map { team.talk.speakers[$0.id] }
        var fixed = Array(repeating: 0, count: members.count)
        for (i, speaker) in result.enumerated() {
            if let speaker, let m = members.firstIndex(of: speaker) { fixed[m] += seconds[i] }
        }
        let free = result.indices.filter { result[$0] == nil }
        let n = free.count, k = members.count
        var prefix = [0]
        for i in free { prefix.append(prefix.last! + seconds[i]) }
        // best[j][i]: the best (least, -most) over members 0..<j when they take free slides 0..<i.
        typealias Score = (least: Int, negMost: Int)
        let worst: Score = (Int.min, Int.min)
        var best = Array(repeating: Array(repeating: worst, count: n + 1), count: k + 1)
        var cut = Array(repeating: Array(repeating: 0, count: n + 1), count: k + 1)
        best[0][0] = (Int.max, 0)
        for j in 1...k {
            for i in 0...n {
                for start in 0...i where best[j - 1][start].least != Int.min {
                    let time = fixed[j - 1] + prefix[i] - prefix[start]
                    let previous = best[j - 1][start]
                    let candidate: Score = (min(previous.least, time), min(previous.negMost, -time))
                    // On a tie the later start wins: earlier members take the slides, later ones wait.
                    if candidate.least > best[j][i].least
                        || (candidate.least == best[j][i].least && candidate.negMost >= best[j][i].negMost)
                    {
                        best[j][i] = candidate
                        cut[j][i] = start
                    }
                }
            }
        }
        var end = n
        for j in stride(from: k, to: 0, by: -1) {
            let start = cut[j][end]
            for f in start..<end { result[free[f]] = members[j - 1] }
            end = start
        }
        return result.map { $0 ?? members[0] }
    }

    /// The view model of `templates/timing.mustache` (`reports/slides/timing.txt`, and what `bakeoff slides`
    /// prints): plain text, each column of the table already padded to its width.
    public struct View: Sendable, Encodable {
        public struct PartView: Sendable, Encodable {
            /// Padded on the right to the widest slide id.
            public var slide: String
            /// Right-aligned in 5 characters.
            public var words: String
            /// `m:ss`, right-aligned in 5 characters.
            public var time: String
            /// `+2 s`, right-aligned in 6 characters.
            public var change: String
            public var speaker: String
        }

        public struct SpeakerView: Sendable, Encodable {
            public var name: String
            public var time: String
            /// The target (`1:00`) when the member speaks less; absent otherwise.
            public var under: String?
        }

        /// `slide`, padded like the slide column.
        public var slideHeader: String
        public var parts: [PartView]
        public var speakers: [SpeakerView]
        public var total: String
        public var limit: String
        /// The safety margin in seconds.
        public var margin: Int
        /// `yes` when the total keeps the margin under the limit, else `no`.
        public var kept: String
        public var problems: [String]
        public var warnings: [String]
    }

    /// The timing table's view model.
    public func view(team: Team) -> View {
        let nameOf = { (id: String) in team.member(id)?.name ?? id }
        let slideWidth = max(5, parts.map(\.slide.count).max() ?? 5)
        return View(
            slideHeader: "slide".padding(toLength: slideWidth, withPad: " ", startingAt: 0),
            parts: parts.map { part in
                View.PartView(
                    slide: part.slide.padding(toLength: slideWidth, withPad: " ", startingAt: 0), words: pad(String(part.words), 5),
                    time: pad(Numbers.minutesSeconds(part.seconds), 5), change: pad("+\(part.transitionSeconds) s", 6),
                    speaker: nameOf(part.speaker))
            },
            speakers: perSpeaker.map { member, seconds in
                View.SpeakerView(
                    name: nameOf(member), time: Numbers.minutesSeconds(seconds),
                    under: seconds < memberTargetSeconds ? Numbers.minutesSeconds(memberTargetSeconds) : nil)
            },
            total: Numbers.minutesSeconds(totalSeconds), limit: Numbers.minutesSeconds(limitSeconds), margin: safetyMarginSeconds,
            kept: totalSeconds + safetyMarginSeconds <= limitSeconds ? "yes" : "no", problems: problems, warnings: warnings)
    }

    /// Per slide its words, time, change and speaker; per member their time; the total against the limit; the
    /// problems and warnings. Rendered with `templates/timing.mustache` (the project's, else the built-in copy).
    public func report(team: Team, templates: TemplateSet = .builtIn) -> String {
        templates.render("timing", view(team: team))
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
