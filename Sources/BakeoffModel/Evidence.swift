/// What happened to one step of one repetition.
public enum ObservationStatus: String, Codable, Sendable, CaseIterable {
    case ok
    case failed
    case timeout
    case unsupported
    case skipped
}

/// One measured step of one repetition.
public struct Observation: Hashable, Codable, Sendable {
    public var runID: String
    public var stage: String
    public var tool: String
    public var step: String
    /// 1-based; repetition 1 is the cold run.
    public var repetition: Int
    public var status: ObservationStatus
    /// ISO 8601 UTC start time.
    public var startedAt: String
    public var wallSeconds: Double?
    /// User + system CPU of the step's process tree.
    public var cpuSeconds: Double?
    /// Peak resident memory of the whole process tree, sampled.
    public var peakMemoryBytes: Int64?
    public var exitCode: Int32?
    /// Why the step was unsupported, skipped or failed, in words.
    public var reason: String?
    /// The last lines of the step's stderr.
    public var stderrTail: String
    /// Metrics the step printed as a JSON object on its last stdout line.
    public var metrics: [String: Double]

    public init(
        runID: String, stage: String, tool: String, step: String, repetition: Int, status: ObservationStatus,
        startedAt: String, wallSeconds: Double? = nil, cpuSeconds: Double? = nil, peakMemoryBytes: Int64? = nil,
        exitCode: Int32? = nil, reason: String? = nil, stderrTail: String = "", metrics: [String: Double] = [:]
    ) {
        self.runID = runID
        self.stage = stage
        self.tool = tool
        self.step = step
        self.repetition = repetition
        self.status = status
        self.startedAt = startedAt
        self.wallSeconds = wallSeconds
        self.cpuSeconds = cpuSeconds
        self.peakMemoryBytes = peakMemoryBytes
        self.exitCode = exitCode
        self.reason = reason
        self.stderrTail = stderrTail
        self.metrics = metrics
    }
}

/// The machine and software a run was measured on.
public struct Provenance: Hashable, Codable, Sendable {
    public var cpuModel: String
    public var cores: Int
    public var memoryBytes: Int64
    public var os: String
    public var kernel: String
    public var python: String
    public var uv: String
    public var gitCommit: String
    public var bakeoffVersion: String
    /// `loopback-only` when steps ran in a network namespace with only loopback, otherwise why not.
    public var network: String
    /// The machine's speed on a fixed workload when the run began; nil in runs recorded before it existed.
    public var calibration: Calibration?

    public init(
        cpuModel: String, cores: Int, memoryBytes: Int64, os: String, kernel: String, python: String, uv: String,
        gitCommit: String, bakeoffVersion: String, network: String, calibration: Calibration? = nil
    ) {
        self.cpuModel = cpuModel
        self.cores = cores
        self.memoryBytes = memoryBytes
        self.os = os
        self.kernel = kernel
        self.python = python
        self.uv = uv
        self.gitCommit = gitCommit
        self.bakeoffVersion = bakeoffVersion
        self.network = network
        self.calibration = calibration
    }
}

/// One tool's installed environment as used by a run.
public struct EnvironmentRecord: Hashable, Codable, Sendable {
    public var stage: String
    public var tool: String
    /// `python` or `debian`.
    public var kind: String
    /// SHA-256 of the lock file (python) or of the package list (debian).
    public var lockHash: String
    public var toolVersion: String
    /// Wall time of the install; nil when a cached environment was reused.
    public var installSeconds: Double?
    public var sizeBytes: Int64
    public var distributions: Int
    /// `name==version`, sorted.
    public var packages: [String]

    public init(
        stage: String, tool: String, kind: String, lockHash: String, toolVersion: String, installSeconds: Double?,
        sizeBytes: Int64, distributions: Int, packages: [String]
    ) {
        self.stage = stage
        self.tool = tool
        self.kind = kind
        self.lockHash = lockHash
        self.toolVersion = toolVersion
        self.installSeconds = installSeconds
        self.sizeBytes = sizeBytes
        self.distributions = distributions
        self.packages = packages
    }
}

/// How a run ended.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case running
    case complete
    case interrupted
    /// Left `running` by a process that no longer exists (killed, or the machine went down): what it
    /// recorded is kept, but it will never finish.
    case abandoned
}

/// One execution of scenarios, with its provenance and every observation.
public struct Run: Hashable, Codable, Sendable {
    public var id: String
    public var startedAt: String
    public var endedAt: String?
    public var status: RunStatus
    public var repetitions: Int
    public var provenance: Provenance
    public var environments: [EnvironmentRecord]
    public var observations: [Observation]

    public init(
        id: String, startedAt: String, endedAt: String?, status: RunStatus, repetitions: Int,
        provenance: Provenance, environments: [EnvironmentRecord], observations: [Observation]
    ) {
        self.id = id
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.repetitions = repetitions
        self.provenance = provenance
        self.environments = environments
        self.observations = observations
    }
}

extension EnvironmentRecord {
    /// How the reason of a step begins when its tool's environment could not be installed.
    public static func installFailurePrefix(_ tool: String) -> String { "installing \(tool) failed: " }
}

extension ObservationStatus {
    /// The worst outcome among a step's repetitions (one failure makes the step failed); nil when empty.
    public static func worst(_ statuses: [ObservationStatus]) -> ObservationStatus? {
        [ObservationStatus.failed, .timeout, .unsupported, .skipped, .ok].first { statuses.contains($0) }
    }
}
