/// The kind of company the team works for; it selects cost-model inputs and suggests a weight profile.
public enum CompanyKind: String, Codable, Sendable, CaseIterable {
    case startup
    case midSize = "mid-size"
    case enterprise
}

/// The kind of data-science team the platform serves.
public enum DataScienceTeamKind: String, Codable, Sendable, CaseIterable {
    case experimentation
    case core
    case research
}

/// One person on the team.
public struct Member: Hashable, Codable, Sendable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// One weekly check-in: its id (`group-details` or a stage id) and when it is due.
public struct CheckInSlot: Hashable, Codable, Sendable {
    public var id: String
    public var due: Day

    public init(id: String, due: Day) {
        self.id = id
        self.due = due
    }
}

/// One candidate under assessment in a stage, and who assesses it.
public struct Assessment: Hashable, Codable, Sendable {
    public var tool: String
    public var assessors: [String]

    public init(tool: String, assessors: [String]) {
        self.tool = tool
        self.assessors = assessors
    }
}

/// The team's choice of candidates for one stage.
public struct StageAssignment: Hashable, Codable, Sendable {
    public var stage: String
    public var candidates: [Assessment]

    public init(stage: String, candidates: [Assessment]) {
        self.stage = stage
        self.candidates = candidates
    }
}

/// Settings of the final talk.
public struct TalkSettings: Hashable, Codable, Sendable {
    /// The hard limit of the whole talk, in seconds (5:00 by default).
    public var limitSeconds: Int
    /// The least each member must speak, in seconds (1:00 by default).
    public var minimumPerMemberSeconds: Int
    /// Speaking pace used to estimate a slide's time from its notes.
    public var wordsPerMinute: Int
    /// Slide id → member id; slides not named here are balanced automatically.
    public var speakers: [String: String]
    /// Seconds lost at each change of slide (the click, the eyes finding the new slide).
    public var slideChangeSeconds: Int
    /// Seconds lost at each change of speaker (the hand-over, "thank you, Ben").
    public var speakerChangeSeconds: Int
    /// Seconds the planned talk stays under its limit, and each member over the minimum: nerves speed people
    /// up or slow them down, and a plan that fits exactly fails on the day.
    public var safetyMarginSeconds: Int

    public init(
        limitSeconds: Int = 300, minimumPerMemberSeconds: Int = 60, wordsPerMinute: Int = 150,
        speakers: [String: String] = [:], slideChangeSeconds: Int = 2, speakerChangeSeconds: Int = 3,
        safetyMarginSeconds: Int = 10
    ) {
        self.limitSeconds = limitSeconds
        self.minimumPerMemberSeconds = minimumPerMemberSeconds
        self.wordsPerMinute = wordsPerMinute
        self.speakers = speakers
        self.slideChangeSeconds = slideChangeSeconds
        self.speakerChangeSeconds = speakerChangeSeconds
        self.safetyMarginSeconds = safetyMarginSeconds
    }
}

/// What `bakeoff.yaml` says about the team and its choices.
public struct Team: Hashable, Codable, Sendable {
    public var name: String
    public var company: CompanyKind
    public var dataScienceTeam: DataScienceTeamKind
    public var product: String
    public var members: [Member]
    /// The member who posts the check-ins.
    public var poster: String
    public var schedule: [CheckInSlot]
    /// The active weight profile's id.
    public var profile: String
    public var stages: [StageAssignment]
    public var talk: TalkSettings
    /// Run ids the team pinned as its evidence set (`evidence.pin` in bakeoff.yaml): each wins over newer runs
    /// of the stages and tools it holds.
    public var pinnedRuns: [String] = []
    /// The team's own seat prices per month for SaaS tools without a sourced price (`assumptions.seat_usd_month`
    /// in bakeoff.yaml), labelled as assumptions wherever a cost uses them.
    public var assumedSeatPrices: [String: Double] = [:]
    /// The deliverables checklist: the course's rules from the `rubric:` block, or the generic one.
    public var rubric: RubricRules

    public init(
        name: String, company: CompanyKind, dataScienceTeam: DataScienceTeamKind, product: String,
        members: [Member], poster: String, schedule: [CheckInSlot], profile: String,
        stages: [StageAssignment], talk: TalkSettings = TalkSettings(), rubric: RubricRules = .generic
    ) {
        self.rubric = rubric
        self.name = name
        self.company = company
        self.dataScienceTeam = dataScienceTeam
        self.product = product
        self.members = members
        self.poster = poster
        self.schedule = schedule
        self.profile = profile
        self.stages = stages
        self.talk = talk
    }

    /// The member with this id, if any.
    public func member(_ id: String) -> Member? { members.first { $0.id == id } }

    /// The team's assignment for a stage, if it assesses that stage.
    public func assignment(for stage: String) -> StageAssignment? { stages.first { $0.stage == stage } }
}
