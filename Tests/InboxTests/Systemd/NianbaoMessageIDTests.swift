import Foundation
import Testing

@testable import Inbox

/// The MESSAGE_IDs in code and the catalog shipped in systemd/ must agree, or `journalctl -x` explains nothing.
struct NianbaoMessageIDTests {
    static let catalogPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("systemd/nianbao.catalog").path

    /// The catalog's entries: ID → header and body lines.
    static func catalogEntries() throws -> [String: [String]] {
        let text = try String(contentsOfFile: catalogPath, encoding: .utf8)
        var entries: [String: [String]] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- ") {
                current = String(line.dropFirst(3))
                #expect(entries[current!] == nil, "duplicate catalog entry \(current!)")
                entries[current!] = []
            } else if let current {
                entries[current]!.append(String(line))
            }
        }
        return entries
    }

    @Test func idsAreDistinct128BitHex() {
        let ids = NianbaoMessageID.allCases.map(\.rawValue)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.count == 32 && id.allSatisfy { $0.isHexDigit && !$0.isUppercase }, "\(id)")
        }
    }

    @Test func everyIDHasACatalogEntryAndNothingElseDoes() throws {
        let entries = try Self.catalogEntries()
        #expect(Set(entries.keys) == Set(NianbaoMessageID.allCases.map(\.rawValue)))
        for (id, lines) in entries {
            #expect(lines.contains { $0.hasPrefix("Subject: ") }, "\(id) has no Subject")
            #expect(lines.contains("Defined-By: nianbao"), "\(id) has no Defined-By: nianbao")
            #expect(lines.contains { $0.hasPrefix("Documentation: ") }, "\(id) has no Documentation")
            #expect(lines.filter { !$0.isEmpty && !$0.contains(": ") }.count >= 2, "\(id) has no body")
        }
    }

    @Test func verdictEntriesNameTheReport() throws {
        let entries = try Self.catalogEntries()
        for id in [NianbaoMessageID.accepted, .rejected, .deferred] {
            #expect(entries[id.rawValue]?.contains { $0.contains("@NIANBAO_REPORT@") } == true, "\(id)")
        }
    }

    @Test func metadataCarriesTheID() {
        #expect(NianbaoMessageID.accepted.metadata == ["message_id": "937770c0924045d5a8204c36a07cf0fd"])
    }
}
