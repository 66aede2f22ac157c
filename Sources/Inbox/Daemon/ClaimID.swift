/// The name of one claim in `.work/`: 16 hex digits of the wall-clock time it was made, in
/// nanoseconds since 1970 (made unique by counting up on a collision).
///
/// Carrying the claim time in the name means the time a report was received survives a restart
/// without any extra file to write.
package struct ClaimID: Hashable, Sendable, Comparable, CustomStringConvertible {
    let value: UInt64

    /// The claim folder: `.work/<id>/`, holding the claimed report under its original name.
    var claimFolder: FileName { FileName(hex) }
    /// The build folder: `.work/<id>.build/`, where the findings and the marker are written.
    var buildFolder: FileName { FileName(hex + ".build") }
    /// The committed stage: `.work/<id>.accepted/` or `.work/<id>.rejected/`, named for the verdict.
    func stageFolder(_ folder: OutputFolder) -> FileName { FileName(hex + "." + folder.rawValue) }
    /// The judging marker: `.work/<id>.judging-<attempts>`, an empty file naming how many processes
    /// started judging the claimed report and did not live to finish (see ``WorkFolder``).
    func judgingMarker(_ attempts: Int) -> FileName { FileName(hex + ".judging-\(attempts)") }

    /// When the report was claimed.
    package var claimedAt: WallTime { WallTime(nanosecondsSinceEpoch: Int64(bitPattern: value)) }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }

    package var description: String { hex }

    package static func < (lhs: ClaimID, rhs: ClaimID) -> Bool { lhs.value < rhs.value }

    /// What a `.work/` entry name stands for: a claim's folder or judging marker, or nil for a name
    /// the daemon never makes.
    static func parse(_ name: FileName) -> (id: ClaimID, role: WorkFolderRole)? {
        let bytes = name.bytes
        guard bytes.count >= 16, let value = UInt64(String(decoding: bytes.prefix(16), as: UTF8.self), radix: 16),
            bytes.prefix(16).allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        let id = ClaimID(value: value)
        switch String(decoding: bytes.dropFirst(16), as: UTF8.self) {
        case "": return (id, .claim)
        case ".build": return (id, .build)
        case ".accepted": return (id, .stage(.accepted))
        case ".rejected": return (id, .stage(.rejected))
        case let suffix:
            let attempts = (1...WorkFolder.maximumAttempts).first { suffix == ".judging-\($0)" }
            return attempts.map { (id, .judging(attempts: $0)) }
        }
    }
}

/// The role of an entry of one claim in `.work/`: a folder, or the judging marker.
enum WorkFolderRole: Hashable, Sendable {
    case claim
    case build
    case stage(OutputFolder)
    /// An empty judging marker (not a folder): judging was started `attempts` times.
    case judging(attempts: Int)
}
