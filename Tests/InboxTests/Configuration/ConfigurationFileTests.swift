import Foundation
import Inbox
import Testing

/// Loading `nianbao.conf` from disk, and the file the package ships in `etc/`.
@Suite struct ConfigurationFileTests {
    /// `etc/nianbao.conf` in the source tree.
    static let shippedPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("etc/nianbao.conf").path

    @Test func theShippedFileParsesToExactlyTheDefaults() throws {
        #expect(try DaemonConfiguration.load(path: Self.shippedPath) == InboxSettings())
    }

    /// Every key is shown commented out, and uncommenting all of them still gives the defaults.
    @Test func theShippedFileShowsEveryKeyWithItsDefault() throws {
        let text = try String(contentsOfFile: Self.shippedPath, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for name in DaemonConfiguration.keyNames {
            let parts = name.split(separator: ".")
            let (section, key) = (String(parts[0]), String(parts[1]))
            let header = try #require(lines.firstIndex(of: "[\(section)]"), "no [\(section)] section")
            let keyLine = try #require(lines.firstIndex { $0.hasPrefix("#\(key)=") }, "\(key) is not shown")
            #expect(keyLine > header, "\(key) is not under [\(section)]")
            let nextHeader = lines[(header + 1)...].firstIndex { $0.hasPrefix("[") } ?? lines.count
            #expect(keyLine < nextHeader, "\(key) is not under [\(section)]")
            #expect(lines[keyLine - 1].hasPrefix("# "), "\(key) has no explanation line above it")
        }
        let uncommented = lines.map { line in
            DaemonConfiguration.keyNames.contains { name in line.hasPrefix("#" + name.split(separator: ".")[1] + "=") }
                ? String(line.dropFirst()) : line
        }.joined(separator: "\n")
        #expect(try DaemonConfiguration.parse(text: uncommented, path: "uncommented") == InboxSettings())
    }

    @Test func aFileOnDiskIsReadAndParsed() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("nianbao.conf", Array("[Findings]\nLanguage=en\n".utf8))
        #expect(try DaemonConfiguration.load(path: path).language == .en)
    }

    @Test func errorsFromAFileNameItsPath() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("nianbao.conf", Array("[Inbox]\nRoot=/x\nSettelPeriod=2s\n".utf8))
        #expect(throws: ConfigurationError.self) { try DaemonConfiguration.load(path: path) }
        do {
            _ = try DaemonConfiguration.load(path: path)
        } catch {
            #expect(error.description.hasPrefix("\(path):3: unknown key \"SettelPeriod\" in [Inbox]"))
        }
    }

    @Test func aMissingFileIsReportedAsMissing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("absent.conf")
        do {
            _ = try DaemonConfiguration.load(path: path)
            Issue.record("a missing file loaded")
        } catch {
            #expect(error.isMissingFile)
            #expect(error.line == nil)
            #expect(error.description == "\(path): cannot read: No such file or directory (errno 2)")
        }
    }

    @Test func aDirectoryIsRefusedAndIsNotMissing() throws {
        let directory = try TemporaryDirectory()
        do {
            _ = try DaemonConfiguration.load(path: directory.path)
            Issue.record("a directory loaded")
        } catch {
            #expect(!error.isMissingFile)
            #expect(error.description == "\(directory.path): not a regular file")
        }
    }

    @Test func invalidUTF8IsRefusedNamingItsLine() throws {
        let directory = try TemporaryDirectory()
        // "语言" in GBK on line 2.
        let path = try directory.write("gbk.conf", Array("[Findings]\n# ".utf8) + [0xD3, 0xEF, 0xD1, 0xD4] + Array("\n".utf8))
        do {
            _ = try DaemonConfiguration.load(path: path)
            Issue.record("GBK text loaded")
        } catch {
            #expect(error.description == "\(path):2: not valid UTF-8")
        }
    }

    @Test func anOversizedFileIsRefusedUnparsed() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("big.conf", [UInt8](repeating: UInt8(ascii: "#"), count: DaemonConfiguration.maximumFileSize + 1))
        do {
            _ = try DaemonConfiguration.load(path: path)
            Issue.record("an oversized file loaded")
        } catch {
            #expect(error.description.hasPrefix("\(path): larger than"))
        }
    }
}
