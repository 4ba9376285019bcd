import BakeoffFiles
import BakeoffModel
import Foundation

// MARK: - evidence file: written by the runner (read by BakeoffLedger.EvidenceStore)

// MARK: - evidence file

extension CoInstallCheck {
    /// The evidence file's bytes: pretty JSON with sorted keys, ending in a newline.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Writes the evidence file under `projectRoot` whole (`AtomicFile`).
    @discardableResult
    public func write(projectRoot: String) throws -> String {
        let path = (projectRoot as NSString).appendingPathComponent(evidencePath)
        do {
            try AtomicFile.write(try json(), to: path)
        } catch let failure as AtomicFile.Failure {
            throw CoInstallError(
                "cannot write \(evidencePath): \(failure.reason)",
                hint: "check that \((path as NSString).deletingLastPathComponent) can be written")
        }
        return path
    }
}
