import Foundation

/// A helper command the runner needs an answer from (uv, dpkg, git): run to completion, output captured.
struct Command {
    struct Output {
        var exitCode: Int32?
        var stdout: String
        var stderr: String
        var wallSeconds: Double

        var succeeded: Bool { exitCode == 0 }
    }

    /// Runs `arguments` with `environment` in `directory` (a fresh temporary folder by default).
    static func run(
        _ arguments: [String], environment: [String: String], directory: String? = nil, timeout: Double = 1800,
        interruption: Interruption? = nil
    ) -> Output {
        // The runner's pid in the name lets the next run remove the folder if this one is killed.
        let scratch = NSTemporaryDirectory() + "bakeoff-cmd-\(getpid())-\(UUID().uuidString.prefix(12))"
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let request = LaunchRequest(
            arguments: arguments, environment: environment, directory: directory ?? scratch,
            stdoutPath: scratch + "/stdout", stderrPath: scratch + "/stderr")
        do {
            let process = try RunningProcess(request, interval: 0.2)
            interruption?.track(process)
            defer { interruption?.untrack(process) }
            let m = process.wait(timeout: timeout, grace: 2, shouldStop: { interruption?.isRequested ?? false })
            let out = (try? String(contentsOfFile: scratch + "/stdout", encoding: .utf8)) ?? ""
            let err = (try? String(contentsOfFile: scratch + "/stderr", encoding: .utf8)) ?? ""
            return Output(
                exitCode: m.timedOut ? nil : m.exitCode, stdout: out,
                stderr: m.timedOut ? err + "\n(stopped after \(Int(timeout)) s)" : err, wallSeconds: m.wallSeconds)
        } catch {
            return Output(exitCode: nil, stdout: "", stderr: "\(error)", wallSeconds: 0)
        }
    }

    /// The first line of what `arguments` prints (stdout, else stderr), or nil when it fails.
    static func firstLine(_ arguments: [String], environment: [String: String]) -> String? {
        let out = run(arguments, environment: environment, timeout: 60)
        guard out.succeeded else { return nil }
        let text = out.stdout.isEmpty ? out.stderr : out.stdout
        return text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
