import Foundation
import TestSupport
import XCTest

/// The bundled project's site as a reader meets it: no raw fact key in the text, no run id repeated in a
/// cell, and, measured in headless Chromium when it is installed, stage pages short enough to scan with the
/// first chart near the top, and no page (but the evidence log) wider than a phone's screen.
final class SiteLayoutTests: XCTestCase {
    /// The site built once from a copy of the bundled project (the build takes seconds).
    nonisolated(unsafe) static var built: TemporaryFolder?

    func site() throws -> String {
        if let built = Self.built { return built.url("reports/site").path }
        let folder = try TemporaryFolder("bakeoff-layout")
        try Repository.copyBundledProject(to: folder.path)
        let build = try CLI.run(["build", "--project", folder.path])
        XCTAssertEqual(build.status, 0, build.stderr)
        Self.built = folder
        return folder.url("reports/site").path
    }

    override class func tearDown() {
        built?.remove()
        built = nil
        super.tearDown()
    }

    func pages(_ site: String) throws -> [String: String] {
        var pages: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: site) where name.hasSuffix(".html") {
            pages[name] = try String(contentsOfFile: site + "/" + name, encoding: .utf8)
        }
        return pages
    }

    func testNoRawFactKeyIsVisibleAndNoRunIdRepeatsInACell() throws {
        let site = try site()
        let pages = try pages(site)
        XCTAssertGreaterThanOrEqual(pages.count, 8)
        // Fact keys as the stage files write them; only the ones no reader would write (`pricing.model`).
        var keys = Set<String>()
        for stage in try FileManager.default.contentsOfDirectory(atPath: Repository.root + "/stages") {
            let path = Repository.root + "/stages/\(stage)/stage.yaml"
            guard let yaml = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            for line in yaml.split(separator: "\n") where line.contains(": {value") {
                let key = line.trimmingCharacters(in: .whitespaces).prefix { $0 != ":" }
                if key.contains("_") || key.contains(".") { keys.insert(String(key)) }
            }
        }
        XCTAssertTrue(keys.contains("pricing.model") && keys.contains("release_cadence_days"), "\(keys.sorted())")
        let runs = try FileManager.default.contentsOfDirectory(atPath: Repository.root + "/evidence/runs")
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        XCTAssertFalse(runs.isEmpty)
        for (name, html) in pages.sorted(by: { $0.key < $1.key }) {
            let text = PageText.visible(html)
            for key in keys.sorted() { XCTAssertFalse(text.contains(key), "\(name) shows the raw fact key \(key)") }
            for cell in PageText.cells(html) {
                for run in runs {
                    let short = run.split(separator: "-").last.map(String.init) ?? run
                    XCTAssertLessThanOrEqual(PageText.count(run, in: cell), 1, "\(name): \(cell)")
                    XCTAssertLessThanOrEqual(PageText.count(short, in: cell), 1, "\(name): \(cell)")
                }
            }
        }
    }

    func testStagePagesAreShortAndLeadWithAChartInChromium() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else {
            throw XCTSkip("Chromium is not installed (scripts/install-deps.sh installs it): page heights not measured")
        }
        let site = try site()
        let stages = try FileManager.default.contentsOfDirectory(atPath: site).filter { $0.hasPrefix("stage-") && $0.hasSuffix(".html") }.sorted()
        XCTAssertEqual(stages.count, 10)       // 6 pipeline stages and the 4 parts of CI/CD
        let others = ["index.html", "stack.html"].filter { FileManager.default.fileExists(atPath: site + "/" + $0) }
        let measured = try Self.measure(pages: stages + others, in: site, chromium: chromium)
        for page in others {
            let phone = measured["\(page) 390"]
            XCTAssertNotNil(phone, page)
            XCTAssertLessThanOrEqual(phone?.width ?? 0, 390, "\(page) is wider than a 390 px phone")
        }
        for page in stages {
            guard let desk = measured["\(page) 1400"], let phone = measured["\(page) 390"] else {
                XCTFail("\(page) was not measured: \(measured)")
                continue
            }
            XCTAssertLessThanOrEqual(desk.height, 5000, "\(page) is \(desk.height) px tall at 1400 px with the details closed")
            XCTAssertGreaterThanOrEqual(desk.chart, 0, "\(page) has no chart")
            XCTAssertLessThanOrEqual(desk.chart, 1200, "\(page)'s first chart starts at \(desk.chart) px")
            XCTAssertLessThanOrEqual(phone.width, 390, "\(page) is \(phone.width) px wide on a 390 px phone")
        }
    }

    /// Loads every page in an iframe of each width inside one headless Chromium and reads the document's
    /// height and width and where the first chart starts, after the page and its images have loaded.
    static func measure(pages: [String], in site: String, chromium: String) throws -> [String: (height: Int, chart: Int, width: Int)] {
        let list = pages.map { "\"\($0)\"" }.joined(separator: ",")
        let harness = """
            <!DOCTYPE html><html><body><pre id="out"></pre><script>
            const jobs = []; for (const p of [\(list)]) for (const w of [1400, 390]) jobs.push([p, w]);
            const out = [];
            function next() {
              if (!jobs.length) { document.getElementById("out").textContent = out.join("\\n"); return; }
              const [page, width] = jobs.shift();
              const f = document.createElement("iframe");
              f.style.width = width + "px"; f.style.height = "900px"; f.src = page;
              f.onload = () => {
                const d = f.contentDocument, img = d.querySelector("figure img");
                const top = img ? Math.round(img.getBoundingClientRect().top + f.contentWindow.scrollY) : -1;
                out.push(page + " " + width + " " + d.documentElement.scrollHeight + " " + top + " " + d.documentElement.scrollWidth);
                f.remove(); next();
              };
              document.body.appendChild(f);
            }
            next();
            </script></body></html>
            """
        let harnessPath = site + "/_measure.html"
        try harness.write(toFile: harnessPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: harnessPath) }
        let profile = try TemporaryFolder("bakeoff-chromium")
        defer { profile.remove() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--user-data-dir=\(profile.path)",
            "--window-size=1400,900", "--virtual-time-budget=30000", "--dump-dom", "file://" + harnessPath,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A hung browser must not hang the suite: stop it after two minutes.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        let dom = String(decoding: data, as: UTF8.self)
        guard let start = dom.range(of: "<pre id=\"out\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            XCTFail("Chromium printed no measurements (exit \(process.terminationStatus))")
            return [:]
        }
        var result: [String: (height: Int, chart: Int, width: Int)] = [:]
        for line in dom[start.upperBound..<end.lowerBound].split(separator: "\n") {
            let f = line.split(separator: " ").map(String.init)
            guard f.count == 5, let h = Int(f[2]), let c = Int(f[3]), let w = Int(f[4]) else { continue }
            result["\(f[0]) \(f[1])"] = (h, c, w)
        }
        return result
    }
}
