import BakeoffFiles
import BakeoffModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A tool's environment, ready (or not) for its steps.
public struct PreparedEnvironment: Sendable {
    public var record: EnvironmentRecord
    /// The virtual environment's folder; nil for Debian-packaged tools.
    public var venv: String?
    /// Why the tool's steps cannot run, in words with what to do; nil when ready.
    public var problem: String?
}

/// Makes and caches the per-adapter environments: uv venvs synced from lock files, Debian packages checked.
public struct EnvironmentBuilder: Sendable {
    /// Where venvs live: `<cache>/envs/<stage>/<tool>-<lock hash>`.
    public var cacheFolder: String
    /// Rebuild even when a finished environment exists.
    public var fresh: Bool
    public var installEnvironment: [String: String]

    public init(cacheFolder: String, fresh: Bool, installEnvironment: [String: String]) {
        self.cacheFolder = cacheFolder
        self.fresh = fresh
        self.installEnvironment = installEnvironment
    }

    /// `$XDG_CACHE_HOME/bakeoff` (default `~/.cache/bakeoff`).
    public static func defaultCacheFolder(_ caller: [String: String]) -> String {
        if let xdg = caller["XDG_CACHE_HOME"], !xdg.isEmpty { return "\(xdg)/bakeoff" }
        return "\(caller["HOME"] ?? NSHomeDirectory())/.cache/bakeoff"
    }

    static let finishedMarker = ".bakeoff-environment.json"

    /// The venv folder of a python adapter and its lock hash; nil hash when the lock cannot be read.
    public func location(stage: String, adapter: Adapter, adapterFolder: String) -> (folder: String, hash: String?) {
        guard case .python(_, _, let lock) = adapter.install else { return ("", nil) }
        let hash = FileManager.default.contents(atPath: "\(adapterFolder)/\(lock)").map { SHA256.hex($0) }
        return ("\(cacheFolder)/envs/\(stage)/\(adapter.tool)-\((hash ?? "unknown").prefix(16))", hash)
    }

    /// True when the environment would be reused as is.
    public func isCached(stage: String, adapter: Adapter, adapterFolder: String) -> Bool {
        let (folder, hash) = location(stage: stage, adapter: adapter, adapterFolder: adapterFolder)
        return !fresh && hash != nil && FileManager.default.fileExists(atPath: "\(folder)/\(Self.finishedMarker)")
    }

    /// Builds or reuses the environment of `adapter` (in `adapterFolder`, absolute).
    /// An interruption stops a running install (the environment is then left unfinished and rebuilt next time).
    public func prepare(
        stage: String, adapter: Adapter, adapterFolder: String, interruption: Interruption? = nil
    ) -> PreparedEnvironment {
        switch adapter.install {
        case .python(let version, let requirements, let lock):
            return preparePython(
                stage: stage, adapter: adapter, adapterFolder: adapterFolder, version: version,
                requirements: requirements, lock: lock, interruption: interruption)
        case .debian(let packages, let versionCommand):
            return checkDebian(stage: stage, tool: adapter.tool, packages: packages, versionCommand: versionCommand)
        }
    }

    /// The uv the environments are built with (`UV.locate` in the install environment).
    public func uv(interruption: Interruption? = nil) throws -> UV {
        try UV.locate(environment: installEnvironment, interruption: interruption)
    }

    // MARK: python

