import BakeoffModel
import Foundation

/// Progress for people: on a terminal one live line (n of total, stage, tool, step, repetition, elapsed)
/// that becomes a result line; otherwise only the result lines.
public enum ConsoleProgress {
    public static func make(isTerminal: Bool, write: @escaping @Sendable (String) -> Void) -> RunProgress {
        let clear = isTerminal ? "\r\u{1B}[K" : ""
        return RunProgress(
            environment: { stage, tool, what in write("\(clear)\(stage)/\(tool): \(what)\n") },
            started: { ticket in
                if isTerminal { write("\(clear)\(label(ticket)) …") }
            },
            tick: { ticket, elapsed in
                if isTerminal { write("\(clear)\(label(ticket)) \(String(format: "%.1f s", elapsed))") }
            },
            finished: { ticket, o in write("\(clear)\(label(ticket)): \(outcome(o))\n") })
    }

    static func label(_ t: StepTicket) -> String {
        "[\(t.index)/\(t.total)] \(t.stage)/\(t.tool) \(t.step) (rep \(t.repetition))"
    }

    /// `ok 1.23 s, 45.6 MB` or `failed: exit code 3`.
    public static func outcome(_ o: Observation) -> String {
        var parts = [o.status.rawValue]
        if let wall = o.wallSeconds { parts[0] += " " + RunSummary.seconds(wall) }
        if let peak = o.peakMemoryBytes { parts.append(Numbers.bytes(peak)) }
        var text = parts.joined(separator: ", ")
        if let reason = o.reason { text += ": \(reason)" }
        return text
    }
}

extension RunPlan {
    /// What `bakeoff run --dry-run` prints: per stage the environments, then per tool every step's
    /// command with its timeout, and how many steps the run would execute.
    public func describe(environments: EnvironmentBuilder, repetitions: Int, timeoutOverride: Double?, network: String) -> [String] {
        var lines: [String] = []
        var total = 0
        for entry in entries {
            lines.append(
                "stage \(entry.stage.id): " + [
                    Numbers.count(entry.scenario.steps.count, "step"), Numbers.count(entry.adapters.count, "tool"),
                    Numbers.count(repetitions, "repetition"),
                ].joined(separator: " × "))
            for p in entry.scenario.parameters { lines.append("  parameter \(p.name) = \(p.value)") }
            for adapter in entry.adapters {
                let folder = folder(of: adapter)
                switch adapter.install {
                case .python(let version, _, let lock):
                    let (venv, hash) = environments.location(stage: entry.stage.id, adapter: adapter, adapterFolder: folder)
                    let state = hash == nil ? "lock file missing" : environments.isCached(stage: entry.stage.id, adapter: adapter, adapterFolder: folder) ? "cached" : "would install"
                    lines.append("  \(adapter.tool): python \(version), uv pip sync \(adapter.directory)/\(lock) → \(venv) (\(state))")
                case .debian(let packages, let command):
                    lines.append("  \(adapter.tool): Debian packages \(packages.joined(separator: ", ")), version from `\(command.joined(separator: " "))`")
                }
                for (key, value) in adapter.environment.sorted(by: { $0.key < $1.key }) { lines.append("    env \(key)=\(value)") }
                for step in entry.scenario.steps {
                    let timeout = Numbers.format(timeoutOverride ?? step.timeoutSeconds)
                    switch adapter.steps[step.id] {
                    case .command(let argv)?:
                        total += repetitions
                        lines.append("    \(step.id) [timeout \(timeout) s]: \(Self.shellQuoted(argv))")
                    case .server(let command, let health, let client, let ready)?:
                        total += repetitions
                        lines.append("    \(step.id) [timeout \(timeout) s]: server \(Self.shellQuoted(command)), ready when GET \(health) is 200 within \(Numbers.format(ready)) s")
                        if let client { lines.append("      client \(Self.shellQuoted(client))") }
                    case .unsupported(let reason)?:
                        lines.append("    \(step.id): unsupported (\(reason))")
                    case nil:
                        lines.append("    \(step.id): skipped (no command in the adapter)")
                    }
                }
            }
        }
        lines.append("\(total) step runs; network: \(network); nothing was run (--dry-run)")
        return lines
    }

    static func shellQuoted(_ argv: [String]) -> String {
        argv.map { arg in
            arg.allSatisfy({ $0.isLetter || $0.isNumber || "-_./{}=:,@+".contains($0) }) && !arg.isEmpty
                ? arg : "'" + arg.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}
