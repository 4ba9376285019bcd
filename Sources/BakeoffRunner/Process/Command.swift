import BakeoffFiles
import Foundation

/// A helper command bakeoff needs an answer from (uv, pip, dpkg, git, a headless browser): started by the one
/// launcher (`RunningProcess`: its own process group, listed with the watchdog), run to completion with its
/// output captured in files, stopped with its whole tree at the timeout or when the interruption is requested.
/// Nothing it started outlives it, nor bakeoff.
public enum Command {
    /// How the command ended and what it printed.
    public struct Output: Sendable {
        /// The exit code; nil when the command could not start, timed out, was interrupted or died of a signal.
        public var exitCode: Int32?
        public var stdout: String
        public var stderr: String
        public var wallSeconds: Double
        public var timedOut = false
        public var interrupted = false

        public var succeeded: Bool { exitCode == 0 }

        /// How it ended, for an error message: `exit 1`, `stopped after 30 s`, `interrupted`.
        public var ending: String {
            if let exitCode { return "exit \(exitCode)" }
            if timedOut { return "stopped after \(Int(wallSeconds.rounded())) s" }
            return interrupted ? "interrupted" : "no exit code"
        }

        /// The last few lines of stderr on one line, for an error message.
        public func stderrTail(lines: Int = 6) -> String { Command.tail(stderr, lines: lines) }
    }

    /// Runs `arguments` with exactly `environment` (argv[0] is found on its PATH) in `directory` (a fresh
    /// scratch folder by default), reading `input` as its stdin (/dev/null when nil).
    public static func run(
        _ arguments: [String], environment: [String: String], directory: String? = nil, input: String? = nil,
        timeout: Double = 1800, interruption: Interruption? = nil
    ) -> Output {
        let scratch: String
        do {
            scratch = try scratchFolder()
        } catch {
            return Output(exitCode: nil, stdout: "", stderr: "cannot create a scratch folder: \(error)", wallSeconds: 0)
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var stdin: String?
        if let input {
            stdin = scratch + "/stdin"
            do {
                try AtomicFile.write(input, to: stdin!, durable: false)
            } catch {
                return Output(exitCode: nil, stdout: "", stderr: error.description, wallSeconds: 0)
            }
        }
        let request = LaunchRequest(
            arguments: arguments, environment: environment, directory: directory ?? scratch,
            stdoutPath: scratch + "/stdout", stderrPath: scratch + "/stderr", stdinPath: stdin)
        do {
            let process = try RunningProcess(request, interval: 0.2)
            interruption?.track(process)
            defer { interruption?.untrack(process) }
            let m = process.wait(timeout: timeout, grace: 2, shouldStop: { interruption?.isRequested ?? false })
            // The interruption's TERM may end the command before the wait sees the request.
            let interrupted = m.interrupted || interruption?.isRequested == true
            let out = (try? String(contentsOfFile: scratch + "/stdout", encoding: .utf8)) ?? ""
            var err = (try? String(contentsOfFile: scratch + "/stderr", encoding: .utf8)) ?? ""
            if m.timedOut { err += "\n(stopped after \(Int(timeout)) s)" }
            if interrupted { err += "\n(interrupted)" }
            return Output(
                exitCode: m.timedOut || interrupted ? nil : m.exitCode, stdout: out, stderr: err,
                wallSeconds: m.wallSeconds, timedOut: m.timedOut, interrupted: interrupted)
        } catch {
            return Output(exitCode: nil, stdout: "", stderr: "\(error)", wallSeconds: 0)
        }
    }

    /// The first line of what `arguments` prints (stdout, else stderr), or nil when it fails.
    public static func firstLine(_ arguments: [String], environment: [String: String]) -> String? {
        let out = run(arguments, environment: environment, timeout: 60)
        guard out.succeeded else { return nil }
        let text = out.stdout.isEmpty ? out.stderr : out.stdout
        return text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A new empty folder in the temporary folder for one command's files. The runner's pid in its name
    /// (`bakeoff-cmd-<pid>-…`) lets the watchdog, or the next bakeoff, remove it if this one is killed.
    public static func scratchFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "bakeoff-cmd-\(getpid())-\(UUID().uuidString.prefix(12))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The last `lines` lines of a command's output on one line, for an error message.
    public static func tail(_ text: String, lines: Int = 6) -> String {
        let kept = text.split(separator: "\n").suffix(lines).joined(separator: " | ")
        return kept.isEmpty ? "(no output)" : kept
    }
}
