import Foundation
import Glibc

/// The folder a systemd sandbox lives in (`/srv/<prefix>-XXXXXX`, outside the /tmp that PrivateTmp=
/// hides) and the units every sandbox boots with.
struct SandboxFolder {
    let path: String

    /// Makes a fresh folder `/srv/<prefix>-XXXXXX`, mode 0755.
    init(prefix: String) throws {
        var template = Array("/srv/\(prefix)-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw SandboxError("mkdtemp under /srv failed: errno \(errno)")
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        chmod(path, 0o755)
    }

    /// Writes `text` to `relative` inside the folder, making its parent folders.
    func write(_ relative: String, _ text: String, mode: mode_t = 0o644) throws {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, mode)
    }

    /// `units/`: a `test.target` wanting journald (and `wants`), stubs of the targets the shipped unit names
    /// (implicitly, by default dependencies, or in [Install]), and copies of the host's journald units.
    func writeBaseUnits(description: String, wants: [String] = []) throws {
        let journald = ["systemd-journald.socket", "systemd-journald-dev-log.socket", "systemd-journald.service"]
        try write("units/test.target", """
            [Unit]
            Description=\(description)
            Wants=\((journald + wants).joined(separator: " "))
            """)
        for stub in ["sysinit.target", "basic.target", "shutdown.target", "sockets.target", "multi-user.target"] {
            try write("units/\(stub)", "[Unit]\nDescription=stub \(stub) for the test sandbox\n")
        }
        for unit in journald {
            try write("units/\(unit)", try String(contentsOfFile: "/lib/systemd/system/\(unit)", encoding: .utf8))
        }
    }
}
