import BakeoffFiles
import Foundation

/// How bakeoff starts uv: the one place that finds it, for the environments of a run, the co-install checks
/// (`bakeoff stack check`), the integrations' locks and `bakeoff new adapter`. Every uv command goes through the
/// launcher (`Command`), with a timeout and the caller's interruption.
public struct UV: Hashable, Sendable {
    /// The argv prefix that starts uv: `[/path/to/uv]`, or `[/path/to/python3, -m, uv]` when uv is installed as a
    /// Python module only.
    public var command: [String]
    /// The environment uv runs with: the caller's install settings (`StepEnvironment.forInstall`).
    public var environment: [String: String]

    public init(command: [String], environment: [String: String]) {
        self.command = command
        self.environment = environment
    }

    /// uv cannot be started, or a uv command failed without an answer: what failed and what to do.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var hint = "install uv (https://docs.astral.sh/uv/) and make sure it is on PATH"

        public var description: String { "\(message); \(hint)" }
    }

    /// uv on the environment's PATH, else `python3 -m uv`; nil when neither answers `--version`. Installs nothing.
    public static func find(environment: [String: String]) -> UV? {
        let path = environment["PATH"] ?? StepEnvironment.basePath
        if let found = Spawn.resolve("uv", path: path), answers([found], environment) {
            return UV(command: [found], environment: environment)
        }
        if let python = Spawn.resolve("python3", path: path), answers([python, "-m", "uv"], environment) {
            return UV(command: [python, "-m", "uv"], environment: environment)
        }
        return nil
    }

    /// `find`, and when uv is missing, installs it with `python3 -m pip install uv` first (`log` hears a line
    /// before the slow install).
    public static func locate(
        environment: [String: String] = StepEnvironment.forInstall(from: ProcessInfo.processInfo.environment),
        interruption: Interruption? = nil, log: (String) -> Void = { _ in }
    ) throws -> UV {
        if let uv = find(environment: environment) { return uv }
        let path = environment["PATH"] ?? StepEnvironment.basePath
        guard let python = Spawn.resolve("python3", path: path) else {
            throw Failure(message: "uv is not installed and there is no python3 on PATH to install it with")
        }
        log("uv is not installed: installing it with 'python3 -m pip install uv'")
        let install = Command.run(
            [python, "-m", "pip", "install", "--quiet", "uv"], environment: environment, timeout: 600,
            interruption: interruption)
        if install.interrupted { throw Interrupted("python3 -m pip install uv") }
        guard install.succeeded, let uv = find(environment: environment) else {
            throw Failure(
                message: "uv is not installed and 'python3 -m pip install uv' failed (exit "
                    + "\(install.exitCode.map(String.init) ?? "none")): \(install.stderrTail())")
        }
        return uv
    }

    /// Runs `uv ARGUMENTS` (the environment plus `extra`) through the launcher.
    public func run(
        _ arguments: [String], environment extra: [String: String] = [:], directory: String? = nil,
        input: String? = nil, timeout: Double = 1800, interruption: Interruption? = nil
    ) -> Command.Output {
        Command.run(
            command + arguments, environment: environment.merging(extra) { _, new in new }, directory: directory,
            input: input, timeout: timeout, interruption: interruption)
    }

    /// uv's version number (`0.13.9`).
    public func version() throws -> String {
        let result = run(["--version"], timeout: 60)
        let words = result.stdout.split(separator: " ")
        guard result.succeeded, words.count >= 2, words[0] == "uv" else {
            throw Failure(
                message: "'\((command + ["--version"]).joined(separator: " "))' failed: \(result.stderrTail())",
                hint: "reinstall uv")
        }
        return String(words[1]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Locks `requirements` (a requirements.in) for Python `python` the way the bundled adapters' locks were
    /// made (`uv pip compile requirements.in -o requirements.lock --python-version PYTHON --quiet`, whose command
    /// the lock's header names) and returns the lock's text.
    public func lock(requirements: String, python: String, interruption: Interruption? = nil) throws -> String {
        let scratch = try Command.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try AtomicFile.write(requirements, to: scratch + "/requirements.in", durable: false)
        let arguments = ["pip", "compile", "requirements.in", "-o", "requirements.lock", "--python-version", python, "--quiet"]
        let result = run(arguments, directory: scratch, timeout: 600, interruption: interruption)
        let shown = "uv " + arguments.joined(separator: " ")
        if result.interrupted { throw Interrupted(shown) }
        guard result.succeeded, let text = try? String(contentsOfFile: scratch + "/requirements.lock", encoding: .utf8)
        else {
            throw Failure(
                message: "'\(shown)' failed: \(result.stderrTail())",
                hint: "check the requirement's name and that the package index is reachable")
        }
        return text
    }

    private static func answers(_ command: [String], _ environment: [String: String]) -> Bool {
        Command.run(command + ["--version"], environment: environment, timeout: 60).succeeded
    }
}
