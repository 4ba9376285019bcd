import BakeoffModel
import Foundation

/// Runs a co-install check: do these tools' Python requirements resolve together in one environment?
public struct CoInstallChecker: Sendable {
    public var projectRoot: String
    public var resolver: CoInstallResolver
    /// Whether to build the joint environment and measure its size (slow: it installs everything).
    public var measureSize: Bool
    /// Whether to also resolve every pair of Python tools on its own: uv names only the first contradiction
    /// it proves, the pairs show each one (n(n-1)/2 resolutions).
    public var checkPairs: Bool
    /// The day recorded in the evidence.
    public var today: Day

    public init(
        projectRoot: String, resolver: CoInstallResolver, measureSize: Bool, checkPairs: Bool = false, today: Day
    ) {
        self.projectRoot = projectRoot
        self.resolver = resolver
        self.measureSize = measureSize
        self.checkPairs = checkPairs
        self.today = today
    }

    /// Resolves the members' Python requirements together; Debian tools and tools without an adapter are
    /// listed but stay outside the Python environment.
    public func check(_ members: [CoInstallMember]) throws -> CoInstallCheck {
        var tools: [CoInstallCheck.Tool] = []
        var sources: [CoInstallRequirements.Source] = []
        var versions: [String] = []
        for member in members {
            switch member.install {
            case .python(let version, let requirements, _):
                let relative = ((member.directory ?? "") as NSString).appendingPathComponent(requirements)
                let path = (projectRoot as NSString).appendingPathComponent(relative)
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw CoInstallError(
                        "cannot read \(relative), the requirements of \(member.tool)",
                        hint: "run 'bakeoff check' and fix the adapter of \(member.tool)")
                }
                sources.append(CoInstallRequirements.Source(tool: member.tool, path: path, text: text))
                versions.append(version)
                tools.append(
                    CoInstallCheck.Tool(
                        id: member.tool, stage: member.stage, environment: .python, requirements: relative,
                        debianPackages: nil))
            case .debian(let packages, _):
                tools.append(
                    CoInstallCheck.Tool(
                        id: member.tool, stage: member.stage, environment: .debian, requirements: nil,
                        debianPackages: packages))
            case nil:
                tools.append(
                    CoInstallCheck.Tool(
                        id: member.tool, stage: member.stage, environment: .none, requirements: nil,
                        debianPackages: nil))
            }
        }
        guard let python = Self.highest(versions) else {
            return CoInstallCheck(
                tools: tools, python: nil, uv: nil, checkedOn: today, resolves: true, packages: [], sizeBytes: nil,
                conflicts: [], explanation: nil)
        }
        let requirements = CoInstallRequirements(merging: sources)
        let uvVersion = try resolver.version()
        let pairs = checkPairs ? try self.pairs(sources, python: python) : nil
        switch try resolver.compile(requirements.text, python: python) {
        case .resolved(let packages):
            let size = measureSize ? try resolver.environmentSize(packages: packages, python: python) : nil
            return CoInstallCheck(
                tools: tools, python: python, uv: uvVersion, checkedOn: today, resolves: true, packages: packages,
                sizeBytes: size, conflicts: [], explanation: nil, pairs: pairs)
        case .unsatisfiable(let explanation):
            return CoInstallCheck(
                tools: tools, python: python, uv: uvVersion, checkedOn: today, resolves: false, packages: [],
                sizeBytes: nil, conflicts: explanation.conflicts(requirements: requirements),
                explanation: explanation.text, pairs: pairs)
        }
    }

    /// Every pair of the Python tools resolved on its own, sorted by tool ids.
    private func pairs(_ sources: [CoInstallRequirements.Source], python: String) throws -> [CoInstallCheck.Pair] {
        var result: [CoInstallCheck.Pair] = []
        for i in sources.indices {
            for j in sources.indices where j > i {
                let pair = [sources[i], sources[j]].sorted { $0.tool < $1.tool }
                let requirements = CoInstallRequirements(merging: pair)
                let tools = pair.map(\.tool)
                switch try resolver.compile(requirements.text, python: python) {
                case .resolved:
                    result.append(CoInstallCheck.Pair(tools: tools, resolves: true, conflicts: []))
                case .unsatisfiable(let explanation):
                    result.append(
                        CoInstallCheck.Pair(
                            tools: tools, resolves: false,
                            conflicts: explanation.conflicts(requirements: requirements)))
                }
            }
        }
        return result.sorted { $0.tools.lexicographicallyPrecedes($1.tools) }
    }

    /// The highest of the adapters' Python versions: the joint environment must suit every tool, and a
    /// tool asking for a newer Python needs it.
    static func highest(_ versions: [String]) -> String? {
        func parts(_ v: String) -> [Int] { v.split(separator: ".").map { Int($0) ?? 0 } }
        return versions.max { parts($0).lexicographicallyPrecedes(parts($1)) }
    }
}
