import BakeoffFiles
import BakeoffModel
import Foundation

/// Writes each pair's joint requirements (`locks/A+B.in`: both tools' requirements.in and the integration's
/// glue) and compiles them with uv into `locks/A+B.lock`, once: a lock whose first line carries the hash of
/// the current `.in` is reused as is, so a committed lock makes the run reproducible and needs no resolver.
public struct IntegrationLocks: Sendable {
    public var projectRoot: String
    /// nil: uv is located the first time a lock must be compiled.
    public var resolver: CoInstallResolver?
    /// Stops a running resolution (Ctrl-C); preparing then throws `Interrupted`.
    public var interruption: Interruption?

    public init(projectRoot: String, resolver: CoInstallResolver? = nil, interruption: Interruption? = nil) {
        self.projectRoot = projectRoot
        self.resolver = resolver
        self.interruption = interruption
    }

    /// What preparing a pair's lock found.
    public enum Outcome: Hashable, Sendable {
        case ready
        /// The two tools cannot share one environment: the conflicts, in words.
        case conflicts(String)
    }

    /// Prepares every pair's lock and returns, per integration and pair id, why the pairs that cannot share an
    /// environment are blocked (what `IntegrationPlan.entries` takes). `log` hears each resolution and block.
    public mutating func prepareAll(_ pairs: [IntegrationPair], log: (String) -> Void) throws -> [String: [String: String]] {
        var blocked: [String: [String: String]] = [:]
        for pair in pairs {
            let outcome: Outcome
            do {
                outcome = try prepare(pair, log: log)
            } catch let stopped as Interrupted {
                throw stopped
            } catch {
                throw CoInstallError("\(pair.integration.directory)/\(pair.lockFile): \(error)", hint: "fix the problem above and run again")
            }
            if case .conflicts(let reason) = outcome {
                log("\(pair.integration.id) \(pair.id): \(reason)")
                blocked[pair.integration.id, default: [:]][pair.id] = reason
            }
        }
        return blocked
    }

    /// Makes sure the lock of `pair` is current; throws when uv cannot give a verdict (network, missing uv).
    public mutating func prepare(_ pair: IntegrationPair, log: (String) -> Void = { _ in }) throws -> Outcome {
        let folder = "\(projectRoot)/\(pair.integration.directory)"
        let requirements = try joint(pair)
        let hash = SHA256.hex(Array(requirements.text.utf8))
        let inPath = "\(folder)/\(pair.inputFile)", lockPath = "\(folder)/\(pair.lockFile)"
        let existing = try? String(contentsOfFile: lockPath, encoding: .utf8)
        if let existing, existing.split(separator: "\n").first?.hasSuffix(hash) == true,
            (try? String(contentsOfFile: inPath, encoding: .utf8)) == requirements.text
        {
            return .ready
        }
        // Nothing to resolve (Debian-packaged tools and no glue): an empty lock, a bare Python.
        let outcome: CoInstallResolver.Outcome
        if requirements.lines.isEmpty {
            outcome = .resolved(packages: [])
        } else {
            if resolver == nil { resolver = try CoInstallResolver.locate(interruption: interruption, log: log) }
            log("resolving \(pair.integration.id) \(pair.id) together")
            outcome = try resolver!.compile(requirements.text, python: pair.integration.python)
        }
        switch outcome {
        case .resolved(let packages):
            try AtomicFile.write(requirements.text, to: inPath)
            let lock = "# uv pip compile \(pair.inputFile) --python-version \(pair.integration.python); input sha256 \(hash)\n"
                + packages.map { "\($0)\n" }.joined()
            try AtomicFile.write(lock, to: lockPath)
            return .ready
        case .unsatisfiable(let explanation):
            let conflicts = explanation.conflicts(requirements: requirements).map(\.summary)
            return .conflicts(
                Integration.conflictPrefix
                    + (conflicts.isEmpty ? Command.tail(explanation.text, lines: 3) : conflicts.joined(separator: "; ")))
        }
    }

    /// Both tools' requirements.in (Debian-packaged tools have none) and the integration's glue, each under
    /// a comment naming it by its path from the project root.
    func joint(_ pair: IntegrationPair) throws -> CoInstallRequirements {
        var sources: [CoInstallRequirements.Source] = []
        for adapter in [pair.upstream, pair.downstream] {
            guard case .python(_, let requirements, _) = adapter.install else { continue }
            sources.append(try source(tool: adapter.tool, path: "\(adapter.directory)/\(requirements)"))
        }
        if let glue = pair.integration.requirements {
            sources.append(try source(tool: "glue", path: "\(pair.integration.directory)/\(glue)"))
        }
        return CoInstallRequirements(merging: sources)
    }

    private func source(tool: String, path: String) throws -> CoInstallRequirements.Source {
        guard let text = try? String(contentsOfFile: "\(projectRoot)/\(path)", encoding: .utf8) else {
            throw CoInstallError("cannot read \(path), the requirements of \(tool)", hint: "run 'bakeoff check'")
        }
        return CoInstallRequirements.Source(tool: tool, path: path, text: text)
    }
}
