import BakeoffFiles
import BakeoffModel
import Foundation

/// Runs uv to resolve the co-installed tools' requirements together and to measure the joint environment.
public struct CoInstallResolver: Sendable {
    public var uv: UV
    /// Seconds each uv command may take before it is stopped with its process tree.
    public var timeout: Double
    /// Stops the running uv command (Ctrl-C); the check then throws `Interrupted`.
    public var interruption: Interruption?

    /// What one resolution found.
    public enum Outcome: Hashable, Sendable {
        /// Every requirement holds: the pinned distributions (`name==version`, sorted).
        case resolved(packages: [String])
        /// uv found no solution and explained why.
        case unsatisfiable(ResolverExplanation)
    }

    public init(uv: UV, timeout: Double = 1800, interruption: Interruption? = nil) {
        self.uv = uv
        self.timeout = timeout
        self.interruption = interruption
    }

    /// A resolver with the uv `UV.locate` finds (installing it if needed; `log` hears a line before that).
    public static func locate(
        environment: [String: String] = StepEnvironment.forInstall(from: ProcessInfo.processInfo.environment),
        interruption: Interruption? = nil, log: (String) -> Void = { _ in }
    ) throws -> CoInstallResolver {
        CoInstallResolver(uv: try UV.locate(environment: environment, interruption: interruption, log: log), interruption: interruption)
    }

    /// uv's version number (`0.13.9`).
    public func version() throws -> String { try uv.version() }

    /// Unwrapped, uncoloured, no progress bars: the explanation must read the same on every terminal.
    static let plainOutput = ["COLUMNS": "10000", "NO_COLOR": "1", "UV_NO_PROGRESS": "1"]

    /// Runs `uv ARGUMENTS`; an interruption throws `Interrupted`.
    private func run(_ arguments: [String], input: String? = nil) throws -> Command.Output {
        let result = uv.run(
            arguments, environment: Self.plainOutput, input: input, timeout: timeout, interruption: interruption)
        if result.interrupted { throw Interrupted("uv " + arguments.prefix(2).joined(separator: " ")) }
        return result
    }

    /// `uv pip compile - --python-version VERSION` on the merged requirements.
    public func compile(_ requirements: String, python: String) throws -> Outcome {
        let result = try run(
            ["pip", "compile", "-", "--python-version", python, "--no-header", "--no-annotate", "--color", "never"],
            input: requirements)
        if result.succeeded {
            let packages = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { line in line.first.map { $0.isLetter || $0.isNumber } ?? false }
            return .resolved(packages: packages.sorted())
        }
        if !result.timedOut, let explanation = ResolverExplanation(uvOutput: result.stderr) {
            return .unsatisfiable(explanation)
        }
        throw CoInstallError(
            "'uv pip compile' failed (\(result.ending)) without a resolution verdict: " + result.stderrTail(),
            hint: "check that the package index is reachable (proxy, SSL_CERT_FILE) and retry")
    }

    /// Creates the joint environment in a temporary folder (`uv venv` + `uv pip sync`, files copied, not
    /// linked from uv's cache) and returns its disk usage in bytes, like `du`.
    public func environmentSize(packages: [String], python: String) throws -> Int64 {
        let folder = try Command.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let venv = (folder as NSString).appendingPathComponent("venv")
        let lock = (folder as NSString).appendingPathComponent("requirements.lock")
        try AtomicFile.write(packages.joined(separator: "\n") + "\n", to: lock, durable: false)
        let steps: [[String]] = [
            ["venv", venv, "--python", python, "--quiet", "--color", "never"],
            ["pip", "sync", lock, "--python", (venv as NSString).appendingPathComponent("bin/python"),
                "--quiet", "--color", "never"],
        ]
        for arguments in steps {
            let result = try run(arguments)
            guard result.succeeded else {
                throw CoInstallError(
                    "'uv \(arguments.prefix(2).joined(separator: " "))' failed (\(result.ending)) while "
                        + "measuring the joint environment: " + result.stderrTail(),
                    hint: "retry without --size to check resolution only")
            }
        }
        return EnvironmentBuilder.diskUsage(venv)
    }
}

/// A failure of a co-install check that is not a verdict: what failed and what to do.
public struct CoInstallError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var hint: String

    public init(_ message: String, hint: String) {
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(message); \(hint)" }
}
