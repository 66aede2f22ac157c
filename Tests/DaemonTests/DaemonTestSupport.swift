import Foundation
import Glibc
import NianbaoTestSupport
import Testing

/// A file name as the kernel sees it: raw bytes, so that a GBK-encoded name survives untouched.
typealias FileName = [UInt8]

extension Array where Element == UInt8 {
    /// The UTF-8 bytes of `text`.
    init(utf8 text: String) { self = Array(text.utf8) }

    /// The bytes shown for a human: UTF-8 where valid, `\xNN` escapes elsewhere.
    var shown: String {
        if let text = String(validating: self, as: UTF8.self) { return text }
        return map { $0 < 0x80 ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
    }

    /// Whether these bytes end with `suffix`.
    func hasSuffix(_ suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}

/// The built `nianbao` executable and the sample reports, found as the integration tests find them.
enum Nianbao {
    /// The package root.
    static let packageRoot = BuiltNianbao.packageRoot

    /// The sample reports shipped with the unit tests.
    static let fixtures = BuiltNianbao.fixtures

    /// The built `nianbao` (see `BuiltNianbao.candidates()` for where it looks).
    static func executable() throws -> URL {
        guard let binary = BuiltNianbao.locate() else {
            throw HarnessError(
                "nianbao executable not found (run `swift build`, or set NIANBAO_BIN); tried: "
                    + BuiltNianbao.candidates().map(\.path).joined(separator: ", "))
        }
        return binary
    }

    /// The expected verdict of each sample report, by its number.
    static let sampleVerdicts: [(sample: String, verdict: String)] = [
        ("000", "accepted"), ("001", "rejected"), ("002", "rejected"), ("003", "rejected"), ("004", "accepted"),
    ]

    /// The file name and bytes of the sample report whose name starts with `number_`.
    static func sample(_ number: String) throws -> (name: String, bytes: [UInt8]) {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
        guard let name = names.filter({ $0.hasPrefix(number + "_") && $0.hasSuffix(".txt") }).sorted().first else {
            throw HarnessError("no sample report \(number)_*.txt in \(fixtures.path)")
        }
        return (name, Array(try Data(contentsOf: fixtures.appendingPathComponent(name))))
    }
}

/// A failure of the test harness itself (as opposed to a broken promise of the daemon).
struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Thin, byte-name-preserving wrappers over the Glibc calls the harness needs.
enum Posix {
    /// `directory/name` as a NUL-terminated C path, built from raw bytes.
    static func cPath(_ directory: String, _ name: FileName) -> [CChar] {
        (Array(directory.utf8) + [UInt8(ascii: "/")] + name + [0]).map { CChar(bitPattern: $0) }
    }

    /// The C path of a plain `String` path.
    static func cPath(_ path: String) -> [CChar] {
        (Array(path.utf8) + [0]).map { CChar(bitPattern: $0) }
    }

    /// `strerror` text for an errno value.
    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) + " (errno \(code))" }

