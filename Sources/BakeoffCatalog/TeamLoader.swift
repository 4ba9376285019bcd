import BakeoffModel

/// Reads `bakeoff.yaml` and checks its references against the catalog.
struct TeamLoader {
    let files: ProjectFiles
    let stages: [Stage]
    let profiles: [Profile]

    static let path = "bakeoff.yaml"
    /// The id of the first check-in, which introduces the group.
    public static let groupDetails = "group-details"

    func load() -> Team? {
        guard let root = files.yaml(Self.path),
            let m = root.mapping(
                required: ["team", "company", "data_science_team", "product", "members", "checkins", "profile", "stages"],
                optional: ["talk", "evidence", "assumptions", "rubric"])
        else { return nil }
        let name = m["team"]?.name()
        let company = m["company"]?.oneOf(CompanyKind.allCases.map { ($0.rawValue, $0) }, what: "company kind")
        let dsTeam = m["data_science_team"]?.oneOf(
            DataScienceTeamKind.allCases.map { ($0.rawValue, $0) }, what: "data-science team kind")
        let product = m["product"]?.string()
        let members = m["members"].flatMap(readMembers) ?? []
        let memberIDs = members.map(\.id)
        let (poster, schedule) = m["checkins"].flatMap { readCheckins($0, members: memberIDs) } ?? (nil, [])
        let profile = m["profile"].flatMap { value -> String? in
            guard let id = value.string() else { return nil }
            guard profiles.contains(where: { $0.id == id }) || profiles.isEmpty else {
                value.error("unknown profile '\(id)'", hint: Spelling.hint(for: id, among: profiles.map(\.id), what: "profile"))
                return nil
            }
            return id
        }
        let assignments = m["stages"].flatMap { readAssignments($0, members: memberIDs) } ?? []
        let rubric = m["rubric"].flatMap(readRubric) ?? .generic
        var talk = m["talk"].flatMap { readTalk($0, members: memberIDs, rubric: rubric) } ?? TalkSettings()
        if m["talk"] == nil {
            talk.limitSeconds = rubric.talkLimitSeconds ?? talk.limitSeconds
            talk.minimumPerMemberSeconds = rubric.minimumPerMemberSeconds ?? talk.minimumPerMemberSeconds
        }
        let pins = m["evidence"].flatMap(readPins) ?? []
        guard let name, let company, let dsTeam, let product, let poster, let profile else { return nil }
        var team = Team(
            name: name, company: company, dataScienceTeam: dsTeam, product: product, members: members, poster: poster,
            schedule: schedule, profile: profile, stages: assignments, talk: talk, rubric: rubric)
        team.pinnedRuns = pins
        team.assumedSeatPrices = m["assumptions"].flatMap(readAssumptions) ?? [:]
        return team
    }

    /// `assumptions: {seat_usd_month: {TOOL: PRICE}}`: the team's own seat prices for tools with no sourced one.
    private func readAssumptions(_ value: YAMLValue) -> [String: Double]? {
        guard let m = value.mapping(optional: ["seat_usd_month"]), let prices = m["seat_usd_month"]?.entries() else { return nil }
        let known = Set(stages.flatMap { $0.candidates.map(\.id) })
        var result: [String: Double] = [:]
        for (key, entry) in prices {
            guard known.contains(key.text) || known.isEmpty else {
                key.error("unknown tool '\(key.text)'", hint: Spelling.hint(for: key.text, among: known.sorted(), what: "tool"))
                continue
            }
            if let price = entry.nonNegativeDouble() { result[key.text] = price }
        }
        return result
    }

    /// `evidence: {pin: [RUN_ID, ...]}`: the runs a team fixes as its evidence set for the final talk.
    private func readPins(_ value: YAMLValue) -> [String]? {
        guard let m = value.mapping(optional: ["pin"]) else { return nil }
        return m["pin"]?.stringList()
    }

