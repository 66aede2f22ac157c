import NianbaoTestSupport
import Testing

@testable import ReportValidation

/// The deflate decoder against zlib's own streams and hand-made edge cases.
@Suite struct InflateTests {
    @Test(arguments: ["stored.deflate", "fixed.deflate", "dynamic.deflate"])
    func zlibStreamsDecodeToTheirSource(_ name: String) throws {
        let source = try DocxFixtures.bytes("inflate-source.txt")
        let output = try Inflate.decompress(try DocxFixtures.bytes(name), limit: 1 << 20)
        #expect(output == source)
    }

    @Test func anOutputLimitOfExactlyTheSizeIsEnough() throws {
        let source = try DocxFixtures.bytes("inflate-source.txt")
        let stream = try DocxFixtures.bytes("dynamic.deflate")
        #expect(try Inflate.decompress(stream, limit: source.count) == source)
        #expect(throws: InflateError.outputLimitExceeded(limit: source.count - 1)) {
            try Inflate.decompress(stream, limit: source.count - 1)
        }
    }

    @Test func storedThenFixedBlocksConcatenate() throws {
        var writer = DeflateBitWriter()
        writer.bits(1, 1)
        writer.bits(1, 2)
        for byte in "hi".utf8 { writer.fixedSymbol(Int(byte)) }
        writer.fixedSymbol(256)
        let stream = DeflateStreams.stored(Array("hello ".utf8), final: false) + writer.finished()
        #expect(try Inflate.decompress(stream, limit: 100) == Array("hello hi".utf8))
    }

    @Test func overlappingCopiesRepeatTheirSource() throws {
        #expect(
            try Inflate.decompress(DeflateStreams.bomb(matches: 10), limit: 10_000)
                == [UInt8](repeating: 97, count: 2581))
        #expect(
            try Inflate.decompress(DeflateStreams.fixedRun(matches: 3), limit: 10_000)
                == [UInt8](repeating: 97, count: 775))
    }

    @Test func emptyAndCutStreamsAreTruncated() throws {
        #expect(throws: InflateError.truncated) { try Inflate.decompress([], limit: 100) }
        let stream = try DocxFixtures.bytes("dynamic.deflate")
        for cut in [1, 3, 40, stream.count / 2, stream.count - 1] {
            #expect(throws: InflateError.truncated, "cut at \(cut)") {
                try Inflate.decompress(Array(stream.prefix(cut)), limit: 1 << 20)
            }
        }
        // A stored block whose data is cut short.
        #expect(throws: InflateError.truncated) {
            try Inflate.decompress(Array(DeflateStreams.stored([1, 2, 3]).dropLast()), limit: 10)
        }
    }

    @Test func reservedBlockTypeIsInvalid() {
        var writer = DeflateBitWriter()
        writer.bits(1, 1)
        writer.bits(3, 2)
        #expect(throws: InflateError.invalidBlockType) { try Inflate.decompress(writer.finished(), limit: 10) }
    }

    @Test func storedLengthMustMatchItsComplement() {
        #expect(throws: InflateError.storedLengthMismatch(length: 3, complement: 0)) {
            try Inflate.decompress([1, 3, 0, 0, 0, 1, 2, 3], limit: 10)
        }
    }

    @Test func aDistancePastTheStartIsTooFarBack() {
        var writer = DeflateBitWriter()
        writer.bits(1, 1)
        writer.bits(1, 2)
        writer.fixedSymbol(97)
        writer.fixedSymbol(257)  // length 3
        writer.code(1, length: 5)  // distance 2, with only one byte written
        writer.fixedSymbol(256)
        #expect(throws: InflateError.distanceTooFarBack(distance: 2, available: 1)) {
            try Inflate.decompress(writer.finished(), limit: 10)
        }
    }

    @Test func symbolsTheFixedCodeCanSpellButDeflateDoesNotDefineAreInvalid() {
        var literal = DeflateBitWriter()
        literal.bits(1, 1)
        literal.bits(1, 2)
        literal.fixedSymbol(286)
        #expect(throws: InflateError.invalidCode(table: "literal/length")) {
            try Inflate.decompress(literal.finished(), limit: 10)
        }
        var distance = DeflateBitWriter()
        distance.bits(1, 1)
        distance.bits(1, 2)
        distance.fixedSymbol(97)
        distance.fixedSymbol(257)
        distance.code(30, length: 5)
        #expect(throws: InflateError.invalidCode(table: "distance")) {
            try Inflate.decompress(distance.finished(), limit: 10)
        }
    }

    /// A dynamic block header (257 literal/length and 1 distance code lengths) with the given 19 code-length
    /// code lengths, followed by what `body` writes.
    private func dynamicHeader(codeLengthLengths: [Int], body: (inout DeflateBitWriter) -> Void) -> [UInt8] {
        var writer = DeflateBitWriter()
        writer.bits(1, 1)
        writer.bits(2, 2)
        writer.bits(0, 5)
        writer.bits(0, 5)
        writer.bits(15, 4)
        for length in codeLengthLengths { writer.bits(length, 3) }
        body(&writer)
        writer.bits(0, 32)  // padding, so the error is not mistaken for a truncation
        return writer.finished()
    }

    @Test func invalidCodeLengthSetsAreRejected() {
        // Every code-length symbol one bit long: nineteen one-bit codes cannot exist.
        let oversubscribed = dynamicHeader(codeLengthLengths: [Int](repeating: 1, count: 19)) { _ in }
        #expect(throws: InflateError.badCodeLengths("over-subscribed code")) {
            try Inflate.decompress(oversubscribed, limit: 10)
        }
        // Only symbol 16 (order position 0) has a code: one one-bit code is incomplete.
        let incomplete = dynamicHeader(codeLengthLengths: [1] + [Int](repeating: 0, count: 18)) { _ in }
        #expect(throws: InflateError.badCodeLengths("incomplete code")) {
            try Inflate.decompress(incomplete, limit: 10)
        }
        // 16 and 17 (positions 0, 1) with one bit each: "repeat previous" comes first.
        let noPrevious = dynamicHeader(codeLengthLengths: [1, 1] + [Int](repeating: 0, count: 17)) { writer in
            writer.code(0, length: 1)
        }
        #expect(throws: InflateError.badCodeLengths("repeat with no previous length")) {
            try Inflate.decompress(noPrevious, limit: 10)
        }
        // Only zeros (17 repeated): no end-of-block code.
        let noEnd = dynamicHeader(codeLengthLengths: [1, 1] + [Int](repeating: 0, count: 17)) { writer in
            for _ in 0..<25 {
                writer.code(1, length: 1)
                writer.bits(7, 3)
            }
            writer.code(1, length: 1)
            writer.bits(5, 3)
        }
        #expect(throws: InflateError.badCodeLengths("no end-of-block code")) {
            try Inflate.decompress(noEnd, limit: 10)
        }
    }

    @Test func aBombStopsAtTheLimitWithoutGoingFurther() {
        let stream = DeflateStreams.bomb(matches: 4_000_000)  // 1 GB from 1 MB
        let clock = ThreadCPUClock()  // CPU time: a busy machine does not count against the case
        let start = clock.now()
        #expect(throws: InflateError.outputLimitExceeded(limit: 1 << 20)) {
            try Inflate.decompress(stream, limit: 1 << 20)
        }
        #expect(clock.now() - start < .seconds(2))
    }

    @Test func crc32MatchesTheStandardCheckValue() throws {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        let source = try DocxFixtures.bytes("inflate-source.txt")
        #expect(CRC32.checksum(source) == ZipWriter.crc32(source))
    }
}