    /// Writes all of `bytes` to `fd`, retrying on short writes.
    static func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>) throws {
        var rest = bytes
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw HarnessError("write: \(describe(errno))")
            }
            rest = rest.dropFirst(written)
        }
    }

    /// Creates (or truncates, or appends to) `directory/name` and writes `bytes`; fsyncs when asked.
    static func writeFile(
        _ directory: String, _ name: FileName, _ bytes: ArraySlice<UInt8>,
        append: Bool = false, sync: Bool = false
    ) throws {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC)
        let fd = open(cPath(directory, name), flags, 0o644)
        guard fd >= 0 else { throw HarnessError("open \(directory)/\(name.shown): \(describe(errno))") }
        defer { close(fd) }
        try writeAll(fd, bytes)
        if sync { fsync(fd) }
    }

    /// Renames `fromDirectory/from` to `toDirectory/to` (raw byte names).
    static func rename(_ fromDirectory: String, _ from: FileName, _ toDirectory: String, _ to: FileName) throws {
        guard Glibc.rename(cPath(fromDirectory, from), cPath(toDirectory, to)) == 0 else {
            throw HarnessError("rename \(from.shown) → \(to.shown): \(describe(errno))")
        }
    }

    /// What `lstat` says an entry is: `regular`, `directory`, `symlink`, `fifo`, `other`, or nil when missing.
    static func kind(_ directory: String, _ name: FileName) -> String? {
        var st = stat()
        guard lstat(cPath(directory, name), &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return "regular"
        case S_IFDIR: return "directory"
        case S_IFLNK: return "symlink"
        case S_IFIFO: return "fifo"
        default: return "other"
        }
    }

    /// The whole content of a regular file, read without following a symbolic link; nil when it cannot be opened.
    static func readFile(_ directory: String, _ name: FileName) -> [UInt8]? {
        let fd = open(cPath(directory, name), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            result.append(contentsOf: buffer[..<count])
        }
        return result
    }

    /// The raw names in `directory` (without `.` and `..`), or `[]` when it cannot be opened.
    static func names(in directory: String) -> [FileName] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [FileName] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [UInt8(ascii: ".")] && name != [UInt8(ascii: "."), UInt8(ascii: ".")] { names.append(name) }
        }
        return names
    }

    /// Removes `path` and everything below it, by raw names, without following symbolic links.
    static func removeTree(_ path: String) {
        let fd = open(cPath(path), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            unlink(cPath(path))
            return
        }
        removeContents(of: fd)
        close(fd)
        rmdir(cPath(path))
    }

    /// Empties the directory open as `fd`, recursing into subdirectories.
    private static func removeContents(of fd: Int32) {
        let copy = dup(fd)
        guard copy >= 0, let stream = fdopendir(copy) else { return }
        var names: [FileName] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [UInt8(ascii: ".")] && name != [UInt8(ascii: "."), UInt8(ascii: ".")] { names.append(name) }
        }
        closedir(stream)
        for name in names {
            let cName = (name + [0]).map { CChar(bitPattern: $0) }
            if unlinkat(fd, cName, 0) == 0 { continue }
            let child = openat(fd, cName, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if child >= 0 {
                removeContents(of: child)
                close(child)
            }
            unlinkat(fd, cName, AT_REMOVEDIR)
        }
    }

    /// Whether `path` is a directory (not a link to one).
    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return lstat(cPath(path), &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }

    /// Sleeps for `seconds` (fractions allowed). Blocks the thread: the suites run `.offThePool`.
    static func sleep(_ seconds: Double) { usleep(useconds_t(max(0, seconds) * 1_000_000)) }

    /// Seconds on the monotonic clock.
    static func now() -> Double { ProgressWait.now() }

    /// Polls `condition` every `interval` seconds until it holds; gives up (false, and says so on stderr) only when
    /// `progress` stayed the same for the stall limit — never on a fixed deadline. Blocks the thread: the suites
    /// run `.offThePool`.
    @discardableResult
    static func waitUntil<Progress: Equatable>(
        _ expectation: @autoclosure () -> String? = nil, interval: Double = 0.02, progress: () -> Progress,
        fileID: String = #fileID, line: Int = #line, _ condition: () -> Bool
    ) -> Bool {
        waitForProgressBlocking(
            expectation() ?? "the condition at \(fileID):\(line)", interval: interval,
            progress: progress, until: condition
        ).met
    }

    /// ``waitUntil(_:interval:progress:fileID:line:_:)`` for one event with nothing to count on the way: the
    /// stall limit is the whole wait.
    @discardableResult
    static func waitUntil(
        _ expectation: @autoclosure () -> String? = nil, interval: Double = 0.02, fileID: String = #fileID, line: Int = #line,
        _ condition: () -> Bool
    ) -> Bool {
        waitUntil(expectation(), interval: interval, progress: { 0 }, fileID: fileID, line: line, condition)
    }
}

/// The `.timeLimit` of every test here: a guard against a hang, not a speed budget. The waits inside fail when
/// nothing moved for the stall limit, which a hung test reaches long before this.
let hangGuardMinutes: Int64 = 30

/// Runs `body` with a fresh ``DaemonRoot`` and removes it afterwards (kept when `NIANBAO_KEEP=1`, and then printed).
func withRoot<T>(_ label: String, createRoot: Bool = false, _ body: (DaemonRoot) throws -> T) throws -> T {
    let root = try DaemonRoot(label, createRoot: createRoot)
    defer {
        if TemporaryRoot.keep {
            print("kept \(root.base)")
        } else {
            root.remove()
        }
    }
    return try body(root)
}

/// Whether this process may mount file systems (root with CAP_SYS_ADMIN, mount(2) not blocked), found by trying once.
let canMount: Bool = {
    guard geteuid() == 0, let root = try? DaemonRoot("mount-probe", createRoot: true) else { return false }
    defer { root.remove() }
    guard mount("tmpfs", root.root, "tmpfs", 0, "size=64k") == 0 else { return false }
    umount2(root.root, Int32(MNT_DETACH))
    return true
}()

/// Mounts a tmpfs of `size` (e.g. `1m`) on `path`.
func mountTmpfs(_ path: String, size: String) throws {
    guard mount("tmpfs", path, "tmpfs", 0, "size=\(size)") == 0 else {
        throw HarnessError("mount tmpfs on \(path): \(Posix.describe(errno))")
    }
}

/// Lines of `text` containing `needle`.
func lines(of text: String, containing needle: String) -> [Substring] {
    text.split(separator: "\n").filter { $0.contains(needle) }
}

/// The rule codes of the findings in a findings JSON object.
func findingCodes(_ json: [String: Any]?) -> [String] {
    (json?["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
}
