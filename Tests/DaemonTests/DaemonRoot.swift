import Foundation
import Glibc
import NianbaoTestSupport

/// One file the test put into the inbox: its name, its bytes, and the folder it must end in (if known).
struct DroppedFile: Sendable {
    var name: FileName
    var bytes: [UInt8]
    /// `accepted` or `rejected`, or nil when the test does not care.
    var expectedFolder: String?
}

/// A report found in `accepted/` or `rejected/`.
struct OutputReport {
    var folder: String
    var name: FileName
    var kind: String
}

/// A temporary `nianbao watch --root` folder, the files the test dropped into it, and checks of its final state.
///
/// Layout: `base/root` is the daemon's root (`inbox/`, `accepted/`, `rejected/`, `.work/`);
/// `base/logs` holds the daemon's captured output and `base/outside` files that are not the daemon's.
final class DaemonRoot: @unchecked Sendable {
    let base: String
    let root: String
    var inbox: String { root + "/inbox" }
    var accepted: String { root + "/accepted" }
    var rejected: String { root + "/rejected" }
    var work: String { root + "/.work" }
    var logs: String { base + "/logs" }
    var outside: String { base + "/outside" }

    private let lock = NSLock()
    private var droppedFiles: [DroppedFile] = []
    private var contents: Set<[UInt8]> = []
    private var counter = 0

    /// The glob patterns the daemon never claims (`InboxSettings.defaultIgnoredNamePatterns`).
    static let ignoredPatterns = [".*", "*.tmp", "*.part", "*~", ".~lock*", "~$*", "*.swp", "*.crdownload"]

    /// Creates an empty base folder under `$TMPDIR` (or /tmp); `root` itself is left for the daemon to create
    /// unless `createRoot` is set (needed to mount a file system on it).
    init(_ label: String, createRoot: Bool = false) throws {
        base = try TemporaryRoot.makePath(label)
        root = base + "/root"
        for folder in [logs, outside] + (createRoot ? [root] : []) where mkdir(Posix.cPath(folder), 0o755) != 0 {
            throw HarnessError("mkdir \(folder): \(Posix.describe(errno))")
        }
    }

    /// Everything dropped so far, in order.
    var dropped: [DroppedFile] { lock.withLock { droppedFiles } }

    /// Remembers a dropped file; its bytes must differ from every other drop so that outputs can be matched.
    func register(_ file: DroppedFile) throws {
        try lock.withLock {
            guard contents.insert(file.bytes).inserted else {
                throw HarnessError("harness: two drops with the same bytes (\(file.name.shown)); make them unique")
            }
            droppedFiles.append(file)
        }
    }

    /// A fresh, unique dotfile name for staging a drop (the daemon never claims dotfiles).
    func stagingName() -> FileName {
        lock.withLock {
            counter += 1
            return FileName(utf8: ".staging-\(counter)")
        }
    }

    /// Publishes a file the way careful uploaders do: write `inbox/.staging-N`, then rename it to `name`.
    ///
    /// rename(2) replaces an existing `inbox/name`; with `waitForFreeName` it first waits until the daemon has
    /// claimed the previous file of that name (while it files reports), so that no drop is lost in the inbox.
    func dropByRename(_ name: FileName, _ bytes: [UInt8], expect folder: String? = nil, waitForFreeName: Bool = false) throws {
        try register(DroppedFile(name: name, bytes: bytes, expectedFolder: folder))
        let staging = stagingName()
        try Posix.writeFile(inbox, staging, bytes[...])
        if waitForFreeName,
            !Posix.waitUntil(
                "inbox/\(name.shown) to be claimed", interval: 0.001,
                progress: { filedCount }, { Posix.kind(inbox, name) == nil })
        {
            throw HarnessError("inbox/\(name.shown) was not claimed, and no report was filed for \(Int(ProgressWait.stallLimit)) s")
        }
        try Posix.rename(inbox, staging, inbox, name)
    }

