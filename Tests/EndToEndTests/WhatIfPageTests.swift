import Foundation
import TestSupport
import XCTest

/// The what-if page of the bundled project, built by the CLI, against `bakeoff score` on the same weights:
/// its script under Node, and the page itself in headless Chromium opened from disk.
final class WhatIfPageTests: XCTestCase {
    // One build for the whole class: the tests only read what it wrote.
    nonisolated(unsafe) static var built: (folder: TemporaryFolder, page: String)?
    var folder: TemporaryFolder { Self.built!.folder }
    var page: String { Self.built!.page }

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: CLI.productsFolder.appendingPathComponent("bakeoff").path) else {
            throw XCTSkip("the bakeoff executable is not built next to the tests")
        }
        guard Self.built == nil else { return }
        let folder = try TemporaryFolder("bakeoff-whatif")
        try Repository.copyBundledProject(to: folder.path)
        let build = try CLI.run(["build", "--project", folder.path, "--out", folder.url("out").path])
        XCTAssertEqual(build.status, 0, build.stderr)
        Self.built = (folder, try folder.read("out/site/whatif.html"))
    }

    override class func tearDown() {
        built?.folder.remove()
        built = nil
    }

    /// `bakeoff score` on the copy: stage id → ranked tool ids, first to last.
    func scored(_ profile: String, _ overrides: [String: Double]) throws -> [String: [String]] {
        try scoredStages(profile, overrides).mapValues { ($0["ranking"] as! [[String: Any]]).map { $0["tool"] as! String } }
    }

    /// `bakeoff score --format json` on the copy: stage id → the stage's object.
    func scoredStages(_ profile: String, _ overrides: [String: Double]) throws -> [String: [String: Any]] {
        var arguments = ["score", "--project", folder.path, "--format", "json", "--samples", "0", "--profile", profile]
        for key in overrides.keys.sorted() { arguments += ["--weight", "\(key)=\(overrides[key]!)"] }
        let out = try CLI.run(arguments)
        XCTAssertEqual(out.status, 0, out.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as! [String: Any]
        var result: [String: [String: Any]] = [:]
        for stage in object["stages"] as! [[String: Any]] { result[stage["id"] as! String] = stage }
        return result
    }

    func testPageIsSelfContainedAndSmall() throws {
        XCTAssertLessThan(page.utf8.count, 300_000)
        for outside in ["src=", "<link", "http://", "https://", "@import", "url("] {
            XCTAssertFalse(page.contains(outside), "the page must use nothing outside the file: found \(outside)")
        }
        let index = try folder.read("out/site/index.html")
        XCTAssertTrue(index.contains("href=\"whatif.html\""))
        XCTAssertTrue(try folder.read("out/site/stage-orchestration.html").contains("href=\"whatif.html\""))
    }

    func testScriptRanksLikeTheCommandLine() throws {
        guard WhatIfHarness.node != nil else { throw XCTSkip(WhatIfHarness.NodeMissing().description) }
        let cases: [WhatIfHarness.Case] = [
            .init(profile: "startup", overrides: ["cost": 50]),
            .init(profile: "startup", overrides: ["performance": 0, "lock-in": 35.5]),
            .init(profile: "enterprise", overrides: [:]),
            .init(profile: "mid-size", overrides: ["interoperability": 0, "support": 80]),
        ]
        let results = try WhatIfHarness.rank(page: page, cases: cases)
        for (k, stages) in zip(cases, results) {
            let expected = try scoredStages(k.profile, k.overrides)
            XCTAssertEqual(stages.count, expected.count)
            for stage in stages {
                let id = stage["stage"] as! String, label = "\(id) at \(k.profile) \(k.overrides)"
                let cli = try XCTUnwrap(expected[id], label)
                XCTAssertEqual(stage["order"] as? [String], (cli["ranking"] as! [[String: Any]]).map { $0["tool"] as! String }, label)
                XCTAssertEqual(stage["challenger"] as? String, (cli["provisional"] as? [String: Any])?["challenger"] as? String, label)
                XCTAssertEqual(stage["tiedWithWinner"] as? [String], cli["tied_with_winner"] as? [String] ?? [], label)
            }
        }
    }

    /// Opens the page from disk in headless Chromium with cost at 50 (`whatif.html#cost=50`, as a link from a slide
    /// would) and reads each stage's winner from the page the script rewrote.
    func testChromiumShowsTheCommandLinesWinnersAtCostFifty() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile)
        else { throw XCTSkip("chromium is not installed (apt-get install chromium); the page was not opened") }
        let url = folder.url("out/site/whatif.html").absoluteString + "#cost=50"
        let dom = try Self.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url])
        let names = try Self.toolNames(page)
        let expected = try scored("startup", ["cost": 50])
        XCTAssertTrue(dom.contains("id=\"whatif-command\">bakeoff score --profile startup --weight cost=50</code>"), dom)
        for (stage, ranking) in expected {
            let winner = try XCTUnwrap(ranking.first)
            let row = try XCTUnwrap(dom.range(of: "<tr data-stage=\"\(stage)\">"), stage)
            let cell = dom[row.upperBound...].prefix(600)
            XCTAssertTrue(cell.contains("<strong><bdi>\(Self.escaped(names[stage + "/" + winner]!))</bdi></strong>"), "\(stage): \(cell)")
        }
    }

    /// Types 50 into the cost field of the page opened from disk (through chromedriver, as a person would) and
    /// reads each stage's winner and the URL's fragment.
    func testTypingFiftyIntoCostReRanksLikeTheCommandLine() throws {
        guard let driver = ["/usr/bin/chromedriver"].first(where: FileManager.default.isExecutableFile),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"),
            let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile)
        else { throw XCTSkip("chromium, chromedriver or curl is not installed; the page was not driven") }
        let session = try WebDriver(driver: driver, browser: chromium)
        defer { session.quit() }
        try session.open(folder.url("out/site/whatif.html").absoluteString)
        let field = try session.element("#w-cost")
        try session.post("element/\(field)/clear", [:])
        try session.post("element/\(field)/value", ["text": "50"])
        let winners = try session.script(
            "return Array.from(document.querySelectorAll('tr[data-stage]')).map(function (r) { var s = r.children[1].querySelector('strong'); return [r.getAttribute('data-stage'), s ? s.textContent : '']; }).concat([['#', location.hash]]);")
            as? [[String]] ?? []
        let names = try Self.toolNames(page)
        let expected = try scored("startup", ["cost": 50])
        XCTAssertEqual(winners.count, expected.count + 1, "\(winners)")
        for pair in winners where pair[0] != "#" {
            XCTAssertEqual(pair[1], expected[pair[0]]?.first.flatMap { names[pair[0] + "/" + $0] }, pair[0])
        }
        XCTAssertEqual(winners.last, ["#", "#cost=50"], "the URL keeps the weights")
    }

    /// Stage/tool → display name, from the page's data.
    static func toolNames(_ page: String) throws -> [String: String] {
        let data = try XCTUnwrap(WhatIfHarness.extract(page)?.data)
        let object = try JSONSerialization.jsonObject(with: Data(data.utf8)) as! [String: Any]
        var names: [String: String] = [:]
        for stages in object["evaluations"] as! [[[String: Any]]] {
            for stage in stages {
                for tool in stage["tools"] as! [[String: String]] { names[(stage["id"] as! String) + "/" + tool["id"]!] = tool["name"]! }
            }
        }
        return names
    }

    /// Text as a DOM serializer writes it between tags.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// The few WebDriver calls the what-if check needs, against a chromedriver this test starts and stops.
