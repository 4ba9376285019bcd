import BakeoffModel
import Foundation

/// Creates a new project from the bundled catalog: its criteria, profiles, stages, integrations and templates, and a
/// `bakeoff.yaml` written from the team's answers.
public enum ProjectScaffold {
    /// What the team says about itself.
    public struct Settings: Sendable {
        public var team: String
        public var company: CompanyKind
        public var dataScienceTeam: DataScienceTeamKind
        public var product: String
        /// Member names; ids are derived from them.
        public var members: [String]
        public var profile: String?
        /// The first check-in's due date; the others follow weekly.
        public var start: Day

        public init(
            team: String, company: CompanyKind, dataScienceTeam: DataScienceTeamKind, product: String,
            members: [String], profile: String? = nil, start: Day
        ) {
            self.team = team
            self.company = company
            self.dataScienceTeam = dataScienceTeam
            self.product = product
            self.members = members
            self.profile = profile
            self.start = start
        }
    }

    /// What is copied from the catalog into a new project.
    static let copied = ["criteria", "stages", "integrations", "templates"]

    /// The folder holding the bundled catalog: `$BAKEOFF_CATALOG`, else the nearest folder above the
    /// executable that has `criteria/criteria.yaml` and `stages/`.
    public static func locateCatalog(executable: String) -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["BAKEOFF_CATALOG"], !env.isEmpty { return env }
        var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            if fm.fileExists(atPath: url.appendingPathComponent("criteria/criteria.yaml").path),
                fm.fileExists(atPath: url.appendingPathComponent("stages").path)
            {
                return url.path
            }
            url.deleteLastPathComponent()
        }
        return nil
    }

    /// Member ids from names: the first name, lower-cased and reduced to id characters, made unique.
    public static func memberIDs(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.enumerated().map { index, name in
            let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            let first = folded.split(separator: " ").first.map(String.init) ?? folded
            var base = String(first.lowercased().unicodeScalars.filter {
                ("a"..."z").contains($0) || ("0"..."9").contains($0)
            }.map(Character.init))
            if base.isEmpty || !(base.first!.isLetter || base.first!.isNumber) { base = "member\(index + 1)" }
            var id = base
            var n = 2
            while used.contains(id) {
                id = "\(base)\(n)"
                n += 1
            }
            used.insert(id)
            return id
        }
    }

    /// The new project's `bakeoff.yaml`: every stage of the catalog with all its candidates, assessors
    /// assigned round robin, a weekly schedule from `start`.
    public static func teamFile(settings: Settings, stages: [Stage], profiles: [String]) -> String {
        let ids = memberIDs(settings.members)
        let profile = settings.profile ?? (profiles.contains(settings.company.rawValue) ? settings.company.rawValue : profiles.first ?? "startup")
        var lines = [
            "# A Bakeoff project: see the README of Bakeoff for every key.",
            "team: \(quote(settings.team))",
            "company: \(settings.company.rawValue)",
            "data_science_team: \(settings.dataScienceTeam.rawValue)",
            "product: \(quote(settings.product))",
            "members:",
        ]
        for (id, name) in zip(ids, settings.members) { lines.append("  - {id: \(id), name: \(quote(name))}") }
        lines.append("checkins:")
        lines.append("  poster: \(ids.first ?? "")")
        lines.append("  schedule:")
        let slots = ["group-details"] + stages.map(\.id)
        for (week, id) in slots.enumerated() {
            lines.append("    - {id: \(id), due: \(settings.start.adding(days: 7 * week))}")
        }
        lines.append("profile: \(profile)")
        lines.append("stages:")
        var next = 0
        for stage in stages {
            lines.append("  \(stage.id):")
            for tool in stage.candidates {
                lines.append("    \(tool.id): [\(ids.isEmpty ? "" : ids[next % ids.count])]")
                next += 1
            }
        }
        lines += ["talk:", "  limit: \"5:00\"", "  minimum_per_member: \"1:00\"", "  words_per_minute: 150"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    public enum Failure: Error, CustomStringConvertible {
        case notEmpty(String)
        case catalog(String)

        public var description: String {
            switch self {
            case .notEmpty(let path): "\(path) exists and is not empty; choose a new folder"
            case .catalog(let why): why
            }
        }
    }

    /// Writes the new project into `target` (which must not exist or be empty), all at once: it is
    /// assembled in a temporary folder beside `target` and moved into place.
    public static func create(at target: String, catalog: String, settings: Settings) throws {
        let fm = FileManager.default
        let targetURL = URL(fileURLWithPath: target).standardizedFileURL
        if let contents = try? fm.contentsOfDirectory(atPath: targetURL.path), !contents.isEmpty {
            throw Failure.notEmpty(targetURL.path)
        }
        let catalogProject: Project
        do {
            catalogProject = try ProjectLoader.load(root: catalog, today: nil).project
        } catch {
            throw Failure.catalog("the bundled catalog at \(catalog) does not load:\n\(error)")
        }
        let parent = targetURL.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(targetURL.lastPathComponent).bakeoff-init-\(UUID().uuidString)")
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            for item in copied {
                let source = URL(fileURLWithPath: catalog).appendingPathComponent(item)
                if fm.fileExists(atPath: source.path) {
                    try fm.copyItem(at: source, to: staging.appendingPathComponent(item))
                }
            }
            try fm.createDirectory(at: staging.appendingPathComponent("evidence/runs"), withIntermediateDirectories: true)
            try Data("evidence/ledger.sqlite\nevidence/ledger.sqlite-*\n".utf8).write(to: staging.appendingPathComponent(".gitignore"))
            let text = teamFile(settings: settings, stages: catalogProject.stages, profiles: catalogProject.profiles.map(\.id))
            try Data(text.utf8).write(to: staging.appendingPathComponent("bakeoff.yaml"))
            if fm.fileExists(atPath: targetURL.path) { try fm.removeItem(at: targetURL) }
            try fm.moveItem(at: staging, to: targetURL)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }
}
