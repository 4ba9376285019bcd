import ArgumentParser
import BakeoffModel
import BakeoffReports
import BakeoffScoring
import Foundation

/// `bakeoff slides [--check]`: the talk's timing plan, and with `--check` the deck lint.
struct Slides: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the talk's timing plan per slide and per speaker; --check also lints the deck and fails on a problem.",
        discussion: """
            --check fails (exit 1) when the talk is over its limit less its safety margin, when a member speaks less \
            than the minimum (plus a share of the margin), or when the deck lint finds a wrong article, an acronym in \
            lower case, a number without thousands separators, a raw id in prose, too many words on a slide, or a \
            slide that overflows 1280×720. The overflow is measured in headless Chromium when one is found \
            (BAKEOFF_CHROMIUM, or chromium / chromium-browser / google-chrome on PATH); without one it says it was skipped.
            """)

    @Flag(help: "Exit 1 when the talk breaks a timing rule or the deck lint finds a problem.")
    var check = false

    @OptionGroup var options: ProjectOptions
    @OptionGroup var weights: WeightOptions

    func run() throws {
        let e = try EvaluationLoader.load(options, weights: weights)
        let project = e.project
        let slides = SlideDeck.slides(project: project, scoreboard: e.scoreboard, runs: e.runs, stack: e.stack)
        let plan = TalkPlan.plan(slides: slides, team: project.team, teamSize: CourseRules.teamSize(for: project))
        print(plan.report(team: project.team), terminator: "")
        guard check else { return }
        var problems = DeckLint.lint(slides, rawIDs: SlideDeck.rawIDs(project: project))
        // The overflow check needs the deck as built, with its images.
        var context = BuildContext(
            project: project, runs: e.runs, scoreboard: e.scoreboard, weightsOverridden: false, version: BakeoffVersion.current)
        context.stack = e.stack
        context.stackChecks = e.stackChecks
        do {
            try ReportPipeline(steps: ReportPipeline.siteSteps(projectRoot: project.root) + ReportPipeline.deliverableSteps)
                .run(&context) { _ in }
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        if let html = context.files["slides/deck.html"] {
            switch HeadlessChromium.dumpDOM(html: html, fragment: "check") {
            case .success(let dom):
                if let overflow = DeckLint.overflow(fromDOM: dom) {
                    problems += overflow
                    print("overflow: every slide measured at \(DeckPage.width)×\(DeckPage.height) in headless Chromium")
                } else {
                    print("overflow: not measured (the page did not report; is the browser too old?)")
                }
            case .failure(let why):
                print("overflow: not measured (\(why))")
            }
        }
        for p in problems { print("problem: \(p)") }
        print("deck lint: \(problems.count) problem\(problems.count == 1 ? "" : "s")")
        if !plan.fits || !problems.isEmpty { throw ExitCode(1) }
    }
}

/// Runs a headless Chromium over a page and returns its DOM after the page's scripts ran.
enum HeadlessChromium {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The browser: `BAKEOFF_CHROMIUM`, else the first of chromium, chromium-browser, google-chrome on PATH.
    static func locate() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["BAKEOFF_CHROMIUM"], !given.isEmpty { return given }
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in path {
                let candidate = folder + "/" + name
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Writes `html` to a temporary file, loads it at 1280×720 with `#fragment`, returns the DOM (60 s at most).
    static func dumpDOM(html: String, fragment: String) -> Result<String, Failure> {
        guard let browser = locate() else { return .failure(Failure(description: "no Chromium found; set BAKEOFF_CHROMIUM")) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bakeoff-deck-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let page = folder.appendingPathComponent("deck.html")
            try html.write(to: page, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: browser)
            process.arguments = [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=\(DeckPage.width),\(DeckPage.height)",
                "--user-data-dir=" + folder.appendingPathComponent("profile").path, "--virtual-time-budget=3000", "--dump-dom",
                page.absoluteString + "#" + fragment,
            ]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Read while it runs (a full pipe would block it); stop it if it hangs.
            let deadline = DispatchTime.now() + .seconds(60)
            let timer = DispatchSource.makeTimerSource()
            timer.schedule(deadline: deadline)
            timer.setEventHandler { if process.isRunning { process.terminate() } }
            timer.resume()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            timer.cancel()
            guard process.terminationStatus == 0 else {
                return .failure(Failure(description: "\(browser) exited with \(process.terminationStatus)"))
            }
            return .success(String(decoding: data, as: UTF8.self))
        } catch {
            return .failure(Failure(description: "\(browser) could not run: \(error)"))
        }
    }
}