    /// Writes a file in place the way scp, sftp and Samba do: a part, a pause, more, close, a pause,
    /// reopen for append, the rest, close. A daemon that judges on the first close sees a partial file.
    func dropSlowly(_ name: FileName, _ bytes: [UInt8], pause: Double = 0.3, expect folder: String? = nil) throws {
        try register(DroppedFile(name: name, bytes: bytes, expectedFolder: folder))
        let third = bytes.count / 3
        let fd = open(Posix.cPath(inbox, name), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw HarnessError("open \(name.shown): \(Posix.describe(errno))") }
        try Posix.writeAll(fd, bytes[..<third])
        Posix.sleep(pause)
        try Posix.writeAll(fd, bytes[third..<(2 * third)])
        close(fd)
        Posix.sleep(pause)
        try Posix.writeFile(inbox, name, bytes[(2 * third)...], append: true)
    }

    /// Whether the daemon would claim `name` (it is not a temp/ignored name).
    static func isClaimable(_ name: FileName) -> Bool {
        let cName = (name + [0]).map { CChar(bitPattern: $0) }
        return !ignoredPatterns.contains { fnmatch($0, cName, 0) == 0 }
    }

    /// Whether `name` is a findings file (`<report>.findings.txt`, `.findings.json` or `.findings.html`).
    static func isFindings(_ name: FileName) -> Bool {
        [".findings.txt", ".findings.json", ".findings.html"].contains { name.hasSuffix(FileName(utf8: $0)) }
    }

    /// The reports (not findings, not temp names) now in `accepted/` and `rejected/`.
    func outputReports() -> [OutputReport] {
        ["accepted", "rejected"].flatMap { folder in
            Posix.names(in: root + "/" + folder)
                .filter { !Self.isFindings($0) && Self.isClaimable($0) }
                .map { OutputReport(folder: folder, name: $0, kind: Posix.kind(root + "/" + folder, $0) ?? "missing") }
        }
    }

    /// Paths of every non-directory entry under `.work/`, recursively.
    func workLeftovers() -> [String] {
        func walk(_ directory: String) -> [String] {
            Posix.names(in: directory).flatMap { name -> [String] in
                let path = directory + "/" + name.shown
                if Posix.kind(directory, name) == "directory" {
                    return walk(directory + "/" + (String(validating: name, as: UTF8.self) ?? "?"))
                }
                return [path]
            }
        }
        return walk(work)
    }

    /// Entries of `inbox/` the daemon should have claimed, apart from `allowed` ones.
    func inboxLeftovers(allowed: Set<FileName> = []) -> [FileName] {
        Posix.names(in: inbox).filter { Self.isClaimable($0) && !allowed.contains($0) }
    }

    /// Entries in `accepted/` and `rejected/` (reports and findings): a cheap progress measure for waits.
    var filedCount: Int { Posix.names(in: accepted).count + Posix.names(in: rejected).count }

    /// Whether every dropped file (plus `extraOutputs`) has an output report, the inbox holds nothing claimable
    /// (apart from `allowed`) and `.work/` holds no file.
    func isDrained(allowedInInbox allowed: Set<FileName> = [], extraOutputs: Int = 0) -> Bool {
        outputReports().count >= dropped.count + extraOutputs && inboxLeftovers(allowed: allowed).isEmpty && workLeftovers().isEmpty
    }

    /// Waits until ``isDrained(allowedInInbox:extraOutputs:)``. Fails (false) only when nothing moved — the
    /// inbox, the output folders, `.work/` — for the stall limit: a slow machine drains slowly, it does not fail.
    @discardableResult
    func waitUntilDrained(allowedInInbox allowed: Set<FileName> = [], extraOutputs: Int = 0) -> Bool {
        let expected = dropped.count + extraOutputs
        return Posix.waitUntil(
            "\(expected) reports filed, inbox and .work/ empty", interval: expected > 2000 ? 0.25 : 0.05,
            progress: { [Posix.names(in: inbox).count, filedCount, workLeftovers().count] }
        ) {
            isDrained(allowedInInbox: allowed, extraOutputs: extraOutputs)
        }
    }