    private func readMembers(_ value: YAMLValue) -> [Member]? {
        guard let list = value.sequence() else { return nil }
        if list.isEmpty { value.error("a team needs at least one member", hint: "add '- name: …' under members:") }
        var ids = IdentifierRegistry(what: "member")
        return list.compactMap { item in
            guard let m = item.mapping(required: ["id", "name"]), let id = m["id"]?.string(),
                let name = m["name"]?.name(), ids.register(id, at: m["id"]!)
            else { return nil }
            return Member(id: id, name: name)
        }
    }

    private func memberReference(_ value: YAMLValue, members: [String]) -> String? {
        guard let id = value.string() else { return nil }
        guard members.contains(id) else {
            value.error("unknown member '\(id)'", hint: Spelling.hint(for: id, among: members, what: "member"))
            return nil
        }
        return id
    }

    private func readCheckins(_ value: YAMLValue, members: [String]) -> (String?, [CheckInSlot])? {
        guard let m = value.mapping(required: ["poster", "schedule"]) else { return nil }
        let poster = m["poster"].flatMap { memberReference($0, members: members) }
        var slots: [CheckInSlot] = []
        let known = [Self.groupDetails] + stages.map(\.id)
        var ids = IdentifierRegistry(what: "check-in")
        for item in m["schedule"]?.sequence() ?? [] {
            guard let s = item.mapping(required: ["id", "due"]) else { continue }
            let id = s["id"]?.string()
            let due = s["due"]?.day()
            guard let id, let due else { continue }
            guard known.contains(id) else {
                s["id"]!.error(
                    "unknown check-in '\(id)'",
                    hint: Spelling.hint(for: id, among: known, what: "check-in (group-details or a stage id)"))
                continue
            }
            guard ids.register(id, at: s["id"]!) else { continue }
            if let previous = slots.last, due < previous.due {
                s["due"]!.error("check-in '\(id)' is due \(due), before the previous one (\(previous.due))", hint: "list the schedule in date order")
            }
            slots.append(CheckInSlot(id: id, due: due))
        }
        return (poster, slots)
    }

    private func readAssignments(_ value: YAMLValue, members: [String]) -> [StageAssignment]? {
        guard let entries = value.entries() else { return nil }
        var result: [StageAssignment] = []
        for (key, entry) in entries {
            guard let stage = stages.first(where: { $0.id == key.text }) else {
                key.error("unknown stage '\(key.text)'", hint: Spelling.hint(for: key.text, among: stages.map(\.id), what: "stage"))
                continue
            }
            guard let tools = entry.entries() else { continue }
            var candidates: [Assessment] = []
            for (toolKey, assessorsValue) in tools {
                guard stage.candidate(toolKey.text) != nil else {
                    toolKey.error(
                        "'\(toolKey.text)' is not a candidate of stage '\(stage.id)'",
                        hint: Spelling.hint(for: toolKey.text, among: stage.candidates.map(\.id), what: "candidate"))
                    continue
                }
                guard let list = assessorsValue.sequence() else { continue }
                let assessors = list.compactMap { memberReference($0, members: members) }
                if list.isEmpty {
                    assessorsValue.error("no assessor for '\(toolKey.text)'", hint: "name at least one member who assesses it")
                }
                candidates.append(Assessment(tool: toolKey.text, assessors: assessors))
            }
            result.append(StageAssignment(stage: stage.id, candidates: candidates))
        }
        return result.sorted { a, b in
            (stages.first { $0.id == a.stage }?.order ?? 0) < (stages.first { $0.id == b.stage }?.order ?? 0)
        }
    }

