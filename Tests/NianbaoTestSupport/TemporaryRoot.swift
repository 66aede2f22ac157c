import Foundation

/// Fresh scratch folders for tests, under `$TMPDIR` (or /tmp), named `nianbao-LABEL-XXXXXX`.
public enum TemporaryRoot {
    /// The parent of every scratch folder: `$TMPDIR` when set, else /tmp.
    public static var parent: String {
        ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// Whether scratch folders are kept for inspection (`NIANBAO_KEEP=1`) instead of removed.
    public static var keep: Bool { ProcessInfo.processInfo.environment["NIANBAO_KEEP"] == "1" }

    /// Makes a fresh, empty folder (mode 0700) and returns its path.
    public static func makePath(_ label: String) throws -> String {
        var template = Array("\(parent)/nianbao-\(label)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw TemporaryRootError(message: "mkdtemp \(parent)/nianbao-\(label)-XXXXXX: errno \(errno)") }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// ``makePath(_:)`` as a file URL.
    public static func make(_ label: String) throws -> URL { URL(fileURLWithPath: try makePath(label)) }

    /// Removes a scratch folder made here, unless `NIANBAO_KEEP=1` (then it says where it is).
    public static func remove(_ path: String) {
        if keep {
            print("kept \(path)")
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

/// A scratch folder could not be made.
public struct TemporaryRootError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
