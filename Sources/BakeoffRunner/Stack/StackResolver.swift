import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs uv to resolve a stack's requirements together and to measure the joint environment.
public struct StackResolver: Sendable {
    /// The command that starts uv (`/usr/bin/uv`, or `python3 -m uv` after installing it with pip).
    public var uv: [String]

    /// What one resolution found.
    public enum Outcome: Hashable, Sendable {
        /// Every requirement holds: the pinned distributions (`name==version`, sorted).
        case resolved(packages: [String])
        /// uv found no solution and explained why.
        case unsatisfiable(ResolverExplanation)
    }

    public init(uv: [String]) {
        self.uv = uv
    }

    /// uv from PATH; when it is missing, `python3 -m uv`, installing it with pip first if needed.
    /// `log` receives a line before the (slow) install.
    public static func locate(log: (String) -> Void = { _ in }) throws -> StackResolver {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = (String(folder) as NSString).appendingPathComponent("uv")
            if FileManager.default.isExecutableFile(atPath: candidate) { return StackResolver(uv: [candidate]) }
        }
        let module = StackResolver(uv: ["python3", "-m", "uv"])
        if (try? module.version()) != nil { return module }
        log("uv is not installed: installing it with 'python3 -m pip install uv'")
        let install = try StackProcess.run(["python3", "-m", "pip", "install", "--quiet", "uv"])
        guard install.status == 0, (try? module.version()) != nil else {
            throw StackCheckError(
                "uv is not installed and 'python3 -m pip install uv' failed (exit \(install.status)): "
                    + StackProcess.tail(install.stderr),
                hint: "install uv (https://docs.astral.sh/uv/) and make sure it is on PATH")
        }
        return module
    }

    /// uv's version number (`0.13.9`).
    public func version() throws -> String {
        let result = try StackProcess.run(uv + ["--version"])
        let words = result.stdout.split(separator: " ")
        guard result.status == 0, words.count >= 2, words[0] == "uv" else {
            throw StackCheckError(
                "'\((uv + ["--version"]).joined(separator: " "))' failed (exit \(result.status)): "
                    + StackProcess.tail(result.stderr), hint: "reinstall uv")
        }
        return String(words[1]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `uv pip compile - --python-version VERSION` on the merged requirements.
    public func compile(_ requirements: String, python: String) throws -> Outcome {
        let command =
            uv + ["pip", "compile", "-", "--python-version", python, "--no-header", "--no-annotate", "--color", "never"]
        let result = try StackProcess.run(command, input: requirements)
        if result.status == 0 {
            let packages = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { line in line.first.map { $0.isLetter || $0.isNumber } ?? false }
            return .resolved(packages: packages.sorted())
        }
        if let explanation = ResolverExplanation(uvOutput: result.stderr) { return .unsatisfiable(explanation) }
        throw StackCheckError(
            "'uv pip compile' failed (exit \(result.status)) without a resolution verdict: "
                + StackProcess.tail(result.stderr),
            hint: "check that the package index is reachable (proxy, SSL_CERT_FILE) and retry")
    }

    /// Creates the joint environment in a temporary folder (`uv venv` + `uv pip sync`, files copied, not
    /// linked from uv's cache) and returns its disk usage in bytes, like `du`.
    public func environmentSize(packages: [String], python: String) throws -> Int64 {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("bakeoff-stack-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let venv = (folder as NSString).appendingPathComponent("venv")
        let lock = (folder as NSString).appendingPathComponent("requirements.lock")
        try Data((packages.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: lock))
        let steps: [[String]] = [
            uv + ["venv", venv, "--python", python, "--quiet", "--color", "never"],
            uv + ["pip", "sync", lock, "--python", (venv as NSString).appendingPathComponent("bin/python"),
                "--quiet", "--color", "never"],
        ]
        for command in steps {
            let result = try StackProcess.run(command, environment: ["UV_LINK_MODE": "copy"])
            guard result.status == 0 else {
                throw StackCheckError(
                    "'\(command.prefix(uv.count + 2).joined(separator: " "))' failed (exit \(result.status)) while "
                        + "measuring the joint environment: " + StackProcess.tail(result.stderr),
                    hint: "retry without --size to check resolution only")
            }
        }
        return try Self.diskUsage(venv)
    }

    /// Allocated bytes of every file and folder under `path`, each inode counted once (what `du` adds up).
    public static func diskUsage(_ path: String) throws -> Int64 {
        var seen: Set<[UInt64]> = []
        var total: Int64 = 0
        func add(_ item: String) {
            var info = stat()
            guard lstat(item, &info) == 0 else { return }
            guard seen.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { return }
            total += Int64(info.st_blocks) * 512
        }
        add(path)
        guard let walker = FileManager.default.enumerator(atPath: path) else {
            throw StackCheckError("cannot read '\(path)' to measure its size", hint: "check its permissions")
        }
        while let relative = walker.nextObject() as? String {
            add((path as NSString).appendingPathComponent(relative))
        }
        return total
    }
}

/// A failure of the stack check that is not a verdict: what failed and what to do.
public struct StackCheckError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var hint: String

    public init(_ message: String, hint: String) {
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(message); \(hint)" }
}

/// Starts a process with its output captured in files (no pipe can fill up and block it).
enum StackProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ command: [String], input: String? = nil, environment extra: [String: String] = [:]) throws
        -> Result
    {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("bakeoff-stack-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inURL = folder.appendingPathComponent("stdin")
        let outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        try Data((input ?? "").utf8).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let stdin = try FileHandle(forReadingFrom: inURL)
        let stdout = try FileHandle(forWritingTo: outURL)
        let stderr = try FileHandle(forWritingTo: errURL)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        var environment = ProcessInfo.processInfo.environment
        // Unwrapped, uncoloured, no progress bars: the explanation must read the same on every terminal.
        environment["COLUMNS"] = "10000"
        environment["NO_COLOR"] = "1"
        environment["UV_NO_PROGRESS"] = "1"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw StackCheckError(
                "cannot start '\(command.joined(separator: " "))': \(error.localizedDescription)",
                hint: "check that \(command.first ?? "the program") is installed and on PATH")
        }
        process.waitUntilExit()
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Result(status: status, stdout: out, stderr: err)
    }

    /// The last few lines of a process's stderr, for an error message.
    static func tail(_ text: String, lines: Int = 6) -> String {
        let kept = text.split(separator: "\n").suffix(lines).joined(separator: " | ")
        return kept.isEmpty ? "(no output)" : kept
    }
}