    /// The talk settings; a rubric's limits are the defaults, and a team may be stricter than its rubric, never looser.
    private func readTalk(_ value: YAMLValue, members: [String], rubric: RubricRules) -> TalkSettings? {
        guard let m = value.mapping(optional: [
            "limit", "minimum_per_member", "words_per_minute", "speakers", "slide_change", "speaker_change", "safety_margin",
        ]) else {
            return nil
        }
        var talk = TalkSettings()
        talk.limitSeconds = rubric.talkLimitSeconds ?? talk.limitSeconds
        talk.minimumPerMemberSeconds = rubric.minimumPerMemberSeconds ?? talk.minimumPerMemberSeconds
        if let limit = m["limit"]?.seconds() {
            if limit == 0 {
                m["limit"]!.error("the talk limit must be above 0:00", hint: "write minutes and seconds, e.g. 5:00")
            } else if let most = rubric.talkLimitSeconds, limit > most {
                m["limit"]!.error(
                    "the talk limit \(Numbers.minutesSeconds(limit)) is above the rubric's \(Numbers.minutesSeconds(most))",
                    hint: "shorten it to \(Numbers.minutesSeconds(most)) or less, or change rubric.talk.limit")
            } else {
                talk.limitSeconds = limit
            }
        }
        if let minimum = m["minimum_per_member"]?.seconds() {
            if let least = rubric.minimumPerMemberSeconds, minimum < least {
                m["minimum_per_member"]!.error(
                    "\(Numbers.minutesSeconds(minimum)) per member is below the rubric's \(Numbers.minutesSeconds(least))",
                    hint: "raise it to \(Numbers.minutesSeconds(least)) or more, or change rubric.talk.minimum_per_member")
            } else {
                talk.minimumPerMemberSeconds = minimum
            }
        }
        if let pace = m["words_per_minute"]?.int(min: 1) { talk.wordsPerMinute = pace }
        // Whole seconds; they count in the plan's time, so the talk is planned with its pauses.
        if let change = m["slide_change"]?.int(min: 0) { talk.slideChangeSeconds = change }
        if let change = m["speaker_change"]?.int(min: 0) { talk.speakerChangeSeconds = change }
        if let margin = m["safety_margin"]?.int(min: 0) { talk.safetyMarginSeconds = margin }
        for (key, speaker) in m["speakers"]?.entries() ?? [] {
            if let member = memberReference(speaker, members: members) { talk.speakers[key.text] = member }
        }
        return talk
    }

    /// The `rubric:` block: a course's rules for the deliverables. Every key is optional; what is left out is not required.
    private func readRubric(_ value: YAMLValue) -> RubricRules? {
        guard
            let m = value.mapping(
                required: ["title"],
                optional: ["stages", "candidates_per_stage", "required_tools", "checkins", "team_size", "talk"])
        else { return nil }
        guard let title = m["title"]?.string() else { return nil }
        var rules = RubricRules(title: title)
        rules.stages = m["stages"]?.int(min: 1)
        if let value = m["stages"], let count = rules.stages, count > stages.count, !stages.isEmpty {
            value.warning(
                "the rubric asks for \(count) stages and the catalog defines \(stages.count)",
                hint: "add stages under stages/, or lower rubric.stages")
        }
        rules.candidatesPerStage = m["candidates_per_stage"]?.int(min: 1) ?? rules.candidatesPerStage
        rules.checkins = m["checkins"]?.int(min: 1)
        for (key, tools) in m["required_tools"]?.entries() ?? [] {
            guard let stage = stages.first(where: { $0.id == key.text }) else {
                key.error("unknown stage '\(key.text)'", hint: Spelling.hint(for: key.text, among: stages.map(\.id), what: "stage"))
                continue
            }
            guard let list = tools.sequence() else { continue }
            for item in list {
                guard let tool = item.string() else { continue }
                guard stage.candidate(tool) != nil else {
                    item.error(
                        "'\(tool)' is not a candidate of stage '\(stage.id)'",
                        hint: Spelling.hint(for: tool, among: stage.candidates.map(\.id), what: "candidate"))
                    continue
                }
                rules.requiredTools.append(.init(stage: stage.id, tool: tool))
            }
        }
        if let size = m["team_size"]?.mapping(required: ["min", "max"]),
            let least = size["min"]?.int(min: 1), let most = size["max"]?.int(min: 1)
        {
            if most < least {
                size.owner.error("team_size.max \(most) is below team_size.min \(least)", hint: "swap them")
            } else {
                rules.teamSize = least...most
            }
        }
        if let talk = m["talk"]?.mapping(optional: ["limit", "minimum_per_member"]) {
            rules.talkLimitSeconds = talk["limit"]?.seconds()
            rules.minimumPerMemberSeconds = talk["minimum_per_member"]?.seconds()
            if rules.talkLimitSeconds == 0 { talk["limit"]!.error("the talk limit must be above 0:00") }
        }
        return rules
    }
}