    private func preparePython(
        stage: String, adapter: Adapter, adapterFolder: String, version: String, requirements: String, lock: String,
        interruption: Interruption?
    ) -> PreparedEnvironment {
        let (folder, hash) = location(stage: stage, adapter: adapter, adapterFolder: adapterFolder)
        var record = EnvironmentRecord(
            stage: stage, tool: adapter.tool, kind: "python", lockHash: hash ?? "", toolVersion: "unknown",
            installSeconds: nil, sizeBytes: 0, distributions: 0, packages: [])
        guard hash != nil else {
            return PreparedEnvironment(
                record: record, venv: nil,
                problem: "cannot read the lock file \(adapterFolder)/\(lock); create it with: uv pip compile \(requirements) -o \(lock)")
        }
        let fm = FileManager.default
        let marker = "\(folder)/\(Self.finishedMarker)"
        // Two `bakeoff run` at once share the cache: one builds, the other waits and then reuses.
        try? fm.createDirectory(atPath: (folder as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let lockFile = open("\(folder).lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if lockFile >= 0 { flock(lockFile, LOCK_EX) }
        defer {
            if lockFile >= 0 {
                flock(lockFile, LOCK_UN)
                close(lockFile)
            }
        }
        if !fresh, let data = fm.contents(atPath: marker), var saved = try? JSONDecoder().decode(EnvironmentRecord.self, from: data) {
            saved.installSeconds = nil
            return PreparedEnvironment(record: saved, venv: folder, problem: nil)
        }
        try? fm.removeItem(atPath: folder)
        try? fm.createDirectory(atPath: (folder as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let uv: UV
        do {
            uv = try self.uv(interruption: interruption)
        } catch {
            return PreparedEnvironment(record: record, venv: nil, problem: "\(error)")
        }
        let start = Clock.now()
        let steps: [[String]] = [
            ["venv", "--quiet", "-p", version, folder],
            ["pip", "sync", "--quiet", "--compile-bytecode", "--python", "\(folder)/bin/python", "\(adapterFolder)/\(lock)"],
        ]
        for arguments in steps {
            let out = uv.run(arguments, directory: adapterFolder, interruption: interruption)
            guard out.succeeded else {
                try? fm.removeItem(atPath: folder)
                let why = Self.uvErrorSummary(out.stderr) ?? StepOutput.tail(out.stderr, lines: 8, bytes: 1500)
                return PreparedEnvironment(
                    record: record, venv: nil,
                    problem: EnvironmentRecord.installFailurePrefix(adapter.tool)
                        + "`\((uv.command + arguments).joined(separator: " "))`: \(why); check the lock file and the network, then run again")
            }
        }
        let installSeconds = Clock.seconds(from: start, to: Clock.now())
        let list = uv.run(["pip", "list", "--format", "freeze", "--python", "\(folder)/bin/python"])
        let packages = list.stdout.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.contains("==") }.sorted()
        record.packages = packages
        record.distributions = packages.count
        record.toolVersion = Self.toolVersion(
            tool: adapter.tool, packages: packages, requirements: try? String(contentsOfFile: "\(adapterFolder)/\(requirements)", encoding: .utf8))
        record.sizeBytes = Self.diskUsage(folder)
        if let data = try? JSONEncoder().encode(record) { try? AtomicFile.write(data, to: marker) }
        record.installSeconds = installSeconds
        return PreparedEnvironment(record: record, venv: folder, problem: nil)
    }

    /// uv's own summary of a failure: its `error:` line and the `cause:`/`hint:` lines under it (not the
    /// build log of a failing source build), joined by "; "; nil when uv printed none.
    static func uvErrorSummary(_ stderr: String) -> String? {
        let lines = stderr.split(whereSeparator: \.isNewline).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("error:") }) else { return nil }
        var kept = [lines[start]]
        for line in lines[(start + 1)...] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("  ") && !line.hasPrefix("    ") && (trimmed.hasPrefix("cause:") || trimmed.hasPrefix("hint:")) {
                kept.append(trimmed)
            } else if line.hasPrefix("hint:") {
                kept.append(line)
            }
        }
        return kept.joined(separator: "; ")
    }

    /// The version of the distribution named like the tool, else of the first requirement.
    static func toolVersion(tool: String, packages: [String], requirements: String?) -> String {
        func normalized(_ s: some StringProtocol) -> String {
            s.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: ".", with: "-")
        }
        var versions: [String: String] = [:]
        for line in packages {
            let parts = line.components(separatedBy: "==")
            if parts.count == 2 { versions[normalized(parts[0])] = parts[1] }
        }
        if let v = versions[normalized(tool)] { return v }
        // An integration pair ("luigi+mlflow"): each tool's version.
        let parts = tool.split(separator: "+").map { versions[normalized($0)] ?? "unknown" }
        if parts.count > 1 { return parts.joined(separator: "+") }
        let first = requirements?.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("-") }
        if let first {
            let name = first.prefix { !"[<>=!~; ".contains($0) }
            if let v = versions[normalized(name)] { return v }
        }
        return "unknown"
    }

    /// Allocated bytes under `folder`, each inode once, symlinks not followed.
    static func diskUsage(_ folder: String) -> Int64 {
        var seen = Set<[UInt64]>()
        var total: Int64 = 0
        var stack = [folder]
        while let path = stack.popLast() {
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            guard seen.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { continue }
            total += Int64(info.st_blocks) * 512
            if (info.st_mode & S_IFMT) == S_IFDIR, let dir = opendir(path) {
                while let entry = readdir(dir) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                    }
                    if name != "." && name != ".." { stack.append("\(path)/\(name)") }
                }
                closedir(dir)
            }
        }
        return total
    }

    // MARK: debian

    private func checkDebian(stage: String, tool: String, packages: [String], versionCommand: [String]) -> PreparedEnvironment {
        let env = ["PATH": StepEnvironment.basePath, "LANG": "C.UTF-8"]
        var record = EnvironmentRecord(
            stage: stage, tool: tool, kind: "debian", lockHash: "", toolVersion: "unknown", installSeconds: nil,
            sizeBytes: 0, distributions: packages.count, packages: [])
        var lines: [String] = []
        var missing: [String] = []
        var size: Int64 = 0
        for package in packages {
            let out = Command.run(
                ["dpkg-query", "-W", "-f", "${Status}\t${Version}\t${Installed-Size}", package], environment: env, timeout: 60)
            let fields = out.stdout.components(separatedBy: "\t")
            guard out.succeeded, fields.count == 3, fields[0].hasSuffix(" installed") else {
                missing.append(package)
                continue
            }
            lines.append("\(package)==\(fields[1])")
            size += (Int64(fields[2].trimmingCharacters(in: .whitespaces)) ?? 0) * 1024
        }
        record.packages = lines.sorted()
        record.lockHash = SHA256.hex(Array(record.packages.joined(separator: "\n").utf8))
        record.sizeBytes = size
        if !missing.isEmpty {
            return PreparedEnvironment(
                record: record, venv: nil,
                problem: "\(tool) needs the Debian package\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); install it with: apt-get install \(missing.joined(separator: " "))")
        }
        guard let version = Command.firstLine(versionCommand, environment: env) else {
            return PreparedEnvironment(
                record: record, venv: nil,
                problem: "`\(versionCommand.joined(separator: " "))` failed; install it with: apt-get install \(packages.joined(separator: " "))")
        }
        record.toolVersion = version
        return PreparedEnvironment(record: record, venv: nil, problem: nil)
    }
}
