import BakeoffModel
import Foundation

/// `evidence/runs/<run-id>.json`: one run as deterministic JSON, the committed and mergeable record.
///
/// The schema is documented in docs/run-files.md. The same run always gives the same bytes: keys sorted,
/// numbers in shortest round-trip form, observations in canonical order, a newline at the end.
public enum RunFile {
    /// The schema version this bakeoff writes and reads.
    public static let schema = 1

    /// The run as run-file bytes.
    public static func encode(_ run: Run) throws -> Data {
        let run = canonical(run)
        let document: JSONText = .object([
            "schema": .integer(Int64(schema)),
            "id": .string(run.id),
            "startedAt": .string(run.startedAt),
            "endedAt": .string(run.endedAt),
            "status": .string(run.status.rawValue),
            "repetitions": .integer(Int64(run.repetitions)),
            "provenance": provenance(run.provenance),
            "environments": .array(run.environments.map(environment)),
            "observations": .array(run.observations.map(observation)),
        ])
        do {
            return Data(try document.pretty().utf8)
        } catch let error as JSONTextError {
            throw LedgerError(
                file: fileName(for: run.id), problem: "run \(run.id) cannot be written: \(error)",
                remedy: "this is a bug in whatever recorded the value; report it with the run id")
        }
    }

    /// The run in `data`; `file` names the source in errors (`FILE: what is wrong; what to do`).
    public static func decode(_ data: Data, file: String) throws -> Run {
        let decoder = JSONDecoder()
        // One pass when the file is whole (a second pass was a third of importing); when it is not, the schema is
        // read alone first, so a file from a newer bakeoff says so rather than naming a key it does not know.
        let document: Document
        do {
            document = try decoder.decode(Document.self, from: data)
        } catch {
            let probe: SchemaProbe
            do {
                probe = try decoder.decode(SchemaProbe.self, from: data)
            } catch {
                throw malformed(file, describe(error))
            }
            try check(schema: probe.schema, file: file)
            throw malformed(file, describe(error))
        }
        try check(schema: document.schema, file: file)
        do {
            return canonical(try document.run())
        } catch let problem as Problem {
            throw malformed(file, problem.text)
        }
    }

    private static func check(schema version: Int?, file: String) throws {
        guard let version else { throw malformed(file, "missing key `schema`") }
        guard version == schema else {
            if version > schema {
                throw LedgerError(
                    file: file, problem: "schema \(version) is newer than this bakeoff reads (schema \(schema))",
                    remedy: "upgrade bakeoff to import it")
            }
            throw malformed(file, "`schema`: \(version) is not a run-file schema (this bakeoff reads \(schema))")
        }
    }

    /// `<run-id>.json`.
    public static func fileName(for runID: String) -> String { "\(runID).json" }

