import Foundation
import Mustache

/// The Mustache templates pages are rendered with: the project's `templates/NAME.mustache` where it exists,
/// otherwise the built-in copy, so a project without a templates folder still builds.
public struct TemplateSet: Sendable {
    /// The template names the site and the deck use (`header`, `footer` and `style` are partials).
    public static let names = ["index", "stage", "evidence", "stack", "whatif", "header", "footer", "style", "deck"]

    let library: MustacheLibrary
    /// Which templates came from the project folder, sorted (for progress output and tests).
    public let overridden: [String]

    /// A template failed to parse: which file, and what is wrong.
    public struct LoadError: Error, CustomStringConvertible {
        public var file: String
        public var message: String
        public var description: String { "\(file): \(message); fix the template or delete it to use the built-in one" }
    }

    /// The built-in templates only.
    public static let builtIn: TemplateSet = try! TemplateSet(sources: BuiltinTemplates.all, overridden: [])

    /// Loads `templates/` under the project root, falling back to the built-in copy for each missing file.
    public static func load(projectRoot: String) throws -> TemplateSet {
        var sources = BuiltinTemplates.all
        var overridden: [String] = []
        let folder = (projectRoot as NSString).appendingPathComponent("templates")
        for name in names {
            let path = (folder as NSString).appendingPathComponent("\(name).mustache")
            guard FileManager.default.fileExists(atPath: path) else { continue }
            // A template linked to a file outside the project (/etc/passwd) would be published in the site.
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            let top = URL(fileURLWithPath: projectRoot).resolvingSymlinksInPath().path
            guard resolved.hasPrefix(top == "/" ? "/" : top + "/") else {
                throw LoadError(
                    file: "templates/\(name).mustache",
                    message: "resolves to a file outside the project; copy the template in instead of linking to it")
            }
            do {
                sources[name] = try String(contentsOfFile: path, encoding: .utf8)
                overridden.append(name)
            } catch {
                throw LoadError(file: "templates/\(name).mustache", message: "cannot be read as UTF-8 (\(error.localizedDescription))")
            }
        }
        return try TemplateSet(sources: sources, overridden: overridden.sorted())
    }

    init(sources: [String: String], overridden: [String]) throws {
        var library = MustacheLibrary()
        for name in sources.keys.sorted() {
            do {
                try library.register(sources[name]!, named: name)
            } catch {
                let where_ = overridden.contains(name) ? "templates/\(name).mustache" : "built-in template \(name)"
                throw LoadError(file: where_, message: "is not valid Mustache (\(error))")
            }
        }
        self.library = library
        self.overridden = overridden
    }

    /// Renders the named template with a view model.
    public func render(_ name: String, _ view: Any) -> String {
        library.render(Self.tree(view), withTemplate: name) ?? ""
    }

    /// The view model as nested dictionaries and arrays, reflected once. swift-mustache reflects an object on
    /// every variable lookup, again for each parent it climbs to; on a stage page that was most of the build.
    /// Lookups behave the same: stored properties by name, a nil optional is absent.
    static func tree(_ value: Any) -> Any {
        switch value {
        case let text as String: return text
        case let flag as Bool: return flag
        case let number as Int: return number
        case let number as Double: return number
        case let list as [Any]: return list.map(tree)
        default:
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .optional:
                guard let wrapped = mirror.children.first?.value else { return Optional<Any>.none as Any }
                return tree(wrapped)
            case .struct, .class:
                var fields: [String: Any] = [:]
                for child in mirror.children {
                    guard let label = child.label else { continue }
                    let inner = Mirror(reflecting: child.value)
                    if inner.displayStyle == .optional {
                        guard let wrapped = inner.children.first?.value else { continue }
                        fields[label] = tree(wrapped)
                    } else {
                        fields[label] = tree(child.value)
                    }
                }
                return fields
            default:
                return value
            }
        }
    }
}
