import Foundation
import Glibc
import Testing

extension NianbaoWatch {
    /// `[Register] Agencies=`: the agency directory in the running daemon, GBK and UTF-8 with BOM as Excel
    /// and WPS save it, REG-001 in its verdicts, and a reload that refuses a bad directory and keeps the old one.
    @Suite struct AgencyDirectory {
        /// Sample 004's agency (王村镇人民政府) is missing: the closest entry is 王村乡人民政府.
        static let withoutWangcun = "名称,别名,类型,联系人\r\n轵城镇人民政府,轵城镇,乡镇/街道,张三\r\n王村乡人民政府,,乡镇/街道,\r\n"
        static let withWangcun = withoutWangcun + "王村镇人民政府,王村镇,乡镇/街道,李四\r\n"
        /// Line 3 has a kind no directory may have.
        static let broken = "名称,类型\r\n轵城镇人民政府,乡镇/街道\r\n王村镇人民政府,村委会\r\n"

        /// `text` in GBK, through the C library's iconv (what Excel's 「CSV（逗号分隔）」 writes on a Chinese Windows).
        static func gbk(_ text: String) throws -> [UInt8] {
            let converter = iconv_open("GBK", "UTF-8")
            guard converter != iconv_t(bitPattern: -1) else { throw HarnessError("iconv has no GBK") }
            defer { iconv_close(converter) }
            var input = Array(text.utf8).map { CChar(bitPattern: $0) }
            var output = [CChar](repeating: 0, count: input.count * 2 + 16)
            let produced: Int = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                    var inLeft = inBuffer.count
                    var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                    var outLeft = outBuffer.count
                    guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 else { return -1 }
                    return outBuffer.count - outLeft
                }
            }
            guard produced >= 0 else { throw HarnessError("iconv could not write GBK") }
            return output.prefix(produced).map { UInt8(bitPattern: $0) }
        }

        static func write(_ path: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        }

        /// Sends SIGHUP and waits until the daemon has logged its answer (reloaded or refused).
        func reload(_ daemon: DaemonProcess) -> String {
            let before = daemon.stderrBytes.count
            daemon.send(SIGHUP)
            Posix.waitUntil("the reload answered") {
                let said = String(decoding: daemon.stderrBytes.dropFirst(before), as: UTF8.self)
                return said.contains("config reloaded") || said.contains("config not reloaded")
            }
            return String(decoding: daemon.stderrBytes.dropFirst(before), as: UTF8.self)
        }

        /// The REG-001 finding of a filed report, nil when it has none.
        func reg001(_ root: DaemonRoot, _ name: String) -> [String: Any]? {
            let json = root.findingsJSON("accepted", FileName(utf8: name)) ?? root.findingsJSON("rejected", FileName(utf8: name))
            return (json?["findings"] as? [[String: Any]] ?? []).first { $0["code"] as? String == "REG-001" }
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)), arguments: ["gbk", "utf8-bom"])
        func directoryIsReadAtStartAndUnknownAgenciesGetREG001NamingTheClosest(encoding: String) throws {
            try withRoot("agencies-\(encoding)") { root in
                let config = root.base + "/nianbao.conf"
                let agencies = root.base + "/agencies.csv"
                let text = Self.withoutWangcun
                try Self.write(agencies, encoding == "gbk" ? try Self.gbk(text) : [0xEF, 0xBB, 0xBF] + Array(text.utf8))
                try DaemonConfig.write(config, raw: "[Register]\nAgencies=\(agencies)\n")
                let daemon = try DaemonProcess(root: root, config: config)
                try daemon.waitUntilReady()
                #expect(daemon.stderr.contains("agency directory: 2 agencies"), "\(daemon.stderrTail())")
                try root.dropByRename(FileName(utf8: "zhicheng.txt"), try Nianbao.sample("000").bytes, expect: "accepted")
                try root.dropByRename(FileName(utf8: "wangcun.txt"), try Nianbao.sample("004").bytes, expect: "accepted")
                #expect(root.waitUntilDrained(), "\(daemon.stderrTail())")
                #expect(reg001(root, "zhicheng.txt") == nil, "an agency of the directory gets no REG-001")
                let finding = try #require(reg001(root, "wangcun.txt"), "an agency missing from the directory gets REG-001")
                #expect(finding["severity"] as? String == "warning")
                #expect((finding["messageZh"] as? String ?? "").contains("最接近的是：王村乡人民政府"), "\(finding)")
                #expect((finding["evidence"] as? String ?? "").contains("agencies.csv"), "\(finding)")
                #expect(root.problems().isEmpty, "\(root.problems())")
                let exit = daemon.stop()
                #expect(exit.status == 0, "\(exit)")
            }
        }

        @Test(.timeLimit(.minutes(hangGuardMinutes)))
        func reloadRefusesABadDirectoryWithItsLineAndKeepsTheOldOne() throws {
            try withRoot("agencies-reload") { root in
                let config = root.base + "/nianbao.conf"
                let agencies = root.base + "/agencies.csv"
                try Self.write(agencies, Array(Self.withoutWangcun.utf8))
                try DaemonConfig.write(config, raw: "[Register]\nAgencies=\(agencies)\n")
                let daemon = try DaemonProcess(root: root, config: config)
                try daemon.waitUntilReady()
                let sample = try Nianbao.sample("004").bytes

                try Self.write(agencies, try Self.gbk(Self.broken))
                let refused = reload(daemon)
                #expect(daemon.isRunning, "a bad directory must not stop the daemon")
                #expect(refused.contains("config not reloaded") && refused.contains("agencies.csv:3:"), "\(refused)")
                #expect(refused.contains("村委会"), "the refusal names the bad value: \(refused)")
                try root.dropByRename(FileName(utf8: "after-bad.txt"), sample, expect: "accepted")
                #expect(root.waitUntilDrained(), "\(daemon.stderrTail())")
                #expect(reg001(root, "after-bad.txt") != nil, "the old directory (without 王村镇) still applies")

                try Self.write(agencies, Array(Self.withWangcun.utf8))
                let reloaded = reload(daemon)
                #expect(reloaded.contains("config reloaded") && reloaded.contains("Agencies"), "\(reloaded)")
                try root.dropByRename(FileName(utf8: "after-good.txt"), sample + Array("\n".utf8), expect: "accepted")
                #expect(root.waitUntilDrained(), "\(daemon.stderrTail())")
                #expect(reg001(root, "after-good.txt") == nil, "the new directory has 王村镇人民政府")

                try FileManager.default.removeItem(atPath: agencies)
                let removed = reload(daemon)
                #expect(removed.contains("no agency directory"), "\(removed)")
                #expect(root.problems().isEmpty, "\(root.problems())")
                let exit = daemon.stop()
                #expect(exit.status == 0, "\(exit)")
            }
        }
    }
}
