import Foundation

/// How a command that has written its output ends.
enum Finish {
    /// Flushes the output streams and ends the process with status 0 without tearing down what the command built: the
    /// project, the evaluation and the rendered files are tens of thousands of objects, and releasing them one
    /// by one only to hand the memory back to the system was a twentieth of `build` (clang skips it the same
    /// way). Call it only once everything is written; files and the ledger are on disk as they are written.
    static func success() -> Never {
        fflush(nil)  // every output stream
        exit(0)
    }
}