    /// Whether `output` is `input` or `input` with a collision suffix (`a.txt` → `a.3.txt`, `a` → `a.3`).
    static func isSuffixed(_ output: FileName, of input: FileName) -> Bool {
        if output == input { return true }
        let dot = UInt8(ascii: ".")
        let split = input.lastIndex(of: dot).flatMap { $0 > 0 ? $0 : nil } ?? input.count
        let stem = Array(input[..<split])
        let ext = Array(input[split...])
        guard output.count > stem.count + ext.count + 1, output.starts(with: stem + [dot]), output.hasSuffix(ext) else {
            return false
        }
        let digits = output[(stem.count + 1)..<(output.count - ext.count)]
        return digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } && digits.first != UInt8(ascii: "0")
    }

    /// Checks the promises about the final state and returns every broken one (empty when all hold):
    /// each dropped file is in exactly one of `accepted/`/`rejected/` (its expected one, if given), byte-identical,
    /// under its name or a suffixed one, with both findings files; no other report, no orphan findings,
    /// no temp names in the output folders, nothing in `.work/`, nothing claimable left in the inbox.
    func problems(allowedInInbox allowed: Set<FileName> = [], ignoringOutputs ignored: Set<FileName> = []) -> [String] {
        var problems: [String] = []
        var byContent: [[UInt8]: DroppedFile] = [:]
        for file in dropped { byContent[file.bytes] = file }
        var seen: [[UInt8]: [OutputReport]] = [:]
        for output in outputReports() where !ignored.contains(output.name) {
            let folder = root + "/" + output.folder
            guard output.kind == "regular", let bytes = Posix.readFile(folder, output.name) else {
                problems.append("\(output.folder)/\(output.name.shown) is a \(output.kind), not a regular file")
                continue
            }
            guard let input = byContent[bytes] else {
                problems.append("\(output.folder)/\(output.name.shown) (\(bytes.count) bytes) matches no dropped file: partial or altered")
                continue
            }
            seen[bytes, default: []].append(output)
            if !Self.isSuffixed(output.name, of: input.name) {
                problems.append("\(output.folder)/\(output.name.shown) is not named \(input.name.shown) or a suffixed form of it")
            }
            if let expected = input.expectedFolder, expected != output.folder {
                problems.append("\(input.name.shown) ended in \(output.folder)/, expected \(expected)/")
            }
            for suffix in [".findings.txt", ".findings.json", ".findings.html"]
            where Posix.kind(folder, output.name + FileName(utf8: suffix)) != "regular" {
                problems.append("\(output.folder)/\(output.name.shown) has no \(suffix) file")
            }
        }
        for file in dropped {
            let count = seen[file.bytes]?.count ?? 0
            if count != 1 {
                problems.append("\(file.name.shown) (\(file.bytes.count) bytes) is in the output folders \(count) times, expected once")
            }
        }
        for folder in ["accepted", "rejected"] {
            let names = Posix.names(in: root + "/" + folder)
            let set = Set(names)
            for name in names where Self.isFindings(name) {
                let report = Array(name.dropLast(name.hasSuffix(FileName(utf8: ".findings.txt")) ? 13 : 14))  // .json, .html: 14
                if !set.contains(report) { problems.append("\(folder)/\(name.shown) is a findings file without its report") }
            }
            for name in names where !Self.isClaimable(name) {
                problems.append("temp name left in \(folder)/: \(name.shown)")
            }
        }
        for path in workLeftovers() { problems.append("left in .work/: \(path)") }
        for name in inboxLeftovers(allowed: allowed) { problems.append("left in inbox/: \(name.shown)") }
        return problems
    }

    /// The parsed `<report>.findings.json` beside an output report.
    func findingsJSON(_ folder: String, _ name: FileName) -> [String: Any]? {
        guard let bytes = Posix.readFile(root + "/" + folder, name + FileName(utf8: ".findings.json")) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    /// Every regular file under `directory`, recursively, as (path, bytes); symbolic links are not followed.
    func regularFiles(under directory: String) -> [(String, [UInt8])] {
        Posix.names(in: directory).flatMap { name -> [(String, [UInt8])] in
            switch Posix.kind(directory, name) {
            case "directory": return regularFiles(under: directory + "/" + (String(validating: name, as: UTF8.self) ?? "?"))
            case "regular": return [(directory + "/" + name.shown, Posix.readFile(directory, name) ?? [])]
            default: return []
            }
        }
    }

    /// Removes the whole base folder.
    func remove() { Posix.removeTree(base) }
}
