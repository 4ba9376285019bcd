import Foundation

/// The Mustache templates the pages and the hand-ins are rendered with: the project's `templates/NAME.mustache`
/// where it exists, otherwise the built-in copy, so a project without a templates folder still builds.
public struct TemplateSet: Sendable {
    /// The template names the site and the HTML deck use (`header`, `footer` and `style` are partials).
    public static let htmlNames = ["index", "stage", "evidence", "stack", "whatif", "header", "footer", "style", "deck"]
    /// The templates of the Markdown and text hand-ins: their values arrive ready for the format (user text
    /// escaped for Markdown by the view model), so the template inserts them as they are.
    public static let textNames = ["checkin", "marp", "qa", "peer-review", "timing"]
    /// Every template name: `templates/NAME.mustache`.
    public static let names = htmlNames + textNames

    let renderer: TemplateRenderer
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
        func file(_ name: String) -> String {
            overridden.contains(name) ? "templates/\(name).mustache" : "built-in template \(name)"
        }
        var templates: [String: Template] = [:]
        for name in sources.keys.sorted() {
            do {
                var template = try Template(sources[name]!)
                // Mustache escapes for HTML; the hand-ins' values are already escaped for their own format.
                template.escapesHTML = !Self.textNames.contains(name)
                templates[name] = template
            } catch let error as Template.SyntaxError {
                throw LoadError(file: "\(file(name)):\(error.line):\(error.column)", message: error.message)
            }
        }
        // A partial that does not exist would leave a hole in the page; one that includes itself never ends.
        for name in templates.keys.sorted() {
            var seen: [String] = [name]
            var pending = templates[name]!.partials
            while let partial = pending.popLast() {
                guard let included = templates[partial] else {
                    throw LoadError(file: file(name), message: "includes {{>\(partial)}}, and there is no template \(partial)")
                }
                guard partial != name else {
                    throw LoadError(file: file(name), message: "includes itself through {{>\(partial)}}")
                }
                if !seen.contains(partial) {
                    seen.append(partial)
                    pending += included.partials
                }
            }
        }
        renderer = TemplateRenderer(templates: templates)
        self.overridden = overridden
    }

    /// Whether template `name`, or a partial it includes, uses `variable`: a page whose project template predates
    /// a variable keeps what that variable was added to say.
    public func uses(_ variable: String, in name: String) -> Bool {
        var pending = [name]
        var seen: Set<String> = []
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, let template = renderer.templates[next] else { continue }
            if template.names.contains(variable) { return true }
            pending += template.partials
        }
        return false
    }

    /// Renders the named template with a view model, turned once into concrete values through its `Encodable`
    /// conformance (stored properties by name, nil optionals absent, arrays as lists).
    public func render(_ name: String, _ view: some Encodable) -> String {
        renderer.render(name, TemplateEncoding.value(of: view) ?? .object([:]))
    }
}
