import Foundation
import Glibc
import NianbaoTestSupport
import Testing

/// A fresh directory under /tmp, removed when the test is done with it.
final class TemporaryDirectory {
    let path: String

    init() throws { path = try TemporaryRoot.makePath("inbox-test") }

    /// `path/name`.
    func path(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path(name)
        // O_CLOEXEC: a child another test spawns meanwhile must not inherit the write end, or exec of
        // this file (a stand-in script) fails with ETXTBSY ("Text file busy") until that child exits.
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            written += n
        }
        return file
    }

    deinit { TemporaryRoot.remove(path) }
}

/// The fixtures of the ReportValidation test target, read from the source tree.
enum Fixtures {
    static let directory: String = BuiltNianbao.fixtures.path

    /// The five sample reports' file names, sorted.
    static let names = [
        "000_e80fb3b6824ca3a9.txt", "001_42627c3d927ac9aa.txt", "002_0843dfdf5e1a4b6d.txt",
        "003_c85c81ce81ca680c.txt", "004_e3c8bab7fbea5405.txt",
    ]

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
    }
}