final class WebDriver {
    let process = Process()
    let base: String
    var session = ""

    init(driver: String, browser: String) throws {
        let port = Int.random(in: 20_000..<40_000)
        base = "http://127.0.0.1:\(port)"
        process.executableURL = URL(fileURLWithPath: driver)
        process.arguments = ["--port=\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var ready = false
        for _ in 0..<100 where !ready {
            Thread.sleep(forTimeInterval: 0.1)
            ready = ((try? request("GET", "/status", nil))?["value"] as? [String: Any])?["ready"] as? Bool ?? false
        }
        guard ready else {
            quit()
            throw XCTSkip("chromedriver did not start on port \(port)")
        }
        let options: [String: Any] = ["binary": browser, "args": ["--headless", "--no-sandbox", "--disable-gpu"]]
        let reply = try request(
            "POST", "/session", ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]])
        guard let id = (reply["value"] as? [String: Any])?["sessionId"] as? String else {
            quit()
            throw XCTSkip("chromedriver could not start chromium: \(reply)")
        }
        session = id
    }

    func open(_ url: String) throws { try post("url", ["url": url]) }

    func element(_ css: String) throws -> String {
        let reply = try request("POST", "/session/\(session)/element", ["using": "css selector", "value": css])
        let value = reply["value"] as? [String: Any] ?? [:]
        return try XCTUnwrap(value.values.first as? String, "no element \(css): \(reply)")
    }

    func script(_ source: String) throws -> Any? {
        try request("POST", "/session/\(session)/execute/sync", ["script": source, "args": [] as [Any]])["value"]
    }

    @discardableResult
    func post(_ path: String, _ body: [String: Any]) throws -> [String: Any] {
        try request("POST", "/session/\(session)/\(path)", body)
    }

    /// Ends the browser session and stops the chromedriver this object started.
    func quit() {
        if !session.isEmpty { _ = try? request("DELETE", "/session/\(session)", nil) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// One WebDriver call through curl: Foundation's URLSession cannot read chromedriver's replies on Linux
    /// ("Failed writing header", swiftlang/swift-corelibs-foundation#4965).
    func request(_ method: String, _ path: String, _ body: [String: Any]?) throws -> [String: Any] {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "--max-time", "60", "-X", method, "-H", "Content-Type: application/json", "--data-binary", "@-", base + path]
        let input = Pipe(), output = Pipe()
        curl.standardInput = input
        curl.standardOutput = output
        curl.standardError = FileHandle.nullDevice
        try curl.run()
        input.fileHandleForWriting.write(try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data())
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        guard curl.terminationStatus == 0 else { throw URLError(.cannotConnectToHost) }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
