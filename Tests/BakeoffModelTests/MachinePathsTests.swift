import BakeoffModel
import XCTest

/// Recorded text names no path of the machine it was recorded on.
final class MachinePathsTests: XCTestCase {
    func testTheProjectBecomesRelativeAndTheHomeATilde() {
        let paths = MachinePaths(projectRoot: "/home/ann/work/bake/", home: "/home/ann")
        XCTAssertEqual(
            paths.scrub("cannot read /home/ann/work/bake/stages/x.yaml; uv at /home/ann/.local/bin/uv; cwd /home/ann/work/bake"),
            "cannot read stages/x.yaml; uv at ~/.local/bin/uv; cwd .")
        // A longer name that starts like the home is not the home.
        XCTAssertEqual(paths.scrub("/home/anna/x and /home/ann"), "~/x and ~")
    }

    func testAnyHomeFolderIsHiddenFromTheTextAlone() {
        XCTAssertEqual(
            MachinePaths.withoutHomes("`/root/.pyenv/shims/uv pip sync` in /home/bob/.cache/x, /Users/eve/y"),
            "`~/.pyenv/shims/uv pip sync` in ~/.cache/x, ~/y")
        XCTAssertEqual(MachinePaths.withoutHomes("see /opt/home/x and /home/ alone"), "see /opt/home/x and /home/ alone")
    }
}