    /// Whether `id` can name a run file: not empty, no slash, no leading dot, no control character.
    public static func isValidRunID(_ id: String) -> Bool {
        !id.isEmpty && !id.hasPrefix(".") && !id.contains("/")
            && !id.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// The run with environments sorted by stage then tool, and observations by stage, tool, repetition,
    /// keeping the given order of steps within one repetition.
    public static func canonical(_ run: Run) -> Run {
        var run = run
        run.environments = run.environments.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.stage != y.stage { return x.stage.utf8.lexicographicallyPrecedes(y.stage.utf8) }
            if x.tool != y.tool { return x.tool.utf8.lexicographicallyPrecedes(y.tool.utf8) }
            return a.offset < b.offset
        }.map(\.element)
        run.observations = run.observations.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.stage != y.stage { return x.stage.utf8.lexicographicallyPrecedes(y.stage.utf8) }
            if x.tool != y.tool { return x.tool.utf8.lexicographicallyPrecedes(y.tool.utf8) }
            if x.repetition != y.repetition { return x.repetition < y.repetition }
            return a.offset < b.offset
        }.map(\.element)
        return run
    }

    // MARK: - Writing

    private static func provenance(_ p: Provenance) -> JSONText {
        var members: [String: JSONText] = [
            "cpuModel": .string(p.cpuModel), "cores": .integer(Int64(p.cores)), "memoryBytes": .integer(p.memoryBytes),
            "os": .string(p.os), "kernel": .string(p.kernel), "python": .string(p.python), "uv": .string(p.uv),
            "gitCommit": .string(p.gitCommit), "bakeoffVersion": .string(p.bakeoffVersion),
            "network": .string(p.network),
        ]
        // Absent rather than null when not measured: run files written before calibration keep their bytes.
        if let c = p.calibration {
            members["calibration"] = .object(["workload": .string(c.workload), "iterationsPerSecond": .number(c.iterationsPerSecond)])
        }
        return .object(members)
    }

    private static func environment(_ e: EnvironmentRecord) -> JSONText {
        .object([
            "stage": .string(e.stage), "tool": .string(e.tool), "kind": .string(e.kind), "lockHash": .string(e.lockHash),
            "toolVersion": .string(e.toolVersion), "installSeconds": .number(e.installSeconds),
            "sizeBytes": .integer(e.sizeBytes), "distributions": .integer(Int64(e.distributions)),
            "packages": .array(e.packages.map { .string($0) }),
        ])
    }

    private static func observation(_ o: Observation) -> JSONText {
        .object([
            "stage": .string(o.stage), "tool": .string(o.tool), "step": .string(o.step),
            "repetition": .integer(Int64(o.repetition)), "status": .string(o.status.rawValue),
            "startedAt": .string(o.startedAt), "wallSeconds": .number(o.wallSeconds),
            "cpuSeconds": .number(o.cpuSeconds), "peakMemoryBytes": .integer(o.peakMemoryBytes),
            "exitCode": .integer(o.exitCode.map(Int64.init)), "reason": .string(o.reason),
            "stderrTail": .string(o.stderrTail), "metrics": .object(o.metrics.mapValues { .number($0) }),
        ])
    }

    /// What first differs between two versions of one run (as their run files would hold them), or nil when
    /// they are the same.
    static func difference(_ a: Run, _ b: Run) throws -> String? {
        let a = canonical(a), b = canonical(b)
        guard try encode(a) != encode(b) else { return nil }
        for (name, x, y) in [
            ("startedAt", a.startedAt, b.startedAt), ("endedAt", a.endedAt ?? "none", b.endedAt ?? "none"),
            ("status", a.status.rawValue, b.status.rawValue), ("repetitions", String(a.repetitions), String(b.repetitions)),
            ("observations", String(a.observations.count), String(b.observations.count)),
            ("environments", String(a.environments.count), String(b.environments.count)),
        ] where x != y {
            return "`\(name)`: \(Echo.value(x, limit: 40)) there, \(Echo.value(y, limit: 40)) here"
        }
        if a.provenance != b.provenance { return "`provenance` differs" }
        if let i = a.environments.indices.first(where: { a.environments[$0] != b.environments[$0] }) { return "`environments[\(i)]` differs" }
        if let i = a.observations.indices.first(where: { a.observations[$0] != b.observations[$0] }) {
            let o = b.observations[i]
            return "`observations[\(i)]` (\(Echo.value(o.tool, limit: 40)) \(Echo.value(o.step, limit: 40)) repetition \(o.repetition)) differs"
        }
        return "the files differ"
    }

    // MARK: - Reading

    private static func malformed(_ file: String, _ problem: String) -> LedgerError {
        LedgerError(
            file: file, problem: problem,
            remedy: "fix the file (schema in docs/run-files.md) or remove it, then run the command again")
    }

    /// `missing key `observations[3].stage``, in the words of the style guide.
    static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            var text = ""
            for key in keys + (last.map { [$0] } ?? []) {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text
        }
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key `\(path(context.codingPath, key))`"
        case .valueNotFound(let type, let context):
            return "`\(path(context.codingPath))`: expected \(noun(type)), found null"
        case .typeMismatch(let type, let context):
            return "`\(path(context.codingPath))`: expected \(noun(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let cause = (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
                return "not valid JSON (\(cause))"
            }
            return "`\(path(context.codingPath))`: \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func noun(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Double.Type: return "a number"
        case is Int.Type, is Int64.Type, is Int32.Type: return "a whole number in range"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "a list"
        case is [String: Any].Type: return "an object"
        default: return "a value of type \(type)"
        }
    }

    private struct Problem: Error { var text: String }

    /// A time as bakeoff writes it: ISO 8601 in UTC (`2026-11-29T04:59:29Z`, fractions allowed). Only this
    /// form sorts as text in time order, which is how the newest run is found.
    static func isTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let pattern = Array("dddd-dd-ddTdd:dd:dd".utf8)
        guard bytes.count >= pattern.count + 1, bytes.last == UInt8(ascii: "Z") else { return false }
        for (b, p) in zip(bytes, pattern) {
            if p == UInt8(ascii: "d") { guard (48...57).contains(b) else { return false } } else if b != p { return false }
        }
        let fraction = bytes[pattern.count..<(bytes.count - 1)]
        if !fraction.isEmpty {
            guard fraction.first == UInt8(ascii: "."), fraction.count > 1, fraction.dropFirst().allSatisfy({ (48...57).contains($0) })
            else { return false }
        }
        // A real calendar day and a time of day from 00:00:00 to 23:59:59, checked from the digits (an ISO 8601
        // formatter per call was half of importing a run file, and it let 2026-02-30 and 24:00:00 through).
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - 48) } }
        return Day(String(decoding: bytes[0..<10], as: UTF8.self)) != nil
            && number(11..<13) <= 23 && number(14..<16) <= 59 && number(17..<19) <= 59
    }

    private static func checkTime(_ text: String, at key: String) throws {
        guard isTime(text) else {
            throw Problem(text: "`\(key)`: '\(Echo.value(text))' is not an ISO 8601 UTC time such as 2026-11-29T04:59:29Z")
        }
    }

    private static func checkDuration(_ seconds: Double?, at key: String) throws {
        guard let seconds else { return }
        guard seconds.isFinite, seconds >= 0 else {
            throw Problem(text: "`\(key)`: \(seconds) seconds is impossible (a duration is a finite number, 0 or more)")
        }
    }

    private static func checkCount(_ value: Int64, at key: String) throws {
        guard value >= 0 else { throw Problem(text: "`\(key)`: \(value) is negative (a size or count is 0 or more)") }
    }

    private struct SchemaProbe: Decodable { var schema: Int? }

    private struct Document: Decodable {
        var schema: Int?
        var id: String
        var startedAt: String
        var endedAt: String?
        var status: String
        var repetitions: Int
        var provenance: Provenance
        var environments: [EnvironmentRecord]
        var observations: [ObservationEntry]

        func run() throws -> Run {
            guard isValidRunID(id) else {
                throw Problem(text: "`id`: '\(id)' cannot name a run file (empty, a slash, a leading dot or a control character)")
            }
            guard let status = RunStatus(rawValue: status) else {
                let allowed = RunStatus.allCases.map(\.rawValue).joined(separator: ", ")
                throw Problem(text: "`status`: '\(Echo.value(status))' is not one of \(allowed)")
            }
            guard repetitions >= 1 else { throw Problem(text: "`repetitions`: \(repetitions) is less than 1") }
            try RunFile.checkTime(startedAt, at: "startedAt")
            if let endedAt { try RunFile.checkTime(endedAt, at: "endedAt") }
            try RunFile.checkCount(Int64(provenance.cores), at: "provenance.cores")
            try RunFile.checkCount(provenance.memoryBytes, at: "provenance.memoryBytes")
            var installed: Set<[String]> = []
            for (index, e) in environments.enumerated() {
                let at = "environments[\(index)]"
                try RunFile.checkDuration(e.installSeconds, at: "\(at).installSeconds")
                try RunFile.checkCount(e.sizeBytes, at: "\(at).sizeBytes")
                try RunFile.checkCount(Int64(e.distributions), at: "\(at).distributions")
                guard installed.insert([e.stage, e.tool]).inserted else {
                    throw Problem(text: "`\(at)`: a second environment for \(Echo.value(e.stage))/\(Echo.value(e.tool)) (one per stage and tool)")
                }
            }
            var observations: [Observation] = []
            var measured: [[String]: Int] = [:]
            for (index, entry) in self.observations.enumerated() {
                let at = "observations[\(index)]"
                try RunFile.checkTime(entry.startedAt, at: "\(at).startedAt")
                try RunFile.checkDuration(entry.wallSeconds, at: "\(at).wallSeconds")
                try RunFile.checkDuration(entry.cpuSeconds, at: "\(at).cpuSeconds")
                if let bytes = entry.peakMemoryBytes { try RunFile.checkCount(bytes, at: "\(at).peakMemoryBytes") }
                for (name, value) in (entry.metrics ?? [:]).sorted(by: { $0.key < $1.key }) where !value.isFinite {
                    throw Problem(text: "`\(at).metrics.\(Echo.value(name))`: \(value) is not a finite number")
                }
                let key = [entry.stage, entry.tool, entry.step, String(entry.repetition)]
                if let first = measured[key] {
                    throw Problem(
                        text: "`\(at)` repeats observations[\(first)] (\(Echo.value(entry.stage))/\(Echo.value(entry.tool)) step \(Echo.value(entry.step)) repetition \(entry.repetition)); each step of a repetition is measured once")
                }
                measured[key] = index
                guard let status = ObservationStatus(rawValue: entry.status) else {
                    let allowed = ObservationStatus.allCases.map(\.rawValue).joined(separator: ", ")
                    throw Problem(text: "`\(at).status`: '\(entry.status)' is not one of \(allowed)")
                }
                guard entry.repetition >= 1 else {
                    throw Problem(text: "`\(at).repetition`: \(entry.repetition) is less than 1 (repetitions count from 1)")
                }
                for (name, value) in [("stage", entry.stage), ("tool", entry.tool), ("step", entry.step)] where value.isEmpty {
                    throw Problem(text: "`\(at).\(name)` is empty")
                }
                observations.append(
                    Observation(
                        runID: id, stage: entry.stage, tool: entry.tool, step: entry.step, repetition: entry.repetition,
                        status: status, startedAt: entry.startedAt, wallSeconds: entry.wallSeconds,
                        cpuSeconds: entry.cpuSeconds, peakMemoryBytes: entry.peakMemoryBytes, exitCode: entry.exitCode,
                        reason: entry.reason, stderrTail: entry.stderrTail ?? "", metrics: entry.metrics ?? [:]))
            }
            return Run(
                id: id, startedAt: startedAt, endedAt: endedAt, status: status, repetitions: repetitions,
                provenance: provenance, environments: environments, observations: observations)
        }
    }

    private struct ObservationEntry: Decodable {
        var stage: String
        var tool: String
        var step: String
        var repetition: Int
        var status: String
        var startedAt: String
        var wallSeconds: Double?
        var cpuSeconds: Double?
        var peakMemoryBytes: Int64?
        var exitCode: Int32?
        var reason: String?
        var stderrTail: String?
        var metrics: [String: Double]?
    }
}
