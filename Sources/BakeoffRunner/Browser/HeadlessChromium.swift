import BakeoffFiles
import Foundation

/// A headless Chromium that loads a page and returns its DOM after the page's scripts ran (`slides --check`
/// measures each slide this way). Started through the launcher like every other command: a timeout, the
/// caller's interruption, and no browser process left behind.
public enum HeadlessChromium {
    /// Why the page could not be measured, in words.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The browser: `BAKEOFF_CHROMIUM`, else the first of chromium, chromium-browser, google-chrome on PATH.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let given = environment["BAKEOFF_CHROMIUM"], !given.isEmpty { return given }
        let path = environment["PATH"] ?? StepEnvironment.basePath
        return ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap { Spawn.resolve($0, path: path) }.first
    }

    /// Loads `html` from a temporary file at `width`×`height` with `#fragment` and returns the DOM; throws
    /// `Failure` when no browser is found or it fails, `Interrupted` when the interruption stops it.
    public static func dumpDOM(
        html: String, fragment: String, width: Int, height: Int, timeout: Double = 60,
        interruption: Interruption? = nil
    ) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        guard let browser = locate(environment: environment) else {
            throw Failure(description: "no Chromium found; set BAKEOFF_CHROMIUM")
        }
        let folder: String
        do {
            folder = try Command.scratchFolder()
        } catch {
            throw Failure(description: "cannot create a temporary folder: \(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = URL(fileURLWithPath: folder + "/deck.html")
        do {
            try AtomicFile.write(html, to: page.path, durable: false)
        } catch {
            throw Failure(description: error.description)
        }
        let result = Command.run(
            [
                browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--window-size=\(width),\(height)", "--user-data-dir=\(folder)/profile", "--virtual-time-budget=3000",
                "--dump-dom", page.absoluteString + "#" + fragment,
            ], environment: environment, directory: folder, timeout: timeout, interruption: interruption)
        if result.interrupted { throw Interrupted("\(browser) --headless") }
        guard result.succeeded else {
            let why = result.exitCode == nil ? result.stderrTail(lines: 1) : result.ending
            throw Failure(description: "\(browser) \(result.timedOut ? "did not finish in \(Int(timeout)) s" : "failed (\(why))")")
        }
        return result.stdout
    }
}
