import Foundation
import Glibc
import Logging
import NianbaoTestSupport
import ReportValidation
import Synchronization
import Testing

@testable import Inbox

/// A daemon root under /tmp with `inbox/`, `accepted/`, `rejected/`, `.work/`, and file helpers that
/// take names as bytes.
final class InboxRoot {
    let directory: TemporaryDirectory
    var root: String { directory.path }
    var inbox: String { root + "/inbox" }
    var work: String { root + "/.work" }

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// `root/folder` (+ `/name` as bytes) as a C path.
    func cPath(_ folder: String, _ name: FileName? = nil) -> [CChar] {
        let bytes = Array((root + "/" + folder).utf8) + (name.map { [UInt8(ascii: "/")] + $0.bytes } ?? [])
        return bytes.map { CChar(bitPattern: $0) } + [0]
    }

    /// Writes `folder/name` (creating the folder) with `bytes`.
    func write(_ folder: String, _ name: FileName, _ bytes: [UInt8]) throws {
        mkdir(cPath(folder), 0o755)
        let fd = open(cPath(folder, name), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try #require(fd >= 0, "open \(folder)/\(name): errno \(errno)")
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        try #require(written == bytes.count)
    }

    /// Publishes `name` in the inbox the careful way: a dotfile, then a rename.
    func drop(_ name: FileName, _ bytes: [UInt8]) throws {
        let staging = FileName(".staging-\(UUID().uuidString)")
        try write("inbox", staging, bytes)
        try #require(rename(cPath("inbox", staging), cPath("inbox", name)) == 0)
    }

    /// The bytes of `folder/name`, or nil.
    func read(_ folder: String, _ name: FileName) -> [UInt8]? {
        let fd = open(cPath(folder, name), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return count == 0 ? bytes : nil }
            bytes += chunk[..<count]
        }
    }

    /// The entry names of `folder` (as bytes, sorted), or [] when it is missing.
    func names(_ folder: String) -> [FileName] {
        guard let handle = try? DirectoryHandle(path: root + "/" + folder) else { return [] }
        return ((try? handle.entries()) ?? []).sorted()
    }

    /// The reports (not findings files) in `folder`.
    func reports(_ folder: String) -> [FileName] {
        names(folder).filter { name in !Self.findingsSuffixes.contains { name.hasSuffix($0) } }
    }

    /// Every regular file under the root, recursively, with its bytes (links are not followed).
    func allFiles(under folder: String = "") -> [(String, [UInt8])] {
        let base = folder.isEmpty ? root : root + "/" + folder
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [(String, [UInt8])] = []
        while let relative = enumerator.nextObject() as? String {
            let path = base + "/" + relative
            var st = stat()
            guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { continue }
            files.append((path, (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []))
        }
        return files
    }

    /// The parsed findings JSON beside `folder/name`.
    func findingsJSON(_ folder: String, _ name: FileName) -> [String: Any]? {
        guard let bytes = read(folder, name.appending(".findings.json")) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    /// The finding codes of the findings JSON beside `folder/name`.
    func codes(_ folder: String, _ name: FileName) -> [String] {
        (findingsJSON(folder, name)?["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    /// The findings files beside every filed report: JSON, text note, findings page.
    static let findingsSuffixes = [".findings.json", ".findings.txt", ".findings.html"]

    /// Problems with the final state: every report has its three findings files, no orphan findings,
    /// nothing left in `.work/` (empty folders included).
    func outputProblems() -> [String] {
        var problems: [String] = []
        for folder in ["accepted", "rejected"] {
            let names = Set(self.names(folder))
            for report in reports(folder) {
                for suffix in [".findings.txt", ".findings.json", ".findings.html"] where !names.contains(report.appending(suffix)) {
                    problems.append("\(folder)/\(report) has no \(suffix)")
                }
            }
            for name in names {
                guard let suffix = Self.findingsSuffixes.first(where: { name.hasSuffix($0) }) else { continue }
                let report = FileName(Array(name.bytes.dropLast(suffix.utf8.count)))
                if !names.contains(report) { problems.append("\(folder)/\(name) is an orphan findings file") }
            }
        }
        let left = names(".work")
        if !left.isEmpty { problems.append(".work/ still holds \(left)") }
        return problems
    }
}

/// A fixed wall clock for findings stamps and claim names.
struct FixedClock: WallClock {
    var time = WallTime(nanosecondsSinceEpoch: 1_700_000_000_000_000_000)
    func now() -> WallTime { time }
}

/// The shared captured log (NianbaoTestSupport), visible to every file of this target without an import.
typealias CapturedLog = NianbaoTestSupport.CapturedLog

/// A pipeline on a fresh layout under `root`, with a fixed clock.
func makePipeline(_ root: InboxRoot, settings: InboxSettings = InboxSettings(), log: CapturedLog = CapturedLog()) throws -> ClaimPipeline {
    let layout = try InboxLayout.prepare(root: root.root)
    return ClaimPipeline(
        layout: layout, judge: ReportJudge(settings: settings, legacyDecoder: try IconvDecoder()),
        clock: FixedClock(), logger: log.logger)
}
