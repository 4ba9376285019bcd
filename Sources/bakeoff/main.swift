import ArgumentParser
import Foundation

// Every failure leaves the same way: `error: [FILE:LINE:COL: ]what is wrong; what to do` on stderr, files named
// relative to the project, exit 64 for bad usage (with the usage line) and 1 for a problem found. Commands that
// already reported their problem throw an ExitCode.
do {
    var command = try Bakeoff.parseAsRoot()
    try command.run()
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    let code = Bakeoff.exitCode(for: error)
    let text = Bakeoff.fullMessage(for: error)
    if code == .success {
        print(text)  // --help, --version
        exit(0)
    }
    Terminal.error(text.hasPrefix("Error: ") ? "error: " + text.dropFirst("Error: ".count) : text)
    exit(code.rawValue)
}
